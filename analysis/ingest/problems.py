"""Data problems: a record first (file, sheet, row, column, value, what was allowed), a crash later.

The reader never stops at the first bad cell. Every problem becomes a :class:`DataProblem`;
warnings travel with the result, errors are raised together as one :class:`ExportError`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path

#: How many problems an error message lists before it says "... and N more".
MAX_LISTED = 20


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
    """

    file: str
    sheet: str | None
    row: int | None
    column: str | None
    value: str | None
    expected: str | None
    message: str

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

    def _make(self, message, row, column, value, expected) -> DataProblem:
        value = None if value is None else str(value)
        return DataProblem(self.file, self.sheet, row, column, value, expected, message)

    def error(self, message, *, row=None, column=None, value=None, expected=None) -> None:
        """Record a problem that makes the export unreadable."""
        self.errors.append(self._make(message, row, column, value, expected))

    def warn(self, message, *, row=None, column=None, value=None, expected=None) -> None:
        """Record a problem the reader can work around."""
        self.warnings.append(self._make(message, row, column, value, expected))

    def fail(self, message, **where) -> ExportError:
        """Return an :class:`ExportError` for one fatal problem, to ``raise`` at once."""
        self.error(message, **where)
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
        """Issue every recorded warning through :mod:`warnings` and return the records."""
        for problem in self.warnings:
            warnings.warn(str(problem), UserWarning, stacklevel=3)
        return list(self.warnings)
