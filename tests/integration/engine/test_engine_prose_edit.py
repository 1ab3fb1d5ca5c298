"""A prose edit of the real book: rendered incrementally without starting any chapter's kernel,
and the book is the same, byte for byte, as a cold render of the edited sources."""

from __future__ import annotations

import json
import shutil

import pytest

from analysis.engine import book_execution
from analysis.engine.project import copy_project
from analysis.engine.render import render_book

CHAPTER = "chapters/04-2-kjennskap.qmd"
SENTENCE = "ikke nødvendigvis alle NorCRINs brukere"
EDITED = "ikke nødvendigvis alle som bruker NorCRINs tjenester"


def _tree(book):
    """Every file of a rendered book but the run log (which records timings)."""
    return {str(p.relative_to(book)): p.read_bytes() for p in sorted(book.rglob("*"))
            if p.is_file() and p.name != "render-log.json"}


def _no_kernel(*args, **kwargs):
    raise AssertionError("a chapter kernel was started for a prose edit")


@pytest.mark.slow
def test_prose_edit_renders_without_kernels_and_equals_a_cold_render(book_render,
                                                                     tmp_path, monkeypatch):
    rendered = book_render("first")
    root = tmp_path / "incremental"
    shutil.copytree(rendered, root)  # sources, the freeze and output caches, _book/
    path = root / CHAPTER
    text = path.read_text(encoding="utf-8")
    assert text.count(SENTENCE) == 1
    # a new line too, so every inline value below it moves (the trace records lines)
    path.write_text(text.replace(SENTENCE, EDITED.replace(" som ", "\nsom ")),
                    encoding="utf-8")
    with monkeypatch.context() as patch:
        for name in ("ChapterKernel", "ForkServer", "prepared_kernel"):
            patch.setattr(book_execution, name, _no_kernel)
        render_book(root, ("html", "pdf"), log=lambda line: None)
    log = json.loads((root / "_book" / "render-log.json").read_text(encoding="utf-8"))
    assert all(c["cached"] for c in log["chapters"])
    page = (root / "_book" / CHAPTER.replace(".qmd", ".html")).read_text(encoding="utf-8")
    assert EDITED in " ".join(page.split())  # pandoc wraps lines its own way

    cold = copy_project(root, tmp_path / "cold")
    render_book(cold, ("html", "pdf"), use_cache=False, log=lambda line: None)
    incremental, full = _tree(root / "_book"), _tree(cold / "_book")
    assert incremental.keys() == full.keys()
    assert any(name.endswith(".pdf") for name in full)
    differing = sorted(name for name in full if incremental[name] != full[name])
    assert not differing, f"files differ from a cold render: {differing}"
