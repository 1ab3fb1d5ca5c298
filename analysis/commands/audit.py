"""``python -m analysis audit [--json]``: the two halves of the self-check, kept apart.

(a) *Consistency of the published figures*: which figures cannot all hold together, proven
from the ledger and the questionnaires alone -- meaningful whatever data are in use.
(b) *Reproduction by the data in use*: which figures the answers reproduce. On reconstructed
data this is true by construction (the data were solved from these figures) and is no
evidence of anything; it becomes a real check only with the real export.
"""

from __future__ import annotations

import argparse
import json
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the audit command's options."""
    parser.add_argument(
        "--json", action="store_true", help="print a JSON list, one object per figure"
    )
    parser.add_argument("--status", help="only figures with this status (e.g. not-reproducible)")


def run(args: argparse.Namespace) -> int:
    """Print the audit; exit 0 (the audit reports, it does not fail on findings)."""
    from analysis.audit import audit_figures, consistency_counts, status_counts
    from analysis.bundle import load_bundle
    from analysis.display import is_missing

    bundle = load_bundle()
    audit = audit_figures(bundle)
    if args.status:
        audit = audit[audit["status"] == args.status]
    if args.json:
        records = audit.to_dict(orient="records")
        for rec in records:
            rec["option"] = list(rec["option"]) if rec["option"] is not None else None
            rec["contradictions"] = list(rec["contradictions"])
            for key, value in rec.items():
                if is_missing(value):
                    rec[key] = None
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
        return 0
    for line in summary_lines(audit, consistency_counts(audit), status_counts(audit),
                              bundle.any_reconstructed):
        print(line)
    for _, row in audit.iterrows():
        flag = " [inconsistent]" if row["inconsistent"] else ""
        if row["contradictions"]:
            flag += f" [contradiction: {', '.join(row['contradictions'])}]"
        print(f"{row['id']:40} {row['status']:17}{flag} {row['explanation']}")
    return 0


def summary_lines(audit, consistency: dict, statuses: dict, reconstructed: bool) -> list[str]:
    """The audit's header: the two halves of the self-check, each with its own label.

    Examples
    --------
    >>> lines = summary_lines([1, 2], {"tested": 2, "consistent": 1, "inconsistent": 1,
    ...                        "untested": 0}, {"reproduced": 1}, reconstructed=True)
    >>> lines[1].startswith("(a) Consistency of the published figures")
    True
    >>> any("true by construction" in line for line in lines)
    True
    """
    lines = [f"Audit of {len(audit)} published figures, in two halves.",
             "(a) Consistency of the published figures -- proven from the ledger and the "
             "questionnaires alone, no survey data:",
             f"  {'tested together':26} {consistency['tested']:4}",
             f"  {'can all hold':26} {consistency['consistent']:4}",
             f"  {'proven inconsistent':26} {consistency['inconsistent']:4}"
             "   (in the smallest set that must be left out; arithmetic below)",
             f"  {'not testable':26} {consistency['untested']:4}"
             "   (context, coded free text, waves without a questionnaire)"]
    if reconstructed:
        lines.append("(b) Reproduction by the data in use (RECONSTRUCTED from these very "
                     "figures): true by construction, no evidence of anything; a real check "
                     "only with the real export:")
    else:
        lines.append("(b) Reproduction by the data in use (real export): which figures the "
                     "answers reproduce:")
    lines += [f"  {status:26} {n:4}" for status, n in statuses.items()]
    return lines
