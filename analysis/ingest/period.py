"""Check an export's times against the field period of its wave.

``data/survey-waves.yaml`` gives the days each wave was open (``open_from``, ``open_to``). A
response started or completed on another day is a warning (``outside_field_period``), counted
in the method chapter's data-quality table: a test answer from before the launch, a late
answer through an old link. When most responses lie outside the period, the export is most
likely another wave's (a 2023 download named in the 2025 entry of the manifest) and reading
stops with one located error (``wrong_wave``) rather than rendering the wrong year's answers
under this year's title.

Days are compared, not instants: the period's days are whole days, both ends included, and
Forms writes local wall-clock times.
"""

from __future__ import annotations

import datetime as dt

import numpy as np

from analysis.ingest.headers import column_label
from analysis.ingest.problems import ProblemLog
from analysis.ingest.table import RawTable
from analysis.ingest.times import parse_times

#: Share of the timed responses outside the period above which the export is refused.
WRONG_WAVE_SHARE = 0.5


def check_field_period(table: RawTable, roles: dict[str, int], keep: np.ndarray,
                       period: tuple[dt.date, dt.date], log: ProblemLog) -> None:
    """Warn about each kept response started or completed outside ``period``; fail when most.

    Parameters
    ----------
    table
        The raw table.
    roles
        Column index per fixed role (``start``, ``completion``); a missing one is skipped.
    keep
        Boolean per row: the responses counted (answered at least one question).
    period
        First and last day the wave was open, both included.
    log
        The problem log of the export.

    Raises
    ------
    ExportError
        When more than :data:`WRONG_WAVE_SHARE` of the responses with a readable time lie
        outside the period (kind ``wrong_wave``), naming the period, the file it comes from
        and the first such row.
    """
    first, last = period
    outside = np.zeros(table.n_rows, dtype=bool)
    timed = np.zeros(table.n_rows, dtype=bool)
    shown: dict[int, tuple[str, object]] = {}
    for role in ("start", "completion"):
        if role not in roles:
            continue
        stamps, _ = parse_times(table.column(roles[role]))
        days = stamps.dt.normalize()
        known = stamps.notna().to_numpy()
        off = known & ((days < np.datetime64(first)) | (days > np.datetime64(last))).to_numpy()
        label = column_label(roles[role], table.header[roles[role]])
        for pos in np.flatnonzero(off & keep & ~outside):
            shown[int(pos)] = (label, stamps[pos])
        timed |= known
        outside |= off
    counted = keep & timed
    off_rows = np.flatnonzero(outside & keep)
    between = f"{first:%Y-%m-%d} to {last:%Y-%m-%d} (data/survey-waves.yaml)"  # both included
    if counted.sum() and len(off_rows) > WRONG_WAVE_SHARE * counted.sum():
        label, stamp = shown[int(off_rows[0])]
        raise log.fail(
            f"{len(off_rows)} of {int(counted.sum())} responses were started or completed "
            f"outside the wave's field period {between}; the export looks like another "
            "wave's: check `export:` of this wave in data/exports/MANIFEST.yaml (or the "
            f"period); first such row shown", kind="wrong_wave",
            row=int(table.row_numbers[off_rows[0]]), column=label, value=stamp,
            expected=f"times from {between}")
    for pos in off_rows:
        label, stamp = shown[int(pos)]
        log.warn("started or completed outside the wave's field period",
                 kind="outside_field_period", row=int(table.row_numbers[pos]), column=label,
                 value=stamp, expected=f"a time from {between}")
