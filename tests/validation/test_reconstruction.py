"""The bundled exports are exactly what the reconstruction produces from the ledger."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from analysis.ledger import load_ledger, wave_respondents
from analysis.paths import exports_dir, project_root
from analysis.questionnaire import QuestionType, load_questionnaire
from analysis.reconstruct.command import reconstruct
from analysis.reconstruct.ledger_solve import solve_ledger


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    out = tmp_path_factory.mktemp("exports")
    return out, reconstruct(out=out)


def test_regenerating_gives_byte_identical_files(regenerated):
    out, written = regenerated
    assert {p.name for p in written} >= {"forms-2025.xlsx", "forms-2023.xlsx", "MANIFEST.yaml"}
    for path in written:
        bundled = exports_dir() / path.name
        assert bundled.read_bytes() == path.read_bytes(), (
            f"{bundled} differs from a fresh `python -m analysis reconstruct`; regenerate it"
        )


def test_summarize_on_the_2025_export_matches_the_solved_counts():
    ledger = load_ledger()
    questionnaire = load_questionnaire(2025)
    solutions = solve_ledger(ledger.of_year(2025), {2025: questionnaire},
                             {2025: wave_respondents(ledger, 2025)})
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "summarize", str(exports_dir() / "forms-2025.xlsx"),
         "--questionnaire", str(project_root() / "data/questionnaires/2025.yaml"), "--json"],
        capture_output=True, text=True, check=True,
    )
    summary = json.loads(result.stdout)
    assert summary["respondents"] == 186  # published: "fikk totalt 186 svar"
    checked = 0
    for (_, qid), sol in solutions.items():
        if sol.n is None:
            continue
        assert summary[qid]["n"] == sol.n, qid
        if questionnaire.question(qid).type is QuestionType.TEXT:
            continue
        got = {str(k): v for k, v in summary[qid]["counts"].items()}
        assert got == {str(k): v for k, v in sol.counts.items()}, qid
        checked += 1
    assert checked >= 12
