"""``python -m analysis trace [--json]``: every inline expression of the book and its value."""

from __future__ import annotations

import argparse
import json
import sys

from analysis.engine.book import load_book
from analysis.engine.book_execution import execute_chapters, read_chapters, trace
from analysis.engine.errors import RenderError
from analysis.paths import project_root


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``trace``."""
    parser.add_argument("--json", action="store_true", help="print a JSON list")
    parser.add_argument("--no-cache", action="store_true", help="execute every chapter")


def run(args: argparse.Namespace) -> int:
    """Execute (or take from the cache) every chapter and print its inline values."""
    root = project_root()
    try:
        book = load_book(root)
        chapters = execute_chapters(root, read_chapters(root, book.sources),
                                    use_cache=not args.no_cache,
                                    log=lambda line: print(line, file=sys.stderr))
    except RenderError as exc:
        print(f"trace failed: {exc}", file=sys.stderr)
        return 1
    rows = trace(chapters)
    if args.json:
        print(json.dumps(rows, ensure_ascii=False, indent=1))
        return 0
    width = max((len(f"{r['chapter']}:{r['line']}") for r in rows), default=10)
    for row in rows:
        where = f"{row['chapter']}:{row['line']}"
        print(f"{where:<{width}}  {row['value']:<16}  {row['expression']}")
    return 0
