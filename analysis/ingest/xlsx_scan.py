"""Scan a worksheet's XML for what python-calamine cannot be trusted with.

python-calamine allocates a sheet's used range densely and aborts the process when that fails,
so the range is measured first (:func:`scan_sheet`, one streaming pass of cheap byte searches).
It also reads three things silently: a formula cell without a saved value and an Excel error
cell both come back empty, and a shared-string index that is not a number comes back as string
0. The scan flags them; :func:`locate_cells` then finds each such cell with a slower exact pass.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree

from analysis.ingest.headers import column_letters
from analysis.ingest.limits import MAX_SHEET_CELLS
from analysis.ingest.problems import ProblemLog
from analysis.ingest.xlsx_parts import DOWNLOAD_AGAIN, UNPACK_ERRORS, damaged_part_message

_BLOCK = 1 << 22
# A cell or row reference past column Z or past row 99,999: with none of these in a sheet, its
# range is at most Z99999; the few there are give the bound exactly, in any order.
_BIG_REF = re.compile(rb' r="([A-Z]{2,}\d+|[A-Z]*\d{6,})"')
_ANY_REF = re.compile(rb' r="([A-Z]*)(\d+)"')
_SPLIT_REF = re.compile(rb"([A-Z]*)(\d+)")
#: Excel's last row and column (XFD1048576); a reference past them is damage.
LAST_ROW, LAST_COLUMN = 1_048_576, 16_384
# A shared-string cell whose <v> is not a plain number.
_BAD_SHARED = re.compile(rb't="s"[^>]*>\s*<(?:\w+:)?v>(?!\d+<)')
# Error cells and shared-string cells, found with one search.
_TYPED = re.compile(rb't="[es]"')
# The end of a formula element, <f>...</f> or <x:f>...</x:f> (the regular expression engine
# finds this two-byte literal three times faster than bytes.find).
_FORMULA = re.compile(rb"f>")


@dataclass(frozen=True)
class SheetFlags:
    """What :func:`scan_sheet` flagged: whether :func:`locate_cells` has something to find."""

    formulas: bool
    errors: bool
    bad_shared: bool

    @property
    def suspicious(self) -> bool:
        """Whether any cell may be misread."""
        return self.formulas or self.errors or self.bad_shared


@dataclass(frozen=True)
class CellNote:
    """One cell calamine would misread: 1-based row, 0-based column, a problem kind, a value."""

    row: int
    column: int
    kind: str
    value: str | None


def _blocks(handle):
    """Yield a part's bytes in blocks that each end after a complete ``</row>``."""
    rest = b""
    while True:
        block = handle.read(_BLOCK)
        data = rest + block
        cut = data.rfind(b"</row>") + 6 if block else len(data)
        if cut >= 6 or not block:
            yield data[:cut]
            rest = data[cut:]
        else:
            rest = data
        if not block:
            return


def _part_blocks(archive: zipfile.ZipFile, part: str, log: ProblemLog):
    try:
        with archive.open(part) as handle:
            yield from _blocks(handle)
    except UNPACK_ERRORS as exc:
        raise log.fail(damaged_part_message(part, exc), expected=DOWNLOAD_AGAIN) from exc


def scan_sheet(archive: zipfile.ZipFile, part: str, log: ProblemLog) -> SheetFlags:
    """One pass over the sheet part: refuse a used range too large for python-calamine to
    allocate, and flag formulas, error cells and bad shared-string indexes.

    Raises
    ------
    ExportError
        When a reference lies past XFD1048576, the used range exceeds ``MAX_SHEET_CELLS``, or
        the part cannot be unpacked.
    """
    big: set[bytes] = set()
    formulas = errors = bad_shared = False
    for block in _part_blocks(archive, part, log):
        big.update(_BIG_REF.findall(block))
        formulas = formulas or _FORMULA.search(block) is not None
        if not (errors and bad_shared) and _TYPED.search(block):
            errors = errors or b't="e"' in block
            bad_shared = bad_shared or _BAD_SHARED.search(block) is not None
    rows, columns = 99_999, 26
    for ref in big:
        split = _SPLIT_REF.fullmatch(ref)
        assert split is not None  # _BIG_REF only finds letters followed by digits
        letters, digits = split.groups()
        row, column = int(digits), _column_number(letters)
        if row > LAST_ROW or column > LAST_COLUMN:
            raise log.fail(f"the sheet refers to cell {ref.decode()!r}, past Excel's last cell "
                           "XFD1048576", expected="an undamaged .xlsx workbook (download or "
                                                  "save the export again)")
        rows, columns = max(rows, row), max(columns, column)
    if rows * columns > MAX_SHEET_CELLS:
        rows, columns = _exact_range(archive, part, log)
    if rows * columns > MAX_SHEET_CELLS:
        raise log.fail(f"the sheet's used range reaches cell {column_letters(columns)}{rows} "
                       f"({rows * columns:,} cells)", kind="too_large",
                       expected=f"at most {MAX_SHEET_CELLS:,} cells: delete stray cells far "
                                "from the table (Ctrl+End in Excel goes to the last used cell)")
    return SheetFlags(formulas, errors, bad_shared)


