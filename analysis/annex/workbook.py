"""Write the annex workbook with openpyxl: an index sheet, then one sheet per table.

Every cell is written as a string value with its type set to string (``data_type = "s"``):
openpyxl reads a value starting with ``=`` as a formula, and respondents' text is untrusted,
so nothing in the annex is ever a formula. Dates inside the file (zip entries, document
properties) are the book's date, so the same book gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from analysis.annex.collect import AnnexTable

INDEX_SHEET = "Innhold"
#: Characters Excel forbids in a sheet name, and its length limit.
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_MAX = 31


def sheet_names(labels: Iterable[str]) -> list[str]:
    """A valid, unique sheet name for each table label: ``tbl-`` dropped, forbidden characters
    replaced, at most 31 characters, unique regardless of case (``~2`` ... when cut alike).

    Examples
    --------
    >>> sheet_names(["tbl-tjenester-q10", "tbl-a/b"])
    ['tjenester-q10', 'a-b']
    """
    used = {INDEX_SHEET.lower()}
    out = []
    for label in labels:
        base = _FORBIDDEN.sub("-", label.removeprefix("tbl-")).strip("'") or "tabell"
        name, n = base[:_MAX], 1
        while name.lower() in used or name.lower() == "history":
            n += 1
            suffix = f"~{n}"
            name = base[:_MAX - len(suffix)] + suffix
        used.add(name.lower())
        out.append(name)
    return out


def _text_cell(sheet, row: int, column: int, value: str, bold: bool = False):
    cell = sheet.cell(row=row, column=column)
    cell.value = str(value)
    cell.data_type = "s"  # never a formula, whatever the text starts with
    if bold:
        cell.font = Font(bold=True)
    return cell


def _widths(sheet, rows: list[list[str]]) -> None:
    from openpyxl.utils import get_column_letter

    for i in range(max((len(r) for r in rows), default=0)):
        longest = max((len(r[i]) for r in rows if i < len(r)), default=8)
        sheet.column_dimensions[get_column_letter(i + 1)].width = min(max(longest + 2, 8), 60)


def write_annex(path: Path, tables: list[AnnexTable], title: str = "",
                date: str = "") -> Path:
    """Write ``tables`` to the workbook ``path``.

    Parameters
    ----------
    path : Path
        Target ``.xlsx`` file.
    tables : list of AnnexTable
        In reading order (:func:`analysis.annex.tables_of_book`).
    title : str
        The book's title, at the top of the index sheet.
    date : str
        ISO date of the book: the file's internal timestamps (deterministic bytes).

    Returns
    -------
    Path
    """
    workbook = Workbook()
    index = workbook.active
    index.title = INDEX_SHEET
    names = sheet_names(t.label for t in tables)
    head = [title or "Tabellvedlegg", "Hvert ark er én tabell i boken, med cellene slik boken "
            "viser dem."]
    for r, line in enumerate(head, start=1):
        _text_cell(index, r, 1, line, bold=r == 1)
    columns = ["Ark", "Tabell", "Tekst", "Kapittel"]
    top = len(head) + 2
    for c, heading in enumerate(columns, start=1):
        _text_cell(index, top, c, heading, bold=True)
    listing = [columns]
    for r, (table, name) in enumerate(zip(tables, names, strict=True), start=top + 1):
        values = [name, table.number, table.caption, table.chapter]
        listing.append(values)
        for c, value in enumerate(values, start=1):
            _text_cell(index, r, c, value)
        sheet = workbook.create_sheet(name)
        _text_cell(sheet, 1, 1, f"{table.number}: {table.caption}".strip(": "), bold=True)
        for c, heading in enumerate(table.headers, start=1):
            _text_cell(sheet, 3, c, heading, bold=True)
        for i, cells in enumerate(table.rows, start=4):
            for c, value in enumerate(cells, start=1):
                _text_cell(sheet, i, c, value).alignment = Alignment(wrap_text=False)
        sheet.freeze_panes = "A4"
        _widths(sheet, [table.headers, *table.rows])
    _widths(index, listing)
    index.column_dimensions["C"].width = 80
    stamp = _stamp(date)
    workbook.properties.creator = title or "analysis"
    workbook.properties.created = stamp
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(_fixed_dates(buffer.getvalue(), stamp))
    return path


def _stamp(date: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(date)
    except ValueError:
        return dt.datetime(2000, 1, 1)


def _fixed_dates(data: bytes, stamp: dt.datetime) -> bytes:
    """The workbook with every zip entry dated ``stamp`` and ``dcterms:modified`` = created
    (openpyxl stamps the time of saving), so equal books give equal bytes."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                body = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + iso.encode() + rb"\g<2>", body)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            dst.writestr(entry, body)
    return out.getvalue()


def write_book_annex(book, out: Path, printed: dict[str, dict[str, tuple]]) -> Path:
    """Write ``<out>/<slug>-tabellvedlegg.xlsx`` for ``book`` from the printed tables
    (chapter source -> :func:`~analysis.annex.notebook_tables`)."""
    from analysis.annex.collect import tables_of_book

    return write_annex(out / book.annex_name, tables_of_book(book, printed), book.title,
                       book.date)
