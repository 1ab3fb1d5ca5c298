"""Read the cells of one worksheet of an ``.xlsx`` workbook with python-calamine.

The package is checked first (:mod:`analysis.ingest.xlsx_package`) and the sheet's XML scanned
(:mod:`analysis.ingest.xlsx_scan`); then python-calamine reads the sheet (seconds where
openpyxl takes about a minute for 100,000 responses; it honours 1904-dated workbooks). When
python-calamine fails, the parts are checked one by one so that the message names the part
that is damaged; a workbook with no damage found is read with openpyxl instead.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np
import openpyxl
import python_calamine

from analysis.ingest.headers import column_letters
from analysis.ingest.problems import ExportError, ProblemLog
from analysis.ingest.xlsx_package import Package, choose_sheet, read_package
from analysis.ingest.xlsx_parts import DOWNLOAD_AGAIN, check_xml, open_archive
from analysis.ingest.xlsx_scan import CellNote, count_shared_strings, locate_cells, scan_sheet


def read_xlsx_cells(path: Path, log: ProblemLog, sheet: str | None):
    """Read the chosen sheet as a 2-D array of cell values.

    Parameters
    ----------
    path
        The workbook.
    log
        Problem log of this file; its ``sheet`` is set to the sheet read.
    sheet
        Sheet name, or ``None`` for the first worksheet.

    Returns
    -------
    tuple
        ``(cells, notes, other_sheets)``: an object array with one row per spreadsheet row
        from row 1 (``str``, ``float``, ``bool``, ``datetime``/``date``/``time``/``timedelta``
        values; ``None`` for empty cells), the :class:`CellNote` of cells calamine reads as
        empty (formulas without value, error cells), and the names of the other sheets.

    Raises
    ------
    ExportError
        Naming the part, sheet, row or cell that makes the workbook unreadable.
    """
    with open_archive(path, log) as archive:
        package = read_package(archive, log)
        chosen = choose_sheet(package, sheet, log)
        part = chosen.part
        assert part is not None  # choose_sheet refuses a sheet whose part is missing
        check_xml(archive, package.styles, log)
        flags = scan_sheet(archive, part, log)
        notes = []
        if flags.suspicious:
            notes = locate_cells(archive, part, log)
            bad = [n for n in notes if n.kind == "bad_shared_string"]
            if bad:
                raise _bad_shared(bad, log, count_shared_strings(archive, package.shared_strings))
        try:
            cells = _calamine_cells(path, chosen.name)
        except Exception as calamine_error:  # noqa: BLE001 - every failure gets diagnosed
            _diagnose(archive, package, part, log)
            cells = _to_array(_openpyxl_rows(path, chosen.name, log, calamine_error))
            cells[np.equal(cells, "")] = None
    others = [s.name for s in package.sheets if s.name != chosen.name]
    return cells, notes, others


def _calamine_cells(path: Path, name: str) -> np.ndarray:
    """The sheet as an object array from row 1 (``None`` for empty cells), each distinct text
    one shared object."""
    try:
        with python_calamine.CalamineWorkbook.from_path(str(path)) as workbook:
            sheet = workbook.get_sheet_by_name(name)
            if sheet.end is None or sheet.start is None:
                return np.empty((0, 0), dtype=object)
            height, width = sheet.end[0] + 1, sheet.end[1] + 1
            cells = np.empty((height, width), dtype=object)
            top, left = sheet.start
            # One object per distinct text (calamine makes one per cell): less memory, and
            # every later hash of a value is computed once. Empty cells ("") become None.
            texts: dict[str, str | None] = {"": None}
            for i, row in enumerate(sheet.iter_rows(), start=top):
                cells[i, left:] = [texts.setdefault(v, v) if v.__class__ is str else v
                                   for v in row]
            return cells
    except BaseException as exc:
        # pyo3 turns a Rust panic into PanicException, a BaseException: treat it as a failure.
        if isinstance(exc, KeyboardInterrupt | SystemExit | MemoryError):
            raise
        if not isinstance(exc, Exception):
            raise RuntimeError(f"python-calamine panicked: {exc}") from exc
        raise


def _diagnose(archive: zipfile.ZipFile, package: Package, part: str, log: ProblemLog) -> None:
    """Raise a located error for the first damaged part, if any: every XML part the readers
    use is unpacked (CRC) and parsed, the sheet's shared-string indexes are checked."""
    others = [n for n in archive.namelist() if n.endswith((".xml", ".rels"))
              and not n.startswith(("xl/worksheets/", "xl/chartsheets/"))]
    for candidate in [*others, part]:
        check_xml(archive, candidate, log)
    count = count_shared_strings(archive, package.shared_strings)
    bad = [n for n in locate_cells(archive, part, log, count) if n.kind == "bad_shared_string"]
    if bad:
        raise _bad_shared(bad, log, count)


def _bad_shared(notes: list[CellNote], log: ProblemLog, count: int) -> ExportError:
    """One located error per cell whose shared-string index is not a valid index."""
    expected = (f"a whole number from 0 to {count - 1} (the workbook has {count} shared strings)"
                if count else "no shared-string cells (the workbook has no shared strings)")
    for note in notes:
        log.error("the cell refers to a shared string that does not exist", row=note.row,
                  column=column_letters(note.column + 1), value=note.value,
                  expected=expected, kind="unreadable_file")
    return ExportError(log.errors)


def _openpyxl_rows(path: Path, name: str, log: ProblemLog, calamine_error: Exception):
    """The slow but general reader, for workbooks python-calamine fails on without damage."""
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
        try:
            return [list(r) for r in workbook[name].iter_rows(values_only=True)]
        finally:
            workbook.close()
    except Exception as exc:  # noqa: BLE001 - any failure of both readers is one message
        raise log.fail(f"the workbook cannot be read (python-calamine: {calamine_error}; "
                       f"openpyxl: {type(exc).__name__}: {exc})",
                       expected=DOWNLOAD_AGAIN) from exc


def _to_array(rows: list[list]) -> np.ndarray:
    """Rows of cell values (of any lengths) as a 2-D object array."""
    cells = np.empty((len(rows), max((len(r) for r in rows), default=0)), dtype=object)
    for i, row in enumerate(rows):
        cells[i, :len(row)] = row
    return cells
