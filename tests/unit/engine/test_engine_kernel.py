"""The kernel bootstrap's inline helper, and the book's slug."""

from __future__ import annotations

from analysis.engine.book import Book


def test_slug_is_ascii():
    assert Book(root=None, title="NorCRIN brukerundersøkelse 2025").slug == (
        "NorCRIN-brukerundersokelse-2025")
