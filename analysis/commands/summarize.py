"""``python -m analysis summarize EXPORT --questionnaire FILE [--json]``.

Prints the answer counts of one export; exit status 2 with the error on stderr for bad input.
"""

from __future__ import annotations

import argparse
import json
import sys
import warnings

from analysis.ingest.problems import ExportError
from analysis.ingest.reader import read_export
from analysis.ingest.summary import summarize_export, summary_table
from analysis.questionnaire.load import QuestionnaireError, load_questionnaire


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the ``summarize`` arguments to its sub-parser."""
    parser.add_argument("export", help="the Forms or Nettskjema export (.xlsx or .csv)")
    parser.add_argument("--questionnaire", required=True,
                        help="questionnaire YAML, e.g. data/questionnaires/2025.yaml")
    parser.add_argument("--sheet", default=None, help="worksheet (default: the first)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")


def run(args: argparse.Namespace) -> int:
    """Summarise the export; return 0, or 2 for a bad export or questionnaire."""
    try:
        questionnaire = load_questionnaire(args.questionnaire)
        with warnings.catch_warnings():
            # Problems are printed below, one line each, instead of as Python warnings.
            warnings.simplefilter("ignore")
            export = read_export(args.export, questionnaire, sheet=args.sheet)
    except (ExportError, QuestionnaireError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for problem in export.problems:
        print(f"warning: {problem}", file=sys.stderr)
    summary = summarize_export(export)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2))
    else:
        print(summary_table(summary, export))
    return 0
