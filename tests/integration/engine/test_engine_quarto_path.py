"""How `render` drives Quarto: which call for which `--to`, staging and swap, and what
happens with a `quarto` that is too old or broken.

A stand-in ``quarto`` script on PATH answers ``--version`` and records how it was called, and
the command runs in this process (``analysis.cli.main``), so these run everywhere in a second;
the parity tier (``tests/parity/``) renders with the real Quarto when it is installed.
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

from analysis.cli import main


def _fake_quarto(bin_dir: Path, version: str, fail: bool = False,
                 broken: bool = False) -> Path:
    log = bin_dir / "calls.txt"
    script = bin_dir / "quarto"
    script.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import sys, pathlib
        args = sys.argv[1:]
        if args == ["--version"]:
            if {broken!r}:
                print("error: deno could not start", file=sys.stderr)
                raise SystemExit(1)
            print("{version}")
            raise SystemExit(0)
        pathlib.Path({str(log)!r}).open("a").write(" ".join(args) + "\\n")
        if {fail!r}:
            raise SystemExit(3)
        out = pathlib.Path(args[args.index("--output-dir") + 1])
        out.mkdir(parents=True, exist_ok=True)
        if "--to" not in args or args[args.index("--to") + 1] == "html":
            (out / "index.html").write_text("rendered by quarto")
        if "--to" not in args or args[args.index("--to") + 1] == "typst":
            (out / "Bok.pdf").write_text("pdf by quarto")
        """), encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return log


@pytest.fixture
def render(monkeypatch, capfd):
    """Factory: ``render(root, bin_dir, *args)`` is ``python -m analysis render *args`` on the
    book ``root`` with ``bin_dir`` first on PATH, run in this process through
    :func:`analysis.cli.main` (which is all ``python -m analysis`` runs), so the command's
    imports are paid once per session and not once per test. Its exit status and its output,
    read at the file descriptors (the stand-in quarto's and the fork server's included)."""

    def run(root: Path, bin_dir: Path, *args: str) -> subprocess.CompletedProcess:
        monkeypatch.setenv("NORCRIN_ROOT", str(root))
        monkeypatch.setenv("PATH", f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
        capfd.readouterr()
        try:
            code = main(["render", *args])
        except SystemExit as exc:  # argparse's errors
            code = exc.code
        out, err = capfd.readouterr()
        return subprocess.CompletedProcess(["render", *args], code, out, err)

    return run


@pytest.fixture
def book(tmp_path):
    root = tmp_path / "book"
    write_book(root)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    return root, bin_dir


def test_auto_uses_quarto_1_9_into_a_staging_dir_then_swaps(book, render):
    root, bin_dir = book
    log = _fake_quarto(bin_dir, "1.9.12")
    result = render(root, bin_dir, "--to", "html,pdf")
    assert result.returncode == 0, result.stderr
    assert "engine: quarto 1.9.12" in result.stdout
    (call,) = log.read_text().splitlines()
    # both formats: no --to at all (Quarto does not split "html,typst" in a project)
    assert call.startswith("render --output-dir ") and "._book-staging-" in call
    assert (root / "_book" / "index.html").read_text() == "rendered by quarto"
    assert (root / "_book" / "Bok.pdf").read_text() == "pdf by quarto"
    assert not list(root.glob("._book-staging-*"))


@pytest.mark.parametrize(("to", "quarto_to"), [("html", "html"), ("pdf", "typst")])
def test_one_format_is_one_quarto_call_and_the_other_format_is_kept(book, render, to,
                                                                    quarto_to):
    root, bin_dir = book
    (root / "_book").mkdir()
    (root / "_book" / "index.html").write_text("old html")
    (root / "_book" / "Bok.pdf").write_text("old pdf")
    log = _fake_quarto(bin_dir, "1.10.18")
    result = render(root, bin_dir, "--to", to)
    assert result.returncode == 0, result.stderr
    (call,) = log.read_text().splitlines()
    assert call.startswith(f"render --to {quarto_to} --output-dir ")
    pages = {"html": (root / "_book" / "index.html").read_text(),
             "pdf": (root / "_book" / "Bok.pdf").read_text()}
    assert pages[to].endswith("by quarto")
    assert pages["pdf" if to == "html" else "html"].startswith("old")


def test_a_failed_quarto_render_keeps_the_previous_book(book, render):
    root, bin_dir = book
    (root / "_book").mkdir()
    (root / "_book" / "index.html").write_text("the last good render")
    _fake_quarto(bin_dir, "1.9.0", fail=True)
    result = render(root, bin_dir)
    assert result.returncode == 1
    assert "quarto exited with 3" in result.stderr and "left as it was" in result.stderr
    assert (root / "_book" / "index.html").read_text() == "the last good render"
    assert not list(root.glob("._book-staging-*"))


def test_an_older_quarto_is_reported_and_the_builtin_engine_renders(book, render):
    root, bin_dir = book
    log = _fake_quarto(bin_dir, "1.8.25")
    result = render(root, bin_dir, "--to", "html")
    assert result.returncode == 0, result.stderr
    assert "quarto 1.8.25 is too old" in result.stderr
    assert "using the built-in engine instead" in result.stderr
    assert "engine: built-in" in result.stdout
    assert not log.exists()
    assert "Prøvebok" in (root / "_book" / "index.html").read_text(encoding="utf-8")


def test_a_quarto_that_does_not_start_is_reported(book, render):
    root, bin_dir = book
    _fake_quarto(bin_dir, "1.10.18", broken=True)
    result = render(root, bin_dir, "--engine", "quarto")
    assert result.returncode == 2
    assert "`quarto --version` failed (exit 1: error: deno could not start)" in result.stderr


def test_engine_quarto_with_an_old_quarto_is_a_clear_error(book, render):
    root, bin_dir = book
    _fake_quarto(bin_dir, "1.4.550")
    result = render(root, bin_dir, "--engine", "quarto")
    assert result.returncode == 2
    assert "quarto 1.4.550 is too old; this book needs quarto >= 1.9" in result.stderr


@pytest.mark.parametrize("to", ["", " , ", "docx", "html,epub"])
def test_an_empty_or_unknown_format_is_an_error_and_touches_nothing(book, render, to):
    root, bin_dir = book
    result = render(root, bin_dir, "--engine", "builtin", "--to", to)
    assert result.returncode == 2
    assert "--to" in result.stderr and "allowed: html, pdf" in result.stderr
    assert not (root / "_book").exists()
