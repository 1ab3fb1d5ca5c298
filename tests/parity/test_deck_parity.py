"""Quarto and the built-in engine give the same presentation: slide by slide, the layout,
every text (title, bullets, table cells), the native charts' data, the alt texts, the speaker
notes and where each shape sits.

Each engine renders ``deck/presentasjon.qmd`` in its own copy of the project (the deck does not
need the book); Quarto's render runs in the background while the suite runs. Skipped with the
rest of the tier when no Quarto is on PATH.
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

import pytest

from analysis.engine.deck import deck_names, render_deck
from analysis.engine.project import copy_project
from analysis.engine.quarto import find_quarto
from analysis.paths import project_root
from analysis.slides import read_deck

pytestmark = pytest.mark.slow


def _render_with_quarto(folder: Path) -> Path:
    root = copy_project(project_root(), folder / "p")
    path = render_deck(root, find_quarto(), use_cache=False, log=lambda line: None)
    assert path.name == deck_names(root)[0]
    return path


def request_background_renders(background, items) -> None:
    """Quarto's deck renders in the background (``BackgroundRenders`` in tests/conftest.py),
    queued after the parity tier's book, while the rest of the suite runs."""
    if shutil.which("quarto") is None:
        return  # the tier is skipped
    background.request("parity-deck-quarto", _render_with_quarto, items[0][0])


@pytest.fixture(scope="module")
def decks(request, tmp_path_factory, deck_render):
    """Quarto's deck (from the background render) and the built-in one: the session's
    ``deck_render``."""
    background = request.config.pluginmanager.get_plugin("norcrin-background-renders")
    if "parity-deck-quarto" in background:
        path = background.result("parity-deck-quarto")
    else:
        path = _render_with_quarto(tmp_path_factory.mktemp("deck-quarto"))
    return {"quarto": read_deck(path), "builtin": read_deck(deck_render[1])}


def test_the_engines_give_the_same_slides(decks):
    quarto, builtin = (decks[e][0] for e in ("quarto", "builtin"))
    assert len(quarto) == len(builtin)
    for a, b in zip(quarto, builtin, strict=True):
        assert dataclasses.asdict(a) == dataclasses.asdict(b), f"slide {a.number} differs"


def test_the_same_template_and_size(decks):
    assert decks["quarto"][1:] == decks["builtin"][1:]
