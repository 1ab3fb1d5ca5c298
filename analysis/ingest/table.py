"""Read the raw table of an export: header texts and cell values, from ``.xlsx`` or ``.csv``.

The file kind is decided by content, not by name: a PDF, an HTML page or an old ``.xls``
renamed ``.xlsx`` is refused with a message that says what the file really is; text that is
not a workbook is read as CSV.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from analysis.ingest.csv_reader import read_csv_cells
from analysis.ingest.problems import ProblemLog
from analysis.ingest.xlsx_reader import read_xlsx_cells
from analysis.ingest.xlsx_scan import CellNote

_SUFFIXES = {".xlsx", ".xlsm", ".csv"}
_EXPECTED = "a .xlsx workbook or a .csv file"


@dataclass(frozen=True)
class RawTable:
    """An export as read: the header and the data rows, columns not yet interpreted.

    Attributes
    ----------
    sheet
        Worksheet name, or ``None`` for CSV.
    header
        Header texts, one per column (``""`` for a blank header cell).
    cells
        Object array, one row per response and one column per header cell: raw values
        (``str``, ``float``, ``bool``, ``datetime`` ...; ``None`` for empty cells). Entirely
        empty rows are left out.
    row_numbers
        Spreadsheet row number of each data row (the header is row 1).
    notes
        Cells the workbook reader could only read as empty (formulas without a saved value,
        Excel error cells), to be reported where they matter.
    other_sheets
        Names of the workbook's other sheets (empty for CSV).
    """

    sheet: str | None
    header: list[str]
    cells: np.ndarray
    row_numbers: np.ndarray
    notes: tuple[CellNote, ...] = ()
    other_sheets: tuple[str, ...] = ()

    @property
    def n_rows(self) -> int:
        """Number of data rows."""
        return len(self.cells)

    def column(self, index: int) -> np.ndarray:
        """The values of one column (zero-based), one per data row."""
        return self.cells[:, index]


def read_table(path: Path, log: ProblemLog, sheet: str | None = None) -> RawTable:
    """Read the header and rows of an ``.xlsx`` or ``.csv`` export.

    Parameters
    ----------
    path
        The export file.
    log
        Problem log of this file; its ``sheet`` is set once the sheet is known.
    sheet
        Worksheet name for ``.xlsx`` (default: the first worksheet, ``Sheet1`` in Forms).

    Returns
    -------
    RawTable

    Raises
    ------
    ExportError
        For a missing file, a file that is neither a workbook nor CSV text, a damaged or
        oversized workbook, a CSV in the wrong encoding, a missing sheet, an empty file or a
        header without rows.
    """
    path = Path(path)
    if not path.is_file():
        raise log.fail("file not found")
    if path.suffix.lower() not in _SUFFIXES:
        raise log.fail(f"not an export file (suffix {path.suffix!r})", expected=_EXPECTED)
    with path.open("rb") as handle:
        head = handle.read(2048)
    _refuse_other_kinds(head, log)
    notes, others = [], []
    if head.startswith(b"PK"):
        cells, notes, others = read_xlsx_cells(path, log, sheet)
        numbers = np.arange(1, len(cells) + 1, dtype=np.int64)
    else:
        cells, numbers = read_csv_cells(path, log)
    table = _finish(log.sheet, cells, numbers, tuple(notes), tuple(others))
    if not table.header or not any(h.strip() for h in table.header):
        if table.other_sheets:
            raise log.fail("this sheet is empty", kind="wrong_sheet",
                           expected=sheet_advice(table.other_sheets))
        raise log.fail("the file is empty", expected="a header row and one row per response")
    if not table.n_rows:
        raise log.fail("the header has no rows below it", expected="one row per response")
    return table


def _refuse_other_kinds(head: bytes, log: ProblemLog) -> None:
    """Refuse PDFs, old workbooks, HTML pages and Excel 2003 XML by their first bytes."""
    if head.startswith(b"%PDF"):
        raise log.fail("this is a PDF document, not a spreadsheet", expected=_EXPECTED)
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise log.fail("this is an old-style .xls or a password-protected workbook",
                       expected="a .xlsx workbook (save it again as .xlsx, without password)")
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if text.startswith((b"<!doctype html", b"<html")) or (
            text.startswith(b"<") and b"<html" in text):
        raise log.fail("this is an HTML page (a web page saved under the export's name), "
                       "not a spreadsheet",
                       expected=f"{_EXPECTED}, as Forms downloads it (download it again)")
    if text.startswith(b"<?xml") and b"urn:schemas-microsoft-com:office:spreadsheet" in text:
        raise log.fail("this is an Excel 2003 XML spreadsheet, not a .xlsx workbook",
                       expected="a .xlsx workbook (save it again as Excel Workbook)")


def _finish(sheet, cells: np.ndarray, numbers: np.ndarray, notes, others) -> RawTable:
    """Split off the header, trim it, and drop empty rows."""
    header = [header_text(v) for v in cells[0]] if len(cells) else []
    # Trailing blank header cells come from formatting, not from data.
    while header and not header[-1].strip():
        header.pop()
    body = cells[1:, :len(header)]
    # numpy's stubs refuse None as an operand; on an object array it compares each cell
    blank = np.equal(body, None)  # type: ignore[call-overload]
    keep = ~blank.all(axis=1) if body.size else np.zeros(len(body), bool)
    return RawTable(sheet, header, body[keep], numbers[1:][keep], notes, others)


def header_text(value) -> str:
    """A header cell as text (``""`` for an empty cell, ``2`` rather than ``2.0``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return str(value)


def sheet_advice(other_sheets) -> str:
    """What to do when the chosen sheet holds no survey data: name the sheet that does."""
    if not other_sheets:
        return "columns headed by the question texts (or by a question's `headers`)"
    names = ", ".join(repr(n) for n in other_sheets)
    return (f"the sheet that holds the responses; the workbook also has {names}: set `sheet:` "
            "for this export in the manifest (data/exports/MANIFEST.yaml), or pass sheet= / "
            "--sheet")
