"""`_book/` is never lost or half-written: formats kept, signals, concurrent renders, modes."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

from conftest import write_book

from analysis.engine.render import render_book

SLOW_CHAPTER = ("# Langsom {#sec-langsom}\n\n```{python}\n#| label: langsom-vent\n"
                "import time\ntime.sleep(30)\n```\n")
INDEX = "# Forord {.unnumbered}\n\nSe @sec-langsom.\n"


def _render_process(root: Path, *args: str) -> subprocess.Popen:
    env = {**os.environ, "NORCRIN_ROOT": str(root), "PATH": "/usr/bin:/bin"}
    return subprocess.Popen([sys.executable, "-m", "analysis", "render", "--engine", "builtin",
                             *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def _wait_for(predicate, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("timed out")
        time.sleep(0.1)


def test_rendering_html_only_keeps_the_last_pdf(tmp_path):
    root = write_book(tmp_path)
    render_book(root, ("html", "pdf"), log=lambda line: None)
    pdf = root / "_book" / "Provebok-aeoa.pdf"
    before = pdf.read_bytes()
    render_book(root, ("html",), log=lambda line: None)
    assert pdf.read_bytes() == before
    assert (root / "_book" / "index.html").is_file()


def test_the_book_folder_has_ordinary_permissions(tmp_path):
    root = write_book(tmp_path)
    old = os.umask(0o022)
    try:
        render_book(root, ("html",), log=lambda line: None)
    finally:
        os.umask(old)
    assert stat.S_IMODE((root / "_book").stat().st_mode) == 0o755


def test_sigterm_removes_the_staging_folder_and_keeps_the_book(tmp_path):
    root = write_book(tmp_path, chapter=SLOW_CHAPTER, index=INDEX)
    (root / "_book").mkdir()
    (root / "_book" / "index.html").write_text("the last good render")
    process = _render_process(root, "--to", "html")
    _wait_for(lambda: list(root.glob("._book-staging-*")))
    time.sleep(1)
    process.send_signal(signal.SIGTERM)
    process.wait(timeout=60)
    assert process.returncode != 0
    assert not list(root.glob("._book-staging-*"))
    assert (root / "_book" / "index.html").read_text() == "the last good render"


def test_a_second_render_waits_for_the_first(tmp_path):
    root = write_book(tmp_path, chapter=SLOW_CHAPTER.replace("time.sleep(30)", "time.sleep(4)"),
                      index=INDEX)
    first = _render_process(root, "--to", "html")
    _wait_for(lambda: list(root.glob("._book-staging-*")))
    second = _render_process(root, "--to", "html")
    out_second = second.communicate(timeout=120)
    out_first = first.communicate(timeout=120)
    assert first.returncode == 0, out_first[1]
    assert second.returncode == 0, out_second[1]
    assert "another render of this project is running; waiting" in out_second[0]
    assert not list(root.glob("._book-*"))


def test_a_book_render_keeps_the_partner_packs(tmp_path):
    # `python -m analysis packs` writes _book/partnere/; rendering the book (any format) must
    # not drop it, while the book's own files of the rendered format are replaced
    from analysis.engine.output_dir import PACKS_DIR, carry_over

    previous, staging = tmp_path / "_book", tmp_path / "staging"
    (previous / PACKS_DIR).mkdir(parents=True)
    (previous / PACKS_DIR / "vest.pdf").write_text("pack")
    (previous / PACKS_DIR / "vest.html").write_text("pack")
    (previous / "old.html").write_text("book page")
    staging.mkdir()
    copied = carry_over(previous, staging, ("html", "pdf"))
    assert sorted(copied) == [f"{PACKS_DIR}/vest.html", f"{PACKS_DIR}/vest.pdf"]
    assert not (staging / "old.html").exists()
