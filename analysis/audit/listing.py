"""A stable plain-text listing of the audit, one question at a time, for validation notebooks.

The validation notebooks under ``tests/validation/notebooks/`` store these listings as cell
outputs; nbval re-runs them and fails when any recomputed figure changes, and a test reads the
stored listings back and checks them against the ledger of published figures.
"""

from __future__ import annotations

import pandas as pd

from analysis.display import is_missing

#: Column separator of a listing line; ``parse_listing`` splits on it.
SEP = " | "


def format_value(value) -> str:
    """A recomputed value at full useful precision, dot decimal (machine-readable)."""
    if is_missing(value):
        return "-"
    return f"{float(value):.4f}".rstrip("0").rstrip(".")


def listing(audit: pd.DataFrame, year: int, question: int | None) -> str:
    """Lines ``id | printed | recomputed | status`` for one wave and question (None: report-level).

    Examples
    --------
    >>> a = pd.DataFrame({"id": ["x"], "year": [2025], "question": [3], "printed": [42.0],
    ...                   "recomputed": [41.935], "status": ["within-rounding"]})
    >>> listing(a, 2025, 3)
    'x | 42 | 41.935 | within-rounding'
    """
    rows = audit[audit["year"] == year]
    if question is None:
        rows = rows[rows["question"].isna()]
    else:
        rows = rows[rows["question"] == question]
    lines = [
        SEP.join([r["id"], format_value(r["printed"]), format_value(r["recomputed"]), r["status"]])
        for _, r in rows.sort_values("id").iterrows()
    ]
    return "\n".join(lines) if lines else "(no published figures)"


def parse_listing(text: str) -> list[dict]:
    """Read a listing back: one dict per line (``id``, ``printed``, ``recomputed``, ``status``)."""
    out = []
    for line in text.strip().splitlines():
        if SEP not in line:
            continue
        fid, printed, recomputed, status = line.split(SEP)
        out.append({
            "id": fid,
            "printed": float(printed),
            "recomputed": None if recomputed == "-" else float(recomputed),
            "status": status,
        })
    return out