def _exact_range(archive, part, log) -> tuple[int, int]:
    """The exact largest row and column of any reference (the slow, sure pass)."""
    rows, columns = 0, 0
    for block in _part_blocks(archive, part, log):
        for letters, digits in _ANY_REF.findall(block):
            rows = max(rows, int(digits))
            columns = max(columns, _column_number(letters))
    return rows, max(columns, 1)


def _column_number(letters: bytes) -> int:
    """1-based column number of ``b"AB"`` (28); 0 for none."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def locate_cells(archive: zipfile.ZipFile, part: str, log: ProblemLog,
                 shared_count: int | None = None) -> list[CellNote]:
    """Find formula cells without a value, error cells and bad shared-string indexes.

    Parameters
    ----------
    shared_count
        Number of shared strings, to check indexes against (``None``: only check they are
        numbers).

    Returns
    -------
    list of CellNote
        ``formula_without_value`` (value: the formula), ``error_value`` (value: the error text)
        and ``bad_shared_string`` (value: the index as written) notes, in sheet order.
    """
    notes: list[CellNote] = []
    row, column = 0, -1
    try:
        with archive.open(part) as handle:
            for event, element in ElementTree.iterparse(handle, events=("start", "end")):
                tag = element.tag.rsplit("}", 1)[-1]
                if event == "start":
                    if tag == "row":
                        row = int(element.get("r") or row + 1)
                        column = -1
                    continue
                if tag == "c":
                    row, column = _position(element.get("r"), row, column)
                    note = _note(element, row, column, shared_count)
                    if note is not None:
                        notes.append(note)
                elif tag == "row":
                    element.clear()
    except ElementTree.ParseError:
        return notes  # a damaged sheet is reported by whoever reads it
    except UNPACK_ERRORS as exc:
        raise log.fail(damaged_part_message(part, exc), expected=DOWNLOAD_AGAIN) from exc
    return notes


def _position(ref: str | None, row: int, column: int) -> tuple[int, int]:
    found = re.fullmatch(r"([A-Z]{1,3})(\d+)", ref or "")
    if found is None:
        return row, column + 1
    return int(found.group(2)), _column_number(found.group(1).encode()) - 1


def _note(cell, row: int, column: int, shared_count: int | None) -> CellNote | None:
    children = {child.tag.rsplit("}", 1)[-1]: child for child in cell}
    kind = cell.get("t", "n")
    value = children.get("v")
    text = None if value is None else value.text
    if kind == "e":
        return CellNote(row, column, "error_value", text)
    if "f" in children and not text and kind != "inlineStr":
        formula = children["f"].text
        return CellNote(row, column, "formula_without_value",
                        None if formula is None else f"={formula}")
    if kind == "s":
        index = (text or "").strip()
        if not index.isdigit() or (shared_count is not None and int(index) >= shared_count):
            return CellNote(row, column, "bad_shared_string", text)
    return None


def count_shared_strings(archive: zipfile.ZipFile, part: str | None) -> int:
    """Number of ``<si>`` entries in the shared-strings part (0 when there is none)."""
    if part is None or part not in archive.namelist():
        return 0
    count = 0
    try:
        with archive.open(part) as handle:
            for _, element in ElementTree.iterparse(handle):
                if element.tag.rsplit("}", 1)[-1] == "si":
                    count += 1
                    element.clear()
    except (ElementTree.ParseError, *UNPACK_ERRORS):
        pass  # a damaged part is reported by the check of that part
    return count
