"""The parity tier: the same sources rendered by real Quarto and by the built-in engine.

Runs when a Quarto >= 1.9 is on PATH (``.ci/run`` installs the offline 1.10.18 build); without
one the whole tier is skipped with one line saying why. A ``quarto`` that is on PATH but
broken fails the tier rather than skipping it. Both books are rendered once per test session,
each from its own copy of the project.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import pytest

from analysis.engine.project import copy_project
from analysis.engine.quarto import find_quarto, render_with_quarto
from analysis.paths import project_root

TIMES: dict[str, float] = {}


def pytest_collection_modifyitems(config, items):
    if shutil_which_quarto() is None:
        skip = pytest.mark.skip(reason="no quarto on PATH: the engine parity tier needs "
                                       "Quarto >= 1.9 (see README, 'Rendering with real Quarto')")
        for item in items:
            if "tests/parity/" in str(item.fspath).replace(os.sep, "/"):
                item.add_marker(skip)


def shutil_which_quarto():
    import shutil

    return shutil.which("quarto")


@pytest.fixture(scope="session")
def books(tmp_path_factory, book_render) -> dict[str, Path]:
    """``{"quarto": <_book of Quarto>, "builtin": <_book of the built-in engine>}``; the
    built-in one is the session's shared render (the determinism test uses it too)."""
    quarto = find_quarto()  # raises (fails the tier) for a broken or too old quarto
    out = {"builtin": book_render("first") / "_book"}
    TIMES["builtin"] = book_render.seconds["first"]
    root = copy_project(project_root(), tmp_path_factory.mktemp("parity-quarto") / "book")
    start = time.perf_counter()
    os.environ.setdefault("QUARTO_PYTHON", sys.executable)
    render_with_quarto(root, quarto, ("html", "pdf"), use_cache=False, log=lambda line: None,
                       quiet=True)
    TIMES["quarto"] = time.perf_counter() - start
    out["quarto"] = root / "_book"
    return out


def pytest_terminal_summary(terminalreporter):
    if TIMES:
        line = ", ".join(f"{k} {v:.0f} s" for k, v in TIMES.items())
        terminalreporter.write_line(f"parity tier: cold renders of the whole book: {line}")
