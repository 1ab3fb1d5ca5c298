"""``python -m analysis render [--to html,pdf] [--engine auto|quarto|builtin] [--no-cache]``."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from analysis.engine.book import load_book
from analysis.engine.deck import SOURCE as DECK_SOURCE
from analysis.engine.deck import build_deck_with_quarto, render_deck
from analysis.engine.environment import (
    RenderEnvironmentError,
    check_environment,
    describe,
    full_disk,
    is_disk_full,
)
from analysis.engine.errors import RenderError
from analysis.engine.output_dir import FormatError, parse_formats, render_lock
from analysis.engine.quarto import MIN_QUARTO, QuartoError, find_quarto, render_with_quarto
from analysis.engine.quarto_check import PendingCheck
from analysis.engine.render import render_book
from analysis.paths import project_root
from analysis.render_hooks import check_inputs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``render``."""
    parser.add_argument("--to", default="html,pdf,pptx",
                        help="comma-separated formats: html, pdf, pptx (the presentation and "
                             "its PDF handout); default: all three")
    parser.add_argument("--engine", choices=("auto", "quarto", "builtin"), default="auto",
                        help="auto: Quarto >= 1.9 if on PATH, else the built-in engine")
    parser.add_argument("--no-cache", action="store_true",
                        help="execute every chapter even if its frozen result is valid")


def _say(line: str) -> None:
    print(line, flush=True)


def _with_quarto(root, quarto, book: tuple[str, ...], deck: bool, use_cache: bool) -> None:
    """The book (and the deck) by Quarto, the data checked beside Quarto's start-up
    (:class:`~analysis.engine.quarto_check.PendingCheck`: a data error still stops the render
    before any chapter runs, and is reported as the built-in engine reports it)."""
    pending = PendingCheck(root, check_inputs)
    try:
        if deck:
            _book_and_deck_with_quarto(root, quarto, book, use_cache, pending)
        else:
            render_with_quarto(root, quarto, book, use_cache=use_cache, log=_say,
                               pending=pending)
        pending.result()
    finally:
        pending.close()


def _book_and_deck_with_quarto(root, quarto, book: tuple[str, ...], use_cache: bool,
                               pending: PendingCheck) -> None:
    """Quarto renders the book and, in a thread beside it, the deck (a project of its own,
    ``deck/``): Quarto renders one file at a time, so the deck's run and its handout use the
    second core instead of following the book. The deck is published after the book, under
    the same lock; if the book fails, the deck is not published either."""
    with render_lock(root, _say), tempfile.TemporaryDirectory(prefix="norcrin-deck-") as built, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="deck") as pool:
        deck = pool.submit(lambda: build_deck_with_quarto(root, quarto, Path(built), use_cache,
                                                          _say, pending.result()))
        try:
            render_with_quarto(root, quarto, book, use_cache=use_cache, log=_say,
                               pending=pending)
        finally:
            problem = deck.exception()  # waits for the deck either way
        if problem is not None:
            raise problem
        render_deck(root, quarto, use_cache=use_cache, log=_say, built=Path(built))


def run(args: argparse.Namespace) -> int:
    """Render the book; 0 on success, 1 on a render error, 2 on a usage error or when the
    machine stops it (a folder that cannot be written, a full disk: one line on stderr, the
    traceback only with ``--debug``; see :mod:`analysis.engine.environment`)."""
    try:
        formats = parse_formats(args.to)
    except FormatError as exc:
        print(f"render: {exc}", file=sys.stderr)
        return 2
    root = project_root()
    quarto = None
    if args.engine != "builtin":
        try:
            quarto = find_quarto()
        except QuartoError as exc:
            if args.engine == "quarto":
                print(f"render: {exc}", file=sys.stderr)
                return 2
            print(f"render: {exc}; using the built-in engine instead", file=sys.stderr)
    if args.engine == "quarto" and quarto is None:
        print(f"render: --engine quarto needs quarto >= {'.'.join(map(str, MIN_QUARTO))} on "
              "PATH; none found", file=sys.stderr)
        return 2
    if "pptx" in formats and not (root / DECK_SOURCE).is_file():
        if formats == ("pptx",):
            print(f"render: --to pptx: {root / DECK_SOURCE} not found", file=sys.stderr)
            return 2
        _say(f"pptx: skipped, this project has no {DECK_SOURCE}")
        formats = tuple(f for f in formats if f != "pptx")
    # The built-in engine renders the deck with the book (its kernel among the chapters');
    # Quarto renders it as a document of its own after the book (analysis/engine/deck.py).
    book = tuple(f for f in formats if f != "pptx")
    try:
        if quarto is not None:
            # before the data check, which writes the screening record
            check_environment(root, root / load_book(root).output_dir)
        if book and quarto is not None:
            _with_quarto(root, quarto, book, "pptx" in formats, not args.no_cache)
        elif book:
            render_book(root, formats, use_cache=not args.no_cache, log=_say,
                        preflight=lambda: check_inputs(root))
        if "pptx" in formats and not book:
            render_deck(root, quarto, use_cache=not args.no_cache, log=_say,
                        bundle=check_inputs(root) if quarto is not None else None)
    except RenderEnvironmentError as exc:
        print(f"render: {exc}", file=sys.stderr)
        return 2
    except RenderError as exc:
        if is_disk_full(root):  # pandoc, typst or Quarto failed for want of space
            print(f"render: {full_disk(root)}", file=sys.stderr)
            return 2
        print(f"render failed: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        if os.environ.get("NORCRIN_DEBUG") == "1":
            raise
        print(f"render: {describe(exc, root)}", file=sys.stderr)
        return 2
    return 0
