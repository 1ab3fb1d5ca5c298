"""``python -m analysis audit [--json]``: which published figures the data in use reproduce."""

from __future__ import annotations

import argparse
import json
import math
import sys


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the audit command's options."""
    parser.add_argument(
        "--json", action="store_true", help="print a JSON list, one object per figure"
    )
    parser.add_argument("--status", help="only figures with this status (e.g. not-reproducible)")


def run(args: argparse.Namespace) -> int:
    """Print the audit; exit 0 (the audit reports, it does not fail on findings)."""
    from analysis.audit import audit_figures, status_counts
    from analysis.bundle import load_bundle

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
                if isinstance(value, float) and math.isnan(value):
                    rec[key] = None
        json.dump(records, sys.stdout, ensure_ascii=False, indent=1, default=str)
        print()
        return 0
    data = "reconstructed" if bundle.any_reconstructed else "real export"
    print(f"Audit of {len(audit)} published figures against the data in use ({data}):")
    for status, n in status_counts(audit).items():
        print(f"  {status:17} {n:4}")
    for _, row in audit.iterrows():
        flag = " [inconsistent]" if row["inconsistent"] else ""
        if row["contradictions"]:
            flag += f" [contradiction: {', '.join(row['contradictions'])}]"
        print(f"{row['id']:40} {row['status']:17}{flag} {row['explanation']}")
    return 0
