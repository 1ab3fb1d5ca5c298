"""The data-text filter stops real Quarto with its own reason, not a Lua traceback; a failed
or interrupted render leaves the sources as they were; a failed deck or pack says why.

Inside Quarto a filter's ``error`` only logs (quarto-cli share/filters/common/log.lua), so the
filter used to go on and fail on a nil value ("attempt to index a nil value"), which names no
chapter problem. The built-in engine's side of the same messages is in
tests/unit/report/test_not_asked.py.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from analysis.engine.deck import SOURCE as DECK_SOURCE
from analysis.engine.deck import build_deck_with_quarto
from analysis.engine.document import Run, render_runs_with_quarto
from analysis.engine.errors import RenderError
from analysis.engine.project import copy_project
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


def _files(root: Path) -> set[str]:
    # the git-ignored caches a render keeps on purpose are not part of the sources
    caches = {".quarto", ".cache", "_freeze", "_review"}
    return {str(p.relative_to(root)) for p in root.rglob("*")
            if p.is_file() and not caches & set(p.relative_to(root).parts)}


def _project(tmp_path: Path) -> Path:
    root = copy_project(project_root(), tmp_path / "project")
    shutil.copy(project_root() / ".gitignore", root)  # Quarto writes one where there is none
    return root


def _render_env(root: Path) -> dict[str, str]:
    return {**os.environ, "NORCRIN_ROOT": str(root),
            "QUARTO_PYTHON": os.environ.get("QUARTO_PYTHON", sys.executable)}


def test_a_failed_quarto_render_leaves_the_sources_as_they_were(tmp_path: Path):
    # Quarto writes each chapter's kept notebook and figures folder beside its source and
    # tidies them only when the render succeeds; the second chapter (it has a figure) fails.
    root = _project(tmp_path)
    chapter = root / "chapters" / "01-hovedfunn.qmd"
    chapter.write_text(chapter.read_text(encoding="utf-8")
                       + '\n::: {.question qid="q99"}\n\nTekst.\n\n:::\n', encoding="utf-8")
    before = _files(root)
    run = subprocess.run([sys.executable, "-m", "analysis", "render", "--engine", "quarto",
                          "--to", "html"], cwd=root, env=_render_env(root),
                         capture_output=True, text=True, timeout=600)
    output = run.stdout + run.stderr
    assert run.returncode == 1, output
    assert "the .question div of q99 needs the chapter's marker" in output
    assert "removed what the failed run left beside the sources" in output, output
    assert _files(root) == before
    assert not (root / "chapters" / "01-hovedfunn_files").exists()


def test_a_quarto_render_stopped_by_sigterm_leaves_the_sources_as_they_were(tmp_path: Path):
    # Stopped while Quarto is in the second chapter: its figures folder is there, and so are
    # all the kept notebooks; the render's SIGTERM handler exits through the clean-up.
    root = _project(tmp_path)
    before = _files(root)
    figures = root / "chapters" / "01-hovedfunn_files"
    log = tmp_path / "render.log"  # a file, not a pipe nobody reads while waiting
    with log.open("w") as sink:
        render = subprocess.Popen([sys.executable, "-m", "analysis", "render", "--engine",
                                   "quarto", "--to", "html"], cwd=root, env=_render_env(root),
                                  stdout=sink, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + 300
            while not figures.exists() and render.poll() is None and \
                    time.monotonic() < deadline:
                time.sleep(0.1)
            assert figures.exists(), "the render never reached the second chapter's figures"
            render.send_signal(signal.SIGTERM)
            render.wait(timeout=120)
        finally:
            if render.poll() is None:
                render.kill()
    output = log.read_text(encoding="utf-8")
    assert render.returncode != 0, output
    assert "removed what the failed run left beside the sources" in output, output
    assert _files(root) == before


FAILING_CELL = '```{python}\nraise RuntimeError("feiler med vilje")\n```\n'


def test_a_pack_that_fails_under_quarto_says_why(tmp_path: Path):
    # The packs' Quarto output is captured and shown only on failure; with Quarto's --quiet
    # the error had nothing to show, not even the cell's exception.
    source = tmp_path / "pakke.qmd"
    source.write_text(f"---\ntitle: Pakke\n---\n\n{FAILING_CELL}", encoding="utf-8")
    quarto = find_quarto()
    assert quarto is not None
    with pytest.raises(RenderError) as failure:
        render_runs_with_quarto(project_root(), quarto, str(source), [Run("pakke")],
                                tmp_path / "ut", formats=("html",), log=lambda line: None)
    assert "(pakke): quarto exited with 1" in str(failure.value)
    assert "feiler med vilje" in str(failure.value)


def test_a_deck_that_fails_under_quarto_says_why(tmp_path: Path):
    root = _project(tmp_path)
    deck = root / DECK_SOURCE
    head, body = deck.read_text(encoding="utf-8").split("\n---\n", 1)
    deck.write_text(f"{head}\n---\n\n{FAILING_CELL}\n{body}", encoding="utf-8")
    quarto = find_quarto()
    assert quarto is not None
    with pytest.raises(RenderError) as failure:
        build_deck_with_quarto(root, quarto, tmp_path / "ut", log=lambda line: None)
    assert f"rendering {DECK_SOURCE}" in str(failure.value)
    assert "feiler med vilje" in str(failure.value)
