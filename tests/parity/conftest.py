"""The parity tier: the same sources rendered by real Quarto and by the built-in engine.

Runs when a Quarto >= 1.9 is on PATH (``.ci/run`` installs the offline 1.10.18 build); without
one the whole tier is skipped with one line saying why. A ``quarto`` that is on PATH but
broken fails the tier rather than skipping it.

Quarto takes minutes (it executes every chapter once per format), so its render starts in the
background as soon as the tests are collected and runs beside the rest of the suite
(``BackgroundRenders`` in tests/conftest.py); the
built-in book is the session's shared render (``book_render("first")``, also used by the
determinism test).
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from pathlib import Path

import pytest

from analysis.engine.project import copy_project
from analysis.engine.quarto import find_quarto, render_with_quarto
from analysis.paths import project_root

TIMES: dict[str, float] = {}
#: what the background Quarto render logged (how its chapters were executed)
QUARTO_LOG: list[str] = []


def _is_parity(item) -> bool:
    return "tests/parity/" in str(item.fspath).replace(os.sep, "/")


def pytest_collection_modifyitems(config, items):
    # The parity tests wait for the background Quarto render: run them last.
    items[:] = [i for i in items if not _is_parity(i)] + [i for i in items if _is_parity(i)]
    if shutil.which("quarto") is None:
        skip = pytest.mark.skip(reason="no quarto on PATH: the engine parity tier needs "
                                       "Quarto >= 1.9 (see README, 'Rendering with real Quarto')")
        for item in items:
            if _is_parity(item):
                item.add_marker(skip)


def pytest_collection_finish(session):
    parity = [n for n, i in enumerate(session.items) if _is_parity(i)]
    if shutil.which("quarto") is None or not parity:
        return
    background = session.config.pluginmanager.get_plugin("norcrin-background-renders")
    background.request("parity-quarto", _render_quarto, parity[0])


def _render_quarto(folder: Path) -> Path:
    quarto = find_quarto()  # raises (fails the tier) for a broken or too old quarto
    root = copy_project(project_root(), folder / "book")
    os.environ.setdefault("QUARTO_PYTHON", sys.executable)
    start = time.perf_counter()
    render_with_quarto(root, quarto, ("html", "pdf"), use_cache=False, log=QUARTO_LOG.append,
                       quiet=True)
    TIMES["quarto"] = time.perf_counter() - start
    return root / "_book"


@pytest.fixture(scope="session")
def books(book_render, request) -> dict[str, Path]:
    """``{"quarto": <_book of Quarto>, "builtin": <_book of the built-in engine>}``."""
    background = request.config.pluginmanager.get_plugin("norcrin-background-renders")
    out = {"builtin": book_render("first") / "_book"}
    TIMES["builtin"] = book_render.seconds["first"]
    out["quarto"] = background.result("parity-quarto")
    return out


@pytest.fixture(scope="session")
def quarto_log(books) -> list[str]:
    """The lines the background Quarto render logged (once it has finished)."""
    return QUARTO_LOG


def pytest_terminal_summary(terminalreporter):
    if TIMES:
        line = ", ".join(f"{k} {v:.0f} s" for k, v in TIMES.items())
        terminalreporter.write_line(f"parity tier: cold renders of the whole book: {line} "
                                    "(Quarto in the background while the suite ran)")
