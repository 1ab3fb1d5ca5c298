"""The data-text filter stops real Quarto with its own reason, not a Lua traceback.

Inside Quarto a filter's ``error`` only logs (quarto-cli share/filters/common/log.lua), so the
filter used to go on and fail on a nil value ("attempt to index a nil value"), which names no
chapter problem. The built-in engine's side of the same messages is in
tests/unit/report/test_not_asked.py.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.engine.quarto import find_quarto
from analysis.paths import project_root

FILTER = project_root() / "analysis" / "display" / "data_text.lua"


@pytest.mark.parametrize("body, reason", [
    # what `quarto render --no-execute` gives a chapter: the setup cell's marker is missing
    ('::: {.question qid="q02"}\n\n## Spørsmål\n\nTekst.\n\n:::\n',
     "the .question div of q02 needs the chapter's marker"),
    ('[]{.asked qids="q01"}\n\n::: {.question qid="q07"}\n\nTekst.\n\n:::\n',
     "the .question div names q07, which no wave of the bundle asked"),
])
def test_a_wrong_question_div_stops_quarto_with_the_filters_reason(tmp_path: Path, body, reason):
    document = tmp_path / "kapittel.qmd"
    document.write_text(f'---\ntitle: Kapittel\nfilters:\n  - "{FILTER}"\n---\n\n{body}',
                        encoding="utf-8")
    env = {**os.environ, "QUARTO_PYTHON": os.environ.get("QUARTO_PYTHON", sys.executable)}
    quarto = find_quarto()
    assert quarto is not None  # the tier is skipped without one (conftest.py)
    run = subprocess.run([quarto.path, "render", document.name, "--to", "html"],
                         cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300)
    output = run.stdout + run.stderr
    assert run.returncode != 0, output
    assert reason in output
    assert "attempt to index" not in output and "nil value" not in output, output
    assert not (tmp_path / "kapittel.html").exists()
