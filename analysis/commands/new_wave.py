"""``python -m analysis new-wave 2027 --from 2025``: prepare the next wave as data."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``new-wave``."""
    parser.add_argument("year", type=int, help="the new wave, e.g. 2027")
    parser.add_argument("--from", dest="from_year", type=int, required=True,
                        help="the wave whose questionnaire it starts from, e.g. 2025")
    parser.add_argument("--root", type=Path, default=None,
                        help="project root (default: this project, or $NORCRIN_ROOT)")


def run(args: argparse.Namespace) -> int:
    """Write the questionnaire, manifest entry and checklist; print the checklist.

    Exit status 2, with the file named, when something exists already (nothing is written).
    """
    from analysis.wave.scaffold import NewWaveError, new_wave

    try:
        made = new_wave(args.year, args.from_year, args.root)
    except NewWaveError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"wrote {made.questionnaire}")
    print(f"added wave {args.year} (export: null, awaiting the export) to {made.manifest}")
    if made.codebook:
        print(f"wrote {made.codebook}")
    print(f"wrote {made.checklist}\n")
    print(made.checklist_text)
    return 0
