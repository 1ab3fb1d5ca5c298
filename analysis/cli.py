"""Command line: ``python -m analysis <command>`` (console script ``norcrin-survey``).

Each command lives in :mod:`analysis.commands`, above the stages it wires together
(stages import only downwards, never a command), and exposes two functions,
``add_arguments(parser)`` and ``run(args) -> int``. This module only dispatches, importing a
command's module when that command is used, so ``summarize`` never pays for the render engine.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
import traceback

#: command name -> (module, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "render": ("analysis.commands.render", "render the book to _book/ (HTML and PDF)"),
    "summarize": ("analysis.commands.summarize", "count the answers of one survey export, as JSON"),
    "reconstruct": ("analysis.commands.reconstruct", "rebuild the bundled exports from the ledger"),
    "audit": ("analysis.commands.audit", "check every published figure against the data in use"),
    "trace": ("analysis.commands.trace", "list every inline expression of the book"),
    "preview": ("analysis.commands.preview",
                "render, serve _book/ on localhost, re-render and reload on every save"),
    "new-wave": ("analysis.commands.new_wave",
                 "prepare the next survey wave: questionnaire, manifest entry, checklist"),
    "diff-questionnaires": ("analysis.commands.diff_questionnaires",
                            "list what changed between two waves' questionnaires"),
    "coding": ("analysis.commands.coding",
               "free-text coding: status, suggest codes, export as REFI-QDA"),
    "packs": ("analysis.commands.packs",
              "render each partner region's feedback pack and the work packages' input"),
}


def data_errors() -> tuple[type[Exception], ...]:
    """The errors that mean "fix this input file": each names the file and the place."""
    from analysis.coding.load import CodingError
    from analysis.disclosure import DisclosureError
    from analysis.freetext.load import FreeTextError
    from analysis.given_files import given_file_errors
    from analysis.ingest.problems import ExportError
    from analysis.ledger.consistency import ConsistencyError
    from analysis.ledger.load import LedgerError
    from analysis.manifest import ManifestError
    from analysis.packs import PartnersError, SignoffError
    from analysis.questionnaire.load import QuestionnaireError

    return (ExportError, ManifestError, QuestionnaireError, LedgerError, FreeTextError,
            CodingError, DisclosureError, PartnersError, SignoffError, ConsistencyError,
            *given_file_errors())


def main(argv: list[str] | None = None) -> int:
    """Run one command and return its exit status.

    A bad input file ends every command the same way: its located message on stderr and
    exit status 2; the Python traceback only with ``--debug`` (or ``NORCRIN_DEBUG=1``).
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    argv = [a for a in argv if a != "--debug"]
    if debug:
        os.environ["NORCRIN_DEBUG"] = "1"
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("command", nargs="?")
    first, _ = parser.parse_known_args(argv[:1])
    full = argparse.ArgumentParser(
        prog="python -m analysis",
        description="NorCRIN user survey: render, preview, summarize, reconstruct, audit, trace, "
                    "new-wave, diff-questionnaires, coding, packs.",
    )
    sub = full.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name, (module_name, help_text) in COMMANDS.items():
        cmd_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == first.command:
            importlib.import_module(module_name).add_arguments(cmd_parser)
    full.add_argument("--debug", action="store_true",
                      help="show Python tracebacks for input errors")
    args = full.parse_args(argv)
    module = importlib.import_module(COMMANDS[args.command][0])
    try:
        return int(module.run(args) or 0)
    except Exception as exc:
        if not isinstance(exc, data_errors()):
            raise
        if debug or os.environ.get("NORCRIN_DEBUG") == "1":
            traceback.print_exc()
        print(f"error: {exc}", file=sys.stderr)
        return 2
