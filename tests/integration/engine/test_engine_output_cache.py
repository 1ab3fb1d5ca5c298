"""Cached renders rebuild only changed outputs and give the same bytes as a cold render."""

from __future__ import annotations

import json
import shutil

import pytest
from conftest import CHAPTER, write_book

from analysis.engine.render import render_book

# A shown warning names the kernel's temporary file (/tmp/ipykernel_<pid>/...), which differs
# from one execution to the next; the cold render re-executes, so the book here shows none.
STEADY = CHAPTER.replace('warnings.warn("synlig advarsel")', 'print("ingen advarsel")')


def _files(book):
    """Every file of a rendered book but the run log (which records timings)."""
    return {str(p.relative_to(book)): p.read_bytes() for p in sorted(book.rglob("*"))
            if p.is_file() and p.name != "render-log.json"}


def _render(root, use_cache=True):
    lines: list[str] = []
    render_book(root, ("html", "pdf"), use_cache=use_cache, log=lines.append)
    return lines


def test_unchanged_book_reuses_every_page_and_the_pdf(tiny_book):
    root = tiny_book()
    _render(root)
    log = json.loads((root / "_book" / "render-log.json").read_text(encoding="utf-8"))
    # the profile `make bench` prints: the render's phases and each executed chapter's
    assert {"fingerprint", "chapters (wall)", "outputs (after the chapters)", "html: pandoc",
            "pdf: typst compile"} <= set(log["phases"])
    assert all({"kernel start", "bootstrap cell"} <= set(c["phases"]) for c in log["chapters"])
    # the libraries are imported once, by the fork server (Linux), or by each kernel
    assert ("fork server: imports (in the server)" in log["phases"]
            or all("imports" in c["phases"] for c in log["chapters"]))
    first = _files(root / "_book")
    lines = _render(root)
    assert any("(0 rebuilt)" in line for line in lines), lines
    assert any("(unchanged)" in line for line in lines), lines
    assert _files(root / "_book") == first


@pytest.fixture(scope="module")
def steady_book(tmp_path_factory):
    """The tiny book with :data:`STEADY`, rendered once with the cache; each edit case below
    starts from a copy of it (sources, caches and ``_book/``), as from its own first render."""
    assert STEADY != CHAPTER
    root = write_book(tmp_path_factory.mktemp("steady"), chapter=STEADY)
    _render(root)
    return root


@pytest.mark.parametrize(("source", "old", "new", "pages_rebuilt", "executes", "shown"), [
    # prose of one chapter: its page and the PDF only, nothing executes
    ("index.qmd", "Blåbærsyltetøy", "Tyttebærsyltetøy", 1, False, "Tyttebærsyltetøy"),
    # a chapter title is in every page's sidebar and page navigation: every page
    ("chapters/01-tall.qmd", "# Tall {#sec-tall}", "# Tallene {#sec-tall}", 2, False, "Tallene"),
    # new lines above inline expressions and a caption: the trace's line numbers move
    ("chapters/01-tall.qmd", "Summen er", "Ny setning.\n\nOg en til.\n\nSummen er", 1, False,
     "Og en til."),
    ("chapters/01-tall.qmd", '"Kurve over svar"', '"Kurve over alle svar"', 1, False,
     "Kurve over alle svar"),
    # an inline expression: the chapter executes again
    ("chapters/01-tall.qmd", "`{python} 6 * 7`", "`{python} 6 * 8`", 1, True, ">48<"),
])
def test_edit_then_cached_render_equals_cold_render(steady_book, tmp_path, tmp_path_factory,
                                                    source, old, new, pages_rebuilt, executes,
                                                    shown):
    root = tmp_path / "book"
    shutil.copytree(steady_book, root)
    executions = (root / "executions.txt").read_text()
    path = root / source
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    lines = _render(root)
    # the chapter's kernel ran again only for a change to what it executes
    assert ((root / "executions.txt").read_text() != executions) is executes
    log = json.loads((root / "_book" / "render-log.json").read_text(encoding="utf-8"))
    assert [c["cached"] for c in log["chapters"]] == [True, not executes]
    assert any(f"({pages_rebuilt} rebuilt)" in line for line in lines), lines
    assert not any("(unchanged)" in line for line in lines), lines
    cached = _files(root / "_book")
    kept = tmp_path_factory.mktemp("cached") / "_book"
    shutil.copytree(root / "_book", kept)
    _render(root, use_cache=False)  # cold: every chapter executed, every output rebuilt
    cold = _files(root / "_book")
    assert cached.keys() == cold.keys()
    assert [name for name in cold if cached[name] != cold[name]] == []
    assert shown in cold["index.html" if source == "index.qmd"
                         else "chapters/01-tall.html"].decode()
