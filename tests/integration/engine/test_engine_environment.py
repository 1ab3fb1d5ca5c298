"""A machine that stops the render: one located line, exit status 2, the previous book kept.

Cases: the cache folder is a file; the cache, the project folder or the output folder is on a
read-only file system (a read-only bind mount: as root, permission bits do not stop a write);
the disk is full before the render starts and fills up during it (a small tmpfs). The mounts
need root; without them those cases are skipped.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import write_book

from analysis.commands import render as command

SLUG = "Provebok-aeoa"


def _cli(root: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NORCRIN_ROOT": str(root), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "analysis", "render", "--engine", "builtin",
                           *args], env=env, capture_output=True, text=True, timeout=600,
                          check=False)


def _snapshot(root: Path) -> dict[str, bytes]:
    book = root / "_book"
    return {str(p.relative_to(book)): p.read_bytes() for p in book.rglob("*") if p.is_file()}


def _assert_one_line(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 2, (result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def _mount(*args: str) -> None:
    result = subprocess.run(["mount", *args], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        pytest.skip(f"cannot mount here ({result.stderr.strip()})")


def _umount(path: Path) -> None:
    subprocess.run(["umount", "-l", str(path)], check=False, capture_output=True)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    """A project with a complete book (both formats), rendered in this process (what the
    ``render`` command runs; the cases below run the command itself)."""
    from analysis.engine.render import render_book

    root = write_book(tmp_path_factory.mktemp("env"))
    render_book(root, ("html", "pdf"), log=lambda line: None)
    assert (root / "_book" / f"{SLUG}.pdf").is_file()
    return root


@pytest.fixture
def project(rendered, tmp_path) -> Path:
    """A copy of the rendered project, caches and book included."""
    return Path(shutil.copytree(rendered, tmp_path / "project", symlinks=True))


@pytest.fixture
def read_only():
    """Bind-mount a folder read-only onto itself; unmounted afterwards."""
    mounted: list[Path] = []

    def make(path: Path) -> None:
        _mount("--bind", str(path), str(path))
        mounted.append(path)
        _mount("-o", "remount,bind,ro", str(path))

    yield make
    for path in reversed(mounted):
        _umount(path)


@pytest.mark.slow
def test_cache_folder_that_is_a_file(project):
    shutil.rmtree(project / ".cache")
    (project / ".cache").write_text("not a folder")
    before = _snapshot(project)
    line = _assert_one_line(_cli(project, "--to", "html"), "cannot write the render's cache "
                            "folder", str(project / ".cache"), "it is not a folder")
    assert line.startswith("render: ")
    assert _snapshot(project) == before


@pytest.mark.slow
@pytest.mark.parametrize(("folder", "what"), [
    (".cache", "the render's cache folder"),
    ("", "the project folder"),
    ("_book", "the book's output folder"),
])
def test_read_only_folder(project, read_only, folder, what):
    before = _snapshot(project)
    read_only(project / folder if folder else project)
    _assert_one_line(_cli(project, "--to", "html"), f"cannot write {what}",
                     "read-only file system", "the previous book is kept")
    assert _snapshot(project) == before


@pytest.fixture
def small_disk(tmp_path):
    """A 96 MB tmpfs (room for the tiny book and the render's reserve); unmounted afterwards."""
    mount = tmp_path / "disk"
    mount.mkdir()
    _mount("-t", "tmpfs", "-o", "size=96m", "tmpfs", str(mount))
    yield mount
    _umount(mount)


def _fill(disk: Path, leave: int) -> None:
    """Write a filler file so that ``leave`` bytes stay free on ``disk``."""
    free = shutil.disk_usage(disk).free
    with open(disk / "filler", "wb") as handle:
        handle.truncate(0)
        chunk = b"\0" * 2**20
        remaining = free - leave
        while remaining > 0:
            handle.write(chunk[:min(len(chunk), remaining)])
            remaining -= len(chunk)
    assert abs(shutil.disk_usage(disk).free - leave) < 2**20


@pytest.mark.slow
def test_full_disk_before_the_render(rendered, small_disk):
    root = Path(shutil.copytree(rendered, small_disk / "project", symlinks=True))
    before = _snapshot(root)
    _fill(small_disk, leave=512 * 1024)
    line = _assert_one_line(_cli(root, "--to", "html", "--no-cache"),
                            f"the disk holding {root} is full", "MB free",
                            "the previous book is kept")
    assert "0.5 MB free" in line or "0.4 MB free" in line
    assert _snapshot(root) == before
    assert not list(root.glob("._book-*"))


@pytest.mark.slow
def test_disk_fills_up_during_the_render(rendered, small_disk, monkeypatch, capsys):
    # The check before the render passes (as if the disk filled up just after it): the render
    # then fails writing, and the failure is still one line, exit 2, the book kept.
    root = Path(shutil.copytree(rendered, small_disk / "project", symlinks=True))
    before = _snapshot(root)
    _fill(small_disk, leave=16 * 1024)  # the tiny book's pages and PDF need more
    monkeypatch.setenv("NORCRIN_ROOT", str(root))
    monkeypatch.setattr("analysis.engine.render.check_environment", lambda *a: None)
    args = argparse.Namespace(to="html,pdf", engine="builtin", no_cache=True)
    assert command.run(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"render: the disk holding {root}"), err
    assert _snapshot(root) == before
    assert not list(root.glob("._book-*"))

