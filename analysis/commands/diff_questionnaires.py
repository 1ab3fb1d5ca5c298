"""``python -m analysis diff-questionnaires 2025 2027``: what changed, and what is not compared."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``diff-questionnaires``."""
    parser.add_argument("earlier", type=int, help="the earlier wave, e.g. 2025")
    parser.add_argument("later", type=int, help="the later wave, e.g. 2027")
    parser.add_argument("--root", type=Path, default=None,
                        help="project root (default: this project, or $NORCRIN_ROOT)")


def run(args: argparse.Namespace) -> int:
    """Print the differences as plain text (exit 0); a broken file exits 2 via the CLI."""
    from analysis.questionnaire import load_questionnaire
    from analysis.questionnaire.diff import diff_questionnaires, format_diff

    earlier = load_questionnaire(args.earlier, args.root)
    later = load_questionnaire(args.later, args.root)
    print(format_diff(diff_questionnaires(earlier, later)))
    return 0
