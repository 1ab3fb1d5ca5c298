"""The real book at the project root renders with the built-in engine (the session's shared
cold render, also used by the determinism, back-test and parity tiers)."""

from __future__ import annotations

import re

import pytest

from analysis.engine.book import load_book
from analysis.paths import project_root


@pytest.mark.slow
def test_real_book_renders_to_html(book_render):
    root = book_render("first")
    book = load_book(project_root())
    out = root / "_book"
    assert (out / "index.html").is_file()
    for chapter in book.sources:
        page = (out / chapter).with_suffix(".html")
        # the book's title block on the first page is an <h1> without id; chapters have ids
        assert len(re.findall(r"<h1[^>]*\bid=", page.read_text("utf-8"))) == 1, chapter
    assert "NorCRIN brukerundersøkelse 2025" in (out / "index.html").read_text("utf-8")
