"""A prose edit of the real book: rendered incrementally without starting any chapter's kernel,
and the book is the same, byte for byte, as a cold render of the edited sources (made in the
background, as ``python -m analysis render`` in a copy of its own)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from cli_render import cli_render

from analysis.engine import book_execution
from analysis.engine.project import copy_project
from analysis.engine.render import render_book
from analysis.paths import project_root

CHAPTER = "chapters/04-2-kjennskap.qmd"
SENTENCE = "ikke nødvendigvis alle NorCRINs brukere"
EDITED = "ikke nødvendigvis alle som bruker NorCRINs tjenester"


def _tree(book):
    """Every file of a rendered book but the run log (which records timings)."""
    return {str(p.relative_to(book)): p.read_bytes() for p in sorted(book.rglob("*"))
            if p.is_file() and p.name != "render-log.json"}


def _edit(path: Path) -> None:
    """The prose edit: one sentence changed, with a new line too, so every inline value below
    it moves (the trace records lines)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(SENTENCE) == 1
    path.write_text(text.replace(SENTENCE, EDITED.replace(" som ", "\nsom ")),
                    encoding="utf-8")


def _cold_render_of_the_edit(folder: Path) -> Path:
    """A copy of the project in ``folder`` with the edit, rendered cold (HTML and PDF) as an
    author would: its ``_book/``."""
    root = copy_project(project_root(), folder / "cold")
    _edit(root / CHAPTER)
    cli_render(root, "--to", "html,pdf", "--no-cache")
    return root / "_book"


def request_background_renders(background, items) -> None:
    """The cold render of the edited sources runs in the background (``BackgroundRenders`` in
    tests/conftest.py), in a process of its own, while the rest of the suite runs."""
    background.request("prose-edit-cold", _cold_render_of_the_edit, items[0][0])


def _no_kernel(*args, **kwargs):
    raise AssertionError("a chapter kernel was started for a prose edit")


@pytest.mark.slow
def test_prose_edit_renders_without_kernels_and_equals_a_cold_render(book_render, request,
                                                                     tmp_path, monkeypatch):
    rendered = book_render("first")
    root = tmp_path / "incremental"
    shutil.copytree(rendered, root)  # sources, the freeze and output caches, _book/
    _edit(root / CHAPTER)
    with monkeypatch.context() as patch:
        for name in ("ChapterKernel", "ForkServer", "prepared_kernel"):
            patch.setattr(book_execution, name, _no_kernel)
        render_book(root, ("html", "pdf"), log=lambda line: None)
    log = json.loads((root / "_book" / "render-log.json").read_text(encoding="utf-8"))
    assert all(c["cached"] for c in log["chapters"])
    page = (root / "_book" / CHAPTER.replace(".qmd", ".html")).read_text(encoding="utf-8")
    assert EDITED in " ".join(page.split())  # pandoc wraps lines its own way

    background = request.config.pluginmanager.get_plugin("norcrin-background-renders")
    if "prose-edit-cold" in background:
        cold = background.result("prose-edit-cold")
    else:
        cold = _cold_render_of_the_edit(tmp_path)
    incremental, full = _tree(root / "_book"), _tree(cold)
    assert incremental.keys() == full.keys()
    assert any(name.endswith(".pdf") for name in full)
    differing = sorted(name for name in full if incremental[name] != full[name])
    assert not differing, f"files differ from a cold render: {differing}"
