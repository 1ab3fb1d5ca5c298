"""``python -m analysis render [--to html,pdf] [--engine auto|quarto|builtin] [--no-cache]``."""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from analysis.engine.book import load_book
from analysis.engine.errors import RenderError
from analysis.engine.render import FORMATS, render_book, swap_in
from analysis.paths import project_root

MIN_QUARTO = (1, 9)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``render``."""
    parser.add_argument("--to", default="html,pdf",
                        help="comma-separated formats: html, pdf (default: both)")
    parser.add_argument("--engine", choices=("auto", "quarto", "builtin"), default="auto",
                        help="auto: Quarto >= 1.9 if on PATH, else the built-in engine")
    parser.add_argument("--no-cache", action="store_true",
                        help="execute every chapter even if its frozen result is valid")


def quarto_version() -> tuple[int, ...] | None:
    """Version of ``quarto`` on PATH, or ``None`` when absent or unreadable."""
    if shutil.which("quarto") is None:
        return None
    try:
        text = subprocess.run(["quarto", "--version"], capture_output=True, text=True,
                              timeout=60, check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.match(r"\s*(\d+)\.(\d+)", text)
    return (int(match.group(1)), int(match.group(2))) if match else None


def render_with_quarto(root, formats: tuple[str, ...], use_cache: bool = True) -> int:
    """Run ``quarto render`` into a staging directory and swap it in only on success.

    Quarto writes into ``--output-dir``; a failed render leaves the previous ``_book/`` as it
    was, exactly as with the built-in engine. ``use_cache=False`` removes Quarto's ``_freeze/``
    first, so every chapter is executed again.
    """
    output = root / load_book(root).output_dir
    staging = Path(tempfile.mkdtemp(prefix=f".{output.name}-staging-", dir=root))
    if not use_cache:
        shutil.rmtree(root / "_freeze", ignore_errors=True)
    to = ",".join("typst" if f == "pdf" else f for f in formats)
    command = ["quarto", "render", "--to", to, "--output-dir", str(staging)]
    try:
        code = subprocess.run(command, cwd=root, check=False).returncode
        if code == 0:
            swap_in(staging, output)
        else:
            print(f"render failed: quarto exited with {code}; {output} left as it was",
                  file=sys.stderr)
        return code
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def run(args: argparse.Namespace) -> int:
    """Render the book; return 0 on success, 1 on a render error (message on stderr)."""
    formats = tuple(f.strip() for f in args.to.split(",") if f.strip())
    unknown = set(formats) - set(FORMATS)
    if unknown:
        print(f"render: unknown format(s) {sorted(unknown)}; allowed: {FORMATS}", file=sys.stderr)
        return 2
    root = project_root()
    version = quarto_version() if args.engine != "builtin" else None
    if args.engine == "quarto" and (version is None or version < MIN_QUARTO):
        print(f"render: --engine quarto needs quarto >= 1.9 on PATH (found {version})",
              file=sys.stderr)
        return 2
    if version is not None and version >= MIN_QUARTO:
        print(f"engine: quarto {'.'.join(map(str, version))}", flush=True)
        return render_with_quarto(root, formats, use_cache=not args.no_cache)
    try:
        render_book(root, formats, use_cache=not args.no_cache,
                    log=lambda line: print(line, flush=True))
    except RenderError as exc:
        print(f"render failed: {exc}", file=sys.stderr)
        return 1
    return 0
