"""Data problems: a record first (file, sheet, row, column, value, what was allowed), a crash later.

The reader never stops at the first bad cell. Every problem becomes a :class:`DataProblem`;
warnings travel with the result, errors are raised together as one :class:`ExportError`.
"""

from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

#: How many problems an error message lists before it says "... and N more".
MAX_LISTED = 20
#: Longest value quoted in a message; longer values are cut and their length is given.
MAX_QUOTED = 200

#: Every ``DataProblem.kind``, with its meaning: the rows of a data-quality table.
KINDS: dict[str, str] = {
    # errors: the export cannot be read
    "unreadable_file": "the file is missing, empty, damaged, or not a spreadsheet or CSV text",
    "too_large": "a size limit is exceeded (unpacked size, used range, cell length)",
    "wrong_sheet": "the sheet asked for is missing, or holds no survey columns",
    "missing_column": "no ID column, or no column for a question",
    "duplicate_column": "a second column for a question or for a fixed column (ID, times)",
    "invalid_id": "a response ID that is missing, not a whole number, or too large",
    "duplicate_id": "two responses with the same ID",
    "invalid_answer": "an unknown option, a rating off the scale, a wrong number of choices",
    # warnings: the export is read, and the problem is reported
    "unknown_column": "a column that matches no question (ignored)",
    "no_time_column": "no completion or start time column ('submitted' is empty)",
    "unreadable_time": "a time that cannot be read ('submitted' is NA)",
    "completion_before_start": "a response completed before it was started",
    "formula_without_value": "a formula cell with no saved value (read as not answered)",
    "error_value": "a cell holding an Excel error such as #N/A (read as not answered)",
    "empty_response": "a response with an ID but no answer (not counted as a respondent)",
    "routing_breach": "an answer to a question the routing skips",
    "missing_option_column": "a Nettskjema checkbox option without its column (never chosen)",
    "outside_field_period": "a response started or completed outside the wave's field period",
    # an error found after reading: the export as a whole
    "wrong_wave": "most responses lie outside the wave's field period (another wave's export?)",
}


@dataclass(frozen=True)
class DataProblem:
    """One problem found in an export.

    Parameters
    ----------
    file
        File name (not the full path: messages are shown in the report).
    sheet
        Worksheet name, or ``None`` for CSV files.
    row
        Spreadsheet row number (the header is row 1), or ``None`` when the whole file is meant.
    column
        Column letter and header text, e.g. ``"H (Hvor fornøyd ...)"``, or ``None``.
    value
        The offending value as text, or ``None`` (never set for e-mail or name columns).
    expected
        What was allowed, e.g. ``"an integer from 1 to 5"``.
    message
        What is wrong, in one short sentence.
    kind
        What sort of problem it is, one of :data:`KINDS` (for counting in a quality table).
    """

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    expected: str | None
    message: str
    kind: str = "unreadable_file"

    def __str__(self) -> str:
        where = [self.file]
        if self.sheet:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column {self.column}")
        text = ", ".join(where) + f": {self.message}"
        if self.value is not None:
            text += f"; value {self.value!r}"
        if self.expected:
            text += f"; expected {self.expected}"
        return text


class ExportError(ValueError):
    """An export that cannot be read; the message lists every problem found (up to 20).

    Attributes
    ----------
    problems
        All problems found, including those beyond the listed ones.
    """

    def __init__(self, problems: list[DataProblem]):
        self.problems = list(problems)
        lines = [str(p) for p in self.problems[:MAX_LISTED]]
        if len(self.problems) > MAX_LISTED:
            lines.append(f"... and {len(self.problems) - MAX_LISTED} more problems")
        head = "cannot read the survey export" if len(lines) > 1 else ""
        super().__init__("\n  ".join([head, *lines]) if head else lines[0])


class ProblemLog:
    """Collects errors and warnings for one file, then raises or warns once.

    Parameters
    ----------
    path
        The export being read; only its name appears in messages.
    sheet
        Worksheet name, or ``None`` for CSV.
    """

    def __init__(self, path: Path, sheet: str | None = None):
        self.file = Path(path).name
        self.sheet = sheet
        self.errors: list[DataProblem] = []
        self.warnings: list[DataProblem] = []

    def _make(self, kind, message, row, column, value, expected) -> DataProblem:
        if kind not in KINDS:
            raise ValueError(f"unknown problem kind {kind!r}")
        return DataProblem(self.file, self.sheet, row, column, quoted(value), expected, message,
                           kind)

    def error(self, message, *, kind, row=None, column=None, value=None, expected=None) -> None:
        """Record a problem that makes the export unreadable (``kind``: see :data:`KINDS`)."""
        self.errors.append(self._make(kind, message, row, column, value, expected))

    def warn(self, message, *, kind, row=None, column=None, value=None, expected=None) -> None:
        """Record a problem the reader can work around (``kind``: see :data:`KINDS`)."""
        self.warnings.append(self._make(kind, message, row, column, value, expected))

    def fail(self, message, *, kind="unreadable_file", **where) -> ExportError:
        """Return an :class:`ExportError` for one fatal problem, to ``raise`` at once."""
        self.error(message, kind=kind, **where)
        return ExportError(self.errors)

    def raise_errors(self) -> None:
        """Raise one :class:`ExportError` if any error was recorded.

        Raises
        ------
        ExportError
            Listing every recorded error (the first 20 in the message).
        """
        if self.errors:
            raise ExportError(self.errors)

    def emit_warnings(self) -> list[DataProblem]:
        """Issue the recorded warnings through :mod:`warnings` and return the records.

        The first :data:`MAX_LISTED` are issued one by one, the rest as one warning that
        counts them (a random export can hold thousands; the records keep them all).
        """
        for problem in self.warnings[:MAX_LISTED]:
            warnings.warn(str(problem), UserWarning, stacklevel=3)
        if len(self.warnings) > MAX_LISTED:
            rest = Counter(p.kind for p in self.warnings[MAX_LISTED:])
            kinds = ", ".join(f"{n} {kind}" for kind, n in rest.most_common())
            warnings.warn(f"{self.file}: ... and {len(self.warnings) - MAX_LISTED} more "
                          f"warnings ({kinds})", UserWarning, stacklevel=3)
        return list(self.warnings)


def quoted(value) -> str | None:
    """A value as messages show it: text, cut after :data:`MAX_QUOTED` characters.

    A whole number read from a workbook (always a float there) is shown without ``.0``.

    Examples
    --------
    >>> quoted(6.0), quoted(3.5)
    ('6', '3.5')
    >>> quoted("x" * 500)[-24:]
    'xxxx... (500 characters)'
    """
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**63:
        value = int(value)
    text = str(value)
    if len(text) > MAX_QUOTED:
        return f"{text[:MAX_QUOTED]}... ({len(text):,} characters)"
    return text


def count_kinds(problems: list[DataProblem]) -> dict[str, int]:
    """Count problems by kind, every kind of :data:`KINDS` listed (zeros included).

    Returns
    -------
    dict
        Kind -> number of problems, in the order of :data:`KINDS`: the rows of a data-quality
        table.
    """
    found = Counter(p.kind for p in problems)
    return {kind: found.get(kind, 0) for kind in KINDS}
