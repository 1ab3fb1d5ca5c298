"""The bundled reconstructed exports are exactly what the reconstruction produces from the
ledger, and a run leaves the bundled manifest as it is."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from analysis.commands.reconstruct import reconstruct
from analysis.ledger import load_ledger, wave_respondents
from analysis.paths import project_root, reconstructed_dir
from analysis.questionnaire import QuestionType, load_questionnaire
from analysis.reconstruct.ledger_solve import solve_ledger


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory):
    """A fresh reconstruction in a copy of data/ without the bundled reconstructed files."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(project_root() / "data", root / "data",
                    ignore=shutil.ignore_patterns("reconstructed"))
    return root, reconstruct(root)


def test_regenerating_gives_byte_identical_files(regenerated):
    root, result = regenerated
    assert {p.name for p in result.files} == {"forms-2025.xlsx", "forms-2023.xlsx",
                                              "reconstruction-2025.yaml",
                                              "reconstruction-2023.yaml",
                                              "codebook.yaml", "decisions.csv",
                                              "ledger-consistency.yaml"}
    for path in [*result.files, result.manifest]:
        bundled = project_root() / path.relative_to(root)
        assert bundled.read_bytes() == path.read_bytes(), (
            f"{bundled} differs from a fresh `python -m analysis reconstruct`; regenerate it"
        )
    assert {a.what for a in result.actions} == {"unchanged"}


def test_summarize_on_the_2025_export_matches_the_solved_counts():
    ledger = load_ledger()
    questionnaire = load_questionnaire(2025)
    solutions = solve_ledger(ledger.of_year(2025), {2025: questionnaire},
                             {2025: wave_respondents(ledger, 2025)})
    result = subprocess.run(
        [sys.executable, "-m", "analysis", "summarize",
         str(reconstructed_dir() / "forms-2025.xlsx"),
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
