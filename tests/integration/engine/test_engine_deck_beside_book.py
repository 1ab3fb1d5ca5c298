"""`render` with Quarto builds the deck beside the book (a thread of its own) and publishes
it after the book; a failed book publishes neither.

The two renders are stand-ins (the parity tier and ``make report`` run the real ones): the
stand-in book waits until the deck has started, so a run that built them one after the
other would time out here.
"""

from __future__ import annotations

import threading

import pytest
from conftest import write_book

from analysis.commands import render as command
from analysis.engine.deck import deck_names
from analysis.engine.errors import RenderError

WAIT = 30  # seconds the stand-in book waits for the deck to start


@pytest.fixture
def root(tmp_path):
    root = write_book(tmp_path / "book")
    (root / "_book").mkdir()
    (root / "_book" / "index.html").write_text("the last good book", encoding="utf-8")
    return root


class _Checked:
    """A data check that has passed (the deck waits for its bundle)."""

    def result(self):
        return None


def _stand_ins(monkeypatch, root, book_fails: bool = False):
    deck_started = threading.Event()
    seen = {}

    def build_deck(root_, quarto, folder, use_cache, log, bundle):
        deck_started.set()
        seen["deck thread"] = threading.current_thread().name
        for name in deck_names(root_):
            (folder / name).write_text(f"{name} by the stand-in", encoding="utf-8")

    def render_book(root_, quarto, formats, **options):
        seen["book thread"] = threading.current_thread().name
        if not deck_started.wait(WAIT):
            raise AssertionError("the deck did not start while the book rendered")
        if book_fails:
            raise RenderError("quarto exited with 1; _book left as it was")
        (root_ / "_book" / "index.html").write_text("the new book", encoding="utf-8")

    monkeypatch.setattr(command, "build_deck_with_quarto", build_deck)
    monkeypatch.setattr(command, "render_with_quarto", render_book)
    return seen


def test_the_deck_is_built_beside_the_book_and_published_after_it(root, monkeypatch):
    seen = _stand_ins(monkeypatch, root)
    command._book_and_deck_with_quarto(root, object(), ("html", "pdf"), True, _Checked())
    assert seen["book thread"] != seen["deck thread"]
    assert (root / "_book" / "index.html").read_text(encoding="utf-8") == "the new book"
    for name in deck_names(root):
        assert (root / "_book" / name).read_text(encoding="utf-8").endswith("by the stand-in")
    assert not list(root.glob("._book-staging-*"))


def test_a_failed_book_publishes_no_deck(root, monkeypatch):
    _stand_ins(monkeypatch, root, book_fails=True)
    with pytest.raises(RenderError, match="left as it was"):
        command._book_and_deck_with_quarto(root, object(), ("html", "pdf"), True, _Checked())
    assert (root / "_book" / "index.html").read_text(encoding="utf-8") == "the last good book"
    assert not any((root / "_book" / name).exists() for name in deck_names(root))
