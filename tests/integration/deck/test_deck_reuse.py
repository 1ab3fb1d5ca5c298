"""The built-in render reuses the built deck while nothing it reads has changed: a second
render of an unchanged book writes no deck (no pandoc, no charts, no LibreOffice) and
publishes the same file; a change in the deck's folder is seen."""

from __future__ import annotations

import shutil

import pytest

from analysis.engine import deck
from analysis.engine.render import render_book

pytestmark = pytest.mark.slow


def _no_deck(*args, **kwargs):
    raise AssertionError("the deck was written again for an unchanged book")


def test_an_unchanged_book_reuses_the_built_deck(book_render, tmp_path, monkeypatch):
    root = tmp_path / "book"
    shutil.copytree(book_render("first"), root)  # sources and the chapters' caches
    render_book(root, ("pptx",), log=lambda line: None)
    (pptx,) = (root / "_book").glob("*.pptx")
    first = pptx.read_bytes()
    lines = []
    with monkeypatch.context() as patch:
        patch.setattr(deck, "write_deck", _no_deck)
        render_book(root, ("pptx",), log=lines.append)
    assert pptx.read_bytes() == first
    assert f"pptx: {pptx.name} (unchanged)" in lines


def test_the_decks_key_reads_every_file_of_its_folder(book_render, tmp_path):
    root = tmp_path / "book"
    shutil.copytree(book_render("first") / "deck", root / "deck")
    before = deck.deck_files(root)
    assert any(b.startswith(deck.SOURCE.encode() + b"\0") for b in before)
    (root / "deck" / "filter-of-its-own.lua").write_text("-- a new filter\n", encoding="utf-8")
    assert deck.deck_files(root) != before
