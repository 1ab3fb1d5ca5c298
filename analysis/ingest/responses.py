"""Checks on whole responses: IDs, times, cells read as empty, empty responses, routing.

Each takes the raw table and the column plan and records its problems in the problem log.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.ingest.columns import ColumnPlan
from analysis.ingest.frames import ParsedColumn
from analysis.ingest.headers import column_label, normalise_value
from analysis.ingest.limits import MAX_ID
from analysis.ingest.problems import ProblemLog
from analysis.ingest.table import RawTable
from analysis.ingest.times import parse_times

_NOTE_TEXT = {
    "formula_without_value": ("the cell holds a formula without a saved value; read as not "
                              "answered", "a value (open the file in Excel and save it, so "
                                          "that formulas are calculated and their values kept)"),
    "error_value": ("the cell holds an Excel error; read as not answered",
                    "an answer, or an empty cell"),
}


def respondent_ids(table: RawTable, index: int | None, log: ProblemLog) -> np.ndarray:
    """Response IDs (int64) in row order; errors for missing, bad, too large or repeated IDs."""
    if index is None:
        return np.arange(1, table.n_rows + 1, dtype=np.int64)
    fast = _unique_whole_numbers(table.column(index))
    if fast is not None:
        return fast
    label = column_label(index, table.header[index])
    ids = np.zeros(table.n_rows, dtype=np.int64)
    seen: dict[int, int] = {}
    for pos, (value, row) in enumerate(zip(table.column(index), table.row_numbers.tolist(),
                                           strict=True)):
        number = _as_id(value)
        if number is None:
            log.error("response ID is not a whole number", kind="invalid_id", row=row,
                      column=label, value=value, expected="a positive integer")
            continue
        if number > MAX_ID:
            log.error("response ID is too large", kind="invalid_id", row=row, column=label,
                      value=number, expected="a positive integer below 2^63")
            continue
        if number in seen:
            log.error(f"duplicate response ID (also on row {seen[number]})", kind="duplicate_id",
                      row=row, column=label, value=number, expected="a unique ID per response")
        seen.setdefault(number, row)
        ids[pos] = number
    return ids


def _unique_whole_numbers(values: np.ndarray) -> np.ndarray | None:
    """The IDs when every cell is a distinct positive whole number of a workbook (floats), the
    common case, checked with array operations; else ``None`` (check cell by cell)."""
    if not all(v.__class__ is float for v in values):
        return None
    numbers = values.astype(np.float64)
    if not (len(numbers) and np.isfinite(numbers).all() and numbers.min() >= 1
            and numbers.max() < 2**53):  # below 2**53 every whole float is exact
        return None
    ids = numbers.astype(np.int64)
    if not (ids == numbers).all() or len(np.unique(ids)) < len(ids):
        return None
    return ids


def _as_id(value) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit() and value.strip().isascii():
        value = int(value.strip())
    return value if isinstance(value, int) and value > 0 else None


def submission_times(table: RawTable, roles: dict[str, int], log: ProblemLog) -> pd.Series:
    """The completion time (else start time) of each response; warnings for unreadable times
    and for responses completed before they were started."""
    index = roles.get("completion", roles.get("start"))
    if index is None:
        log.warn("no completion time column; 'submitted' is empty", kind="no_time_column",
                 expected="'Completion time', 'Fullføringstidspunkt' or '$created'")
        return pd.Series(pd.NaT, index=range(table.n_rows), dtype="datetime64[ns]")
    values = table.column(index)
    stamps, bad = parse_times(values)
    label = column_label(index, table.header[index])
    for pos in bad:
        log.warn("unreadable time; 'submitted' is NA", kind="unreadable_time",
                 row=int(table.row_numbers[pos]), column=label, value=values[pos],
                 expected="an Excel date or text like 9/20/24 19:04:01")
    if "start" in roles and "completion" in roles:
        starts, _ = parse_times(table.column(roles["start"]))
        for early in np.flatnonzero((stamps < starts).to_numpy()):
            log.warn("completed before it was started", kind="completion_before_start",
                     row=int(table.row_numbers[early]), column=label, value=stamps[early],
                     expected=f"a completion time at or after the start time ({starts[early]})")
    return stamps


def report_notes(table: RawTable, plan: ColumnPlan, log: ProblemLog) -> None:
    """Warn about cells of interpreted columns that could only be read as empty."""
    used, rows = plan.used, set(table.row_numbers.tolist())
    for note in table.notes:
        if note.column in used and note.row in rows:
            message, expected = _NOTE_TEXT[note.kind]
            log.warn(message, kind=note.kind, row=note.row, value=note.value,
                     column=column_label(note.column, table.header[note.column]),
                     expected=expected)


def answered_rows(parsed: list[ParsedColumn], n_rows: int, table: RawTable,
                  log: ProblemLog) -> np.ndarray:
    """Which responses answered at least one question; a warning for each that did not."""
    answered = np.zeros(n_rows, dtype=bool)
    for column in parsed:
        given = np.array([a is not None for a in column.answers] + [False])
        answered |= given[column.codes]
    for pos in np.flatnonzero(~answered):
        log.warn("the response has no answers; it is not counted as a respondent",
                 kind="empty_response", row=int(table.row_numbers[pos]),
                 expected="at least one answered question")
    return answered


def check_routing(parsed: list[ParsedColumn], table: RawTable, log: ProblemLog) -> None:
    """Warn about answers to a question the routing should have skipped."""
    by_id = {c.question.id: c for c in parsed}
    for column in parsed:
        condition = column.question.condition
        if condition is None or condition.question not in by_id:
            continue
        source = by_id[condition.question]
        skip = {normalise_value(label) for label in condition.not_options}
        skipped = [normalise_value(o.label) in skip for o in source.question.options]
        flagged = np.array([a is not None and any(skipped[e[0]] for e in a if e[0] >= 0)
                            for a in source.answers] + [False])
        answered = np.array([a is not None for a in column.answers] + [False])
        hits = flagged[source.codes] & answered[column.codes]
        for pos in np.flatnonzero(hits):
            log.warn(f"{column.question.id} answered although routing skips it after "
                     f"{condition.question} = {', '.join(condition.not_options)}",
                     kind="routing_breach", row=int(table.row_numbers[pos]))
