"""Read the raw table of an export: header texts and cell values, from ``.xlsx`` or ``.csv``.

The file kind is decided by content, not by name: a PDF or a zip renamed ``.xlsx`` is refused
with a message that says what the file really is. CSV text is decoded as UTF-8 first, then as
Windows-1252 (what a Norwegian Excel writes), and refused when it shows mojibake.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from analysis.ingest.headers import fixed_role
from analysis.ingest.problems import ProblemLog
from analysis.ingest.xlsx_fast import UnsupportedLayoutError, read_sheet, sheet_names

# UTF-8 bytes of æ, ø, å, é, NBSP, curly quotes ... read as cp1252 and saved again.
_MOJIBAKE = re.compile("[\u00c3\u00c2][\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
                       "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026"
                       "\u2030\u2039\u203a\u20ac\u2122]|\u00e2\u20ac")
_SUFFIXES = {".xlsx", ".xlsm", ".csv"}
_DELIMITERS = (";", ",", "\t")


@dataclass(frozen=True)
class RawTable:
    """An export as read: the header and the data rows, columns not yet interpreted.

    Attributes
    ----------
    sheet
        Worksheet name, or ``None`` for CSV.
    header
        Header texts, one per column (``""`` for a blank header cell).
    rows
        Data rows as tuples of raw values (``None`` for empty cells), padded to the header
        width; entirely empty rows are left out.
    row_numbers
        Spreadsheet row number of each data row (the header is row 1).
    """

    sheet: str | None
    header: list[str]
    rows: list[tuple]
    row_numbers: list[int]


def read_table(path: Path, log: ProblemLog, sheet: str | None = None) -> RawTable:
    """Read the header and rows of an ``.xlsx`` or ``.csv`` export.

    Parameters
    ----------
    path
        The export file.
    log
        Problem log of this file; its ``sheet`` is set once the sheet is known.
    sheet
        Worksheet name for ``.xlsx`` (default: the first sheet, ``Sheet1`` in Forms exports).

    Returns
    -------
    RawTable

    Raises
    ------
    ExportError
        For a missing file, a file that is neither a workbook nor CSV text, a CSV in the wrong
        encoding, a missing sheet, an empty file or a header without rows.
    """
    path = Path(path)
    if not path.is_file():
        raise log.fail("file not found")
    if path.suffix.lower() not in _SUFFIXES:
        raise log.fail(f"not an export file (suffix {path.suffix!r})",
                       expected="a .xlsx workbook or a .csv file")
    with path.open("rb") as handle:
        magic = handle.read(8)
    if magic.startswith(b"PK\x03\x04"):
        table = _read_xlsx(path, log, sheet)
    elif magic.startswith(b"%PDF"):
        raise log.fail("this is a PDF document, not a spreadsheet",
                       expected="a .xlsx workbook or a .csv file")
    elif magic.startswith(b"\xd0\xcf\x11\xe0"):
        raise log.fail("this is an old-style .xls or a password-protected workbook",
                       expected="a .xlsx workbook (save it again as .xlsx, without password)")
    else:
        table = _read_csv(path, log)
    if not table.header or not any(str(h).strip() for h in table.header):
        raise log.fail("the file is empty", expected="a header row and one row per response")
    if not table.rows:
        raise log.fail("the header has no rows below it", expected="one row per response")
    return table


def _read_xlsx(path: Path, log: ProblemLog, sheet: str | None) -> RawTable:
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        archive = None
    if archive is None or "xl/workbook.xml" not in archive.namelist():
        raise log.fail("this is a zip archive but not an Excel workbook",
                       expected="a .xlsx workbook or a .csv file")
    with archive:
        sheets = dict(sheet_names(archive))
        if sheet is not None and sheet not in sheets:
            raise log.fail(f"no sheet {sheet!r}", expected=f"one of {list(sheets)}")
        name = sheet if sheet is not None else next(iter(sheets))
        log.sheet = name
        try:
            numbered = read_sheet(archive, sheets[name])
        except UnsupportedLayoutError:
            numbered = _read_xlsx_openpyxl(path, name)
    if not numbered or numbered[0][0] != 1:
        header, body = [], numbered
    else:
        header, body = list(numbered[0][1]), numbered[1:]
    return _finish(name, ["" if h is None else str(h) for h in header], body)


def _read_xlsx_openpyxl(path: Path, name: str) -> list[tuple[int, tuple]]:
    """The slow but general path, for workbooks the fast reader does not handle."""
    workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = workbook[name].iter_rows(values_only=True)
        return [(n, tuple(None if v == "" else v for v in r))
                for n, r in enumerate(rows, start=1) if any(v not in (None, "") for v in r)]
    finally:
        workbook.close()


def _finish(sheet: str | None, header: list[str], body: list[tuple[int, tuple]]) -> RawTable:
    """Trim the header, drop empty rows and pad rows to the header width."""
    # Trailing blank header cells come from formatting, not from data.
    while header and not header[-1].strip():
        header.pop()
    width = len(header)
    rows, numbers = [], []
    for number, row in body:
        row = tuple(row)
        if len(row) != width:
            row = row[:width] + (None,) * (width - len(row))
        # Blank cells are None (CSV readers map "" to None); a row of only None is no response.
        if row.count(None) != width:
            rows.append(row)
            numbers.append(number)
    return RawTable(sheet, header, rows, numbers)


def decode_csv(data: bytes, log: ProblemLog) -> str:
    """Decode CSV bytes: UTF-8 (with or without BOM), else Windows-1252.

    Raises
    ------
    ExportError
        When the bytes are neither, or the text carries mojibake such as ``Ã¸``.
    """
    expected = "UTF-8 or Windows-1252 (cp1252) text, as Excel saves CSV"
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise log.fail(f"the CSV is neither UTF-8 nor Windows-1252 (byte "
                           f"0x{data[exc.start]:02x} at offset {exc.start})",
                           expected=expected) from exc
    if "\x00" in text:
        raise log.fail("this is a binary file, not CSV text", expected=expected)
    found = _MOJIBAKE.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise log.fail(f"the text is garbled on line {line} ({found.group()!r}): UTF-8 "
                       "that was read as Windows-1252 and saved again", expected=expected)
    return text


def _read_csv(path: Path, log: ProblemLog) -> RawTable:
    text = decode_csv(path.read_bytes(), log)
    delimiter = _sniff_delimiter(text)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip("\ufeff") for h in next(records, [])]
    # csv counts records, not lines: a quoted header cell with newlines is still row 1.
    body = [(n, [v if v.strip() else None for v in r]) for n, r in enumerate(records, start=2)]
    return _finish(None, header, body)


def _sniff_delimiter(text: str) -> str:
    """Pick the delimiter under which the first record shows the most fixed Forms columns."""
    head = text[:65536]

    def score(delimiter: str) -> tuple[int, int]:
        first = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), [])
        return sum(fixed_role(c) is not None for c in first), len(first)

    return max(_DELIMITERS, key=score)
