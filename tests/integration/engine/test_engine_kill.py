"""``kill -9`` at any moment of a render: the next render leaves a complete book and no debris.

A render killed outright cleans up nothing, so the next render must: restore ``_book/`` when
the kill fell between the two renames of the swap, and remove every staging and old folder.
The named points are reached through ``NORCRIN_RENDER_FAULT`` (the render kills itself there);
the others are kills from outside at four moments from 10% to 70% of a cold render.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import write_book

from analysis.engine.output_dir import FAULT_ENV

SLUG = "Provebok-aeoa"
#: Every file a complete book has, whichever formats the last render was asked for.
COMPLETE = ("index.html", "chapters/01-tall.html", f"{SLUG}.pdf", f"{SLUG}.typ",
            f"{SLUG}-tabellvedlegg.xlsx", "inline-values.json", "render-log.json")
POINTS = ("staged", "before-swap", "before-first-rename", "between-renames", "after-swap")


def _render(root: Path, *args: str, fault: str | None = None) -> subprocess.Popen:
    env = {**os.environ, "NORCRIN_ROOT": str(root), "PATH": "/usr/bin:/bin"}
    env.pop(FAULT_ENV, None)
    if fault:
        env[FAULT_ENV] = fault
    return subprocess.Popen([sys.executable, "-m", "analysis", "render", "--engine", "builtin",
                             *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)


def _finish(process: subprocess.Popen, timeout: float = 600) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    _wait_for_group(process.pid)
    return process.returncode, out, err


def _wait_for_group(pgid: int, seconds: float = 60) -> None:
    """Wait until the killed render's children (pandoc, typst, kernels) are gone too."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)


def _debris(root: Path) -> list[str]:
    found = [*root.glob("._book-*"), *root.glob(".cache/output/*/.build-*")]
    return sorted(str(p.relative_to(root)) for p in found)


def _assert_complete(root: Path) -> None:
    book = root / "_book"
    missing = [name for name in COMPLETE if not (book / name).is_file()]
    assert not missing, missing
    assert (book / f"{SLUG}.pdf").read_bytes().startswith(b"%PDF")
    assert _debris(root) == []


#: Seconds the first (cold) render of the module's book took.
FIRST_RENDER: dict[str, float] = {}


@pytest.fixture(scope="module")
def book(tmp_path_factory) -> Path:
    root = write_book(tmp_path_factory.mktemp("kill"))
    started = time.monotonic()
    code, _, err = _finish(_render(root))
    FIRST_RENDER["seconds"] = time.monotonic() - started
    assert code == 0, err
    _assert_complete(root)
    return root


@pytest.mark.slow
@pytest.mark.parametrize("point", POINTS)
def test_killed_at_a_named_point_the_next_render_repairs(book, point):
    code, _, _ = _finish(_render(book, "--to", "html", fault=point))
    assert code == -signal.SIGKILL
    if point == "between-renames":  # the case that lost the book: it is only in the old copy
        assert not (book / "_book").exists()
        assert [p.name.startswith("._book-old-") for p in book.glob("._book-*")].count(True)
    else:
        assert (book / "_book" / "index.html").is_file()
    assert _debris(book), "a kill -9 leaves its folders behind: nothing to test"
    code, out, err = _finish(_render(book, "--to", "html"))
    assert code == 0, err
    assert "render: removed" in out  # it says what it cleaned up
    if point == "between-renames":
        assert "render: restored" in out
    _assert_complete(book)


@pytest.mark.slow
def test_killed_at_random_moments_of_a_cold_render(book):
    seconds = FIRST_RENDER["seconds"]  # the module's first render was a cold one too
    kills = 0
    # Four moments spread over the render (each costs a process start and its imports); the
    # last may come after a quick render has ended, or one may miss on a loaded machine whose
    # first render was slow. The named points above cover the swap.
    for fraction in (0.1, 0.3, 0.5, 0.7):
        process = _render(book, "--no-cache")
        time.sleep(fraction * seconds)
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        _finish(process)
        assert (book / "_book").exists() or list(book.glob("._book-old-*/_book"))
    assert kills >= 3, (kills, seconds)
    code, _, err = _finish(_render(book, "--to", "html"))
    assert code == 0, err
    _assert_complete(book)
