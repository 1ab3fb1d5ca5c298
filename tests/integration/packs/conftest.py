"""A copy of the project whose 2025 wave is the hand-made export of ``handmade.py``."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

HERE = str(Path(__file__).parent)


def _handmade():
    # imported by path, not as a package: tests/ folders have no __init__.py
    if HERE not in sys.path:
        sys.path.insert(0, HERE)
    import handmade

    return handmade


@pytest.fixture(scope="session")
def handmade_project(tmp_path_factory) -> Path:
    """The hand-made project, not rendered."""
    return _handmade().make_project(tmp_path_factory.mktemp("packs") / "project")


@pytest.fixture(scope="session")
def handmade_packs(handmade_project) -> Path:
    """``_book/partnere/`` of the hand-made project, rendered by the built-in engine."""
    from analysis.packs.command import build

    build(handmade_project, ("html", "pdf"), engine="builtin", use_cache=False,
          log=lambda line: None)
    return handmade_project / "_book" / "partnere"
