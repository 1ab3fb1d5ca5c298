"""The auditor's guarantee: every published figure is reproduced by the data in use, or it is
on the inconsistency list with the arithmetic that shows why no data could reproduce it.

Expected values here come from the published report (the ledger), never from our output.
"""

from __future__ import annotations

import shutil

import openpyxl
import pytest

from analysis.audit import audit_figures, status_counts
from analysis.bundle import load_bundle
from analysis.engine.project import copy_project
from analysis.paths import project_root

REPRODUCED = {"reproduced", "within-rounding"}


def test_every_published_figure_is_reproduced_or_explained(audit):
    counts = status_counts(audit)
    inconsistent = int(audit["inconsistent"].sum())
    # The summary line the closing note quotes; -s shows it, -rA keeps it in the report.
    print(f"\nledger: {len(audit)} figures: {counts['reproduced']} reproduced exactly, "
          f"{counts['within-rounding']} within rounding, {counts['not-reproducible']} not "
          f"reproducible ({inconsistent} of all figures proven inconsistent), "
          f"{counts['not-derivable']} not derivable from answers")
    unexplained = audit[
        ~audit["status"].isin(REPRODUCED | {"not-derivable"})
        & ~(audit["inconsistent"] & audit["inconsistency"].fillna("").str.len().gt(0))
    ]
    assert unexplained.empty, unexplained[["id", "status", "explanation"]].to_string()
    assert not audit["explanation"].isna().any()
    # Every not-derivable figure says why (context, free-text category, no data for the year).
    derivable_reasons = audit.loc[audit["status"] == "not-derivable", "explanation"]
    assert derivable_reasons.str.len().gt(0).all()


def test_figures_the_solver_keeps_are_reproduced(audit):
    kept = audit[~audit["inconsistent"] & (audit["status"] != "not-derivable")]
    wrong = kept[~kept["status"].isin(REPRODUCED)]
    assert wrong.empty, wrong[["id", "explanation"]].to_string()


def test_q11_2023_distribution_is_flagged_with_the_grim_arithmetic(audit):
    # Published 2023: n = 60, twelve 5s, thirty-seven 4s, two 2s, no 1s, mean 4,17.
    # 60 - 51 = 9 respondents left, who can only have scored 3: sum 212 + 27 = 239, mean 3,98.
    row = audit.set_index("id").loc["r25-q11-y2023-mean"]
    assert row["status"] == "not-reproducible"
    assert row["inconsistent"]
    assert "239" in row["inconsistency"] and "4,17" in row["inconsistency"]


def test_report_level_totals_are_reproduced(audit):
    totals = audit.set_index("id")
    assert totals.loc["r25-sum-y2025-respondents-n", "recomputed"] == 186
    assert totals.loc["r25-sum-y2023-respondents-n", "recomputed"] == 155
    assert totals.loc["r25-met-questions-count", "status"] == "reproduced"


@pytest.fixture()
def perturbed_root(tmp_path):
    """A copy of the project whose 2025 export has one answer changed (see the test)."""
    root = copy_project(project_root(), tmp_path / "project")
    return root


def test_changing_one_answer_makes_the_validation_name_the_figure(perturbed_root, bundle):
    # One respondent who said "Studiesykepleier/…" to Q1 now says "Forsker/utprøver" instead.
    # The report publishes 75 study nurses and 29 researchers in 2025 (section 4.1).
    export = perturbed_root / "data" / "reconstructed" / "forms-2025.xlsx"
    q1 = bundle.current.questionnaire.question("q01")
    nurse, researcher = q1.options[2].label, q1.options[0].label
    book = openpyxl.load_workbook(export)
    sheet = book.worksheets[0]
    header = [c.value for c in sheet[1]]
    column = header.index(q1.text) + 1
    for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
        if cell.value and nurse in cell.value and researcher not in cell.value:
            cell.value = cell.value.replace(nurse, researcher)  # edit one answer in the file
            break
    book.save(export)
    before = audit_figures(bundle).set_index("id")["status"]
    after = audit_figures(load_bundle(perturbed_root)).set_index("id")["status"]
    changed = sorted(after.index[(before != after) & ~after.isin(REPRODUCED)])
    assert "r25-q01-y2025-studiesykepleier-count" in changed
    assert "r25-q01-y2025-forsker-count" in changed
    shutil.rmtree(perturbed_root)
