"""``python -m analysis render [--to html,pdf] [--engine auto|quarto|builtin] [--no-cache]``."""

from __future__ import annotations

import argparse
import sys

from analysis.engine.errors import RenderError
from analysis.engine.output_dir import FormatError, parse_formats
from analysis.engine.quarto import MIN_QUARTO, QuartoError, find_quarto, render_with_quarto
from analysis.engine.render import render_book
from analysis.paths import project_root


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``render``."""
    parser.add_argument("--to", default="html,pdf",
                        help="comma-separated formats: html, pdf (default: both)")
    parser.add_argument("--engine", choices=("auto", "quarto", "builtin"), default="auto",
                        help="auto: Quarto >= 1.9 if on PATH, else the built-in engine")
    parser.add_argument("--no-cache", action="store_true",
                        help="execute every chapter even if its frozen result is valid")


def _say(line: str) -> None:
    print(line, flush=True)


def validate_data(root):
    """Load the survey bundle once in this process: a bad export, manifest, questionnaire or
    ledger then stops the render with its located message (exit 2, see :mod:`analysis.cli`)
    before any chapter kernel starts. Also writes the screening review record
    (``_review/``, outside the book). A book without a manifest loads no survey data.
    Returns the bundle (the render hands it to every chapter's kernel), or ``None``."""
    from analysis.bundle import load_bundle, write_review
    from analysis.given_files import check_given_files
    from analysis.paths import exports_dir

    check_given_files(root)  # recommendations and book map: located errors before any kernel
    if not (exports_dir(root) / "MANIFEST.yaml").is_file():
        return None
    bundle = load_bundle(root)
    write_review(bundle)
    return bundle


def run(args: argparse.Namespace) -> int:
    """Render the book; 0 on success, 1 on a render error, 2 on a usage error (stderr)."""
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
    try:
        if quarto is not None:
            bundle = validate_data(root)
            render_with_quarto(root, quarto, formats, use_cache=not args.no_cache, log=_say,
                               bundle=bundle)
        else:
            render_book(root, formats, use_cache=not args.no_cache, log=_say,
                        preflight=lambda: validate_data(root))
    except RenderError as exc:
        print(f"render failed: {exc}", file=sys.stderr)
        return 1
    return 0
