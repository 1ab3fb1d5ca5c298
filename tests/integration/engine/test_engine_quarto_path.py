"""`render --engine auto` runs real Quarto (>= 1.9) when it is on PATH, else the built-in engine.

Quarto cannot be installed here, so a stand-in ``quarto`` script on PATH answers
``--version`` and records how it was called; a render it "fails" must leave ``_book/`` alone.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from conftest import write_book


def _fake_quarto(bin_dir: Path, version: str, fail: bool = False) -> Path:
    log = bin_dir / "calls.txt"
    script = bin_dir / "quarto"
    script.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import sys, pathlib
        args = sys.argv[1:]
        if args == ["--version"]:
            print("{version}")
            raise SystemExit(0)
        pathlib.Path({str(log)!r}).open("a").write(" ".join(args) + "\\n")
        if {fail!r}:
            raise SystemExit(3)
        out = pathlib.Path(args[args.index("--output-dir") + 1])
        out.mkdir(parents=True, exist_ok=True)
        (out / "index.html").write_text("rendered by quarto")
        """), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return log


def _render(root: Path, bin_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "NORCRIN_ROOT": str(root),
           "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    return subprocess.run([sys.executable, "-m", "analysis", "render", *args],
                          capture_output=True, text=True, env=env, check=False)


@pytest.fixture
def book(tmp_path):
    root = tmp_path / "book"
    write_book(root)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    return root, bin_dir


def test_auto_uses_quarto_1_9_into_a_staging_dir_then_swaps(book):
    root, bin_dir = book
    log = _fake_quarto(bin_dir, "1.9.12")
    result = _render(root, bin_dir, "--to", "html,pdf")
    assert result.returncode == 0, result.stderr
    assert "engine: quarto 1.9" in result.stdout
    (call,) = log.read_text().splitlines()
    assert call.startswith("render --to html,typst --output-dir ")
    assert (root / "_book" / "index.html").read_text() == "rendered by quarto"


def test_a_failed_quarto_render_keeps_the_previous_book(book):
    root, bin_dir = book
    (root / "_book").mkdir()
    (root / "_book" / "index.html").write_text("the last good render")
    _fake_quarto(bin_dir, "1.9.0", fail=True)
    result = _render(root, bin_dir)
    assert result.returncode == 3
    assert "left as it was" in result.stderr
    assert (root / "_book" / "index.html").read_text() == "the last good render"
    assert not list(root.glob("._book-staging-*"))


def test_an_older_quarto_is_passed_over_for_the_builtin_engine(book):
    root, bin_dir = book
    log = _fake_quarto(bin_dir, "1.8.25")
    result = _render(root, bin_dir, "--to", "html")
    assert result.returncode == 0, result.stderr
    assert "engine: built-in" in result.stdout
    assert not log.exists()
    assert "Prøvebok" in (root / "_book" / "index.html").read_text(encoding="utf-8")


def test_engine_quarto_without_quarto_is_a_clear_error(book):
    root, bin_dir = book
    _fake_quarto(bin_dir, "1.4.550")
    result = _render(root, bin_dir, "--engine", "quarto")
    assert result.returncode == 2
    assert "needs quarto >= 1.9 on PATH (found (1, 4))" in result.stderr
