"""Write the annex workbook with openpyxl: an index sheet, a sheet describing the columns, then
one sheet per table.

Numbers are numbers (counts, shares with a percent format, means, changes, p-values; a percent
interval in two columns), parsed from the printed cells by :mod:`analysis.annex.cells`. Every
other cell is written as a string value with its type set to string (``data_type = "s"``):
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
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font

from analysis.annex.cells import Cell, typed_table
from analysis.annex.collect import AnnexTable

INDEX_SHEET = "Innhold"
COLUMNS_SHEET = "Kolonner"
#: What a column holds, by its heading (the first rule that matches), for the columns sheet.
COLUMN_RULES = (
    ("nedre", "Nedre grense for 95 % konfidensintervall (Wilson) for andelen, som tall med "
              "prosentformat."),
    ("øvre", "Øvre grense for 95 % konfidensintervall (Wilson) for andelen, som tall med "
             "prosentformat."),
    ("p (Holm)", "p-verdi justert med Holms metode innenfor spørsmålet (tall; «< 0,001» som "
                 "tekst)."),
    ("Endring", "Endring i prosentpoeng: forskjellen mellom de to avrundede andelene (heltall "
                "med fortegn)."),
    ("Andel", "Andel av dem som svarte på spørsmålet, som tall med prosentformat (0,33 vises "
              "som 33 %)."),
    ("Antall", "Antall svar (heltall)."),
    ("Snitt", "Gjennomsnitt på skalaen fra en til fem (desimaltall)."),
    ("p", "p-verdi uten justering (tall; «< 0,001» som tekst)."),
)
CHOSEN_COMMENT = ("Rekonstruksjonens valg innenfor det de publiserte tallene tillater, ikke et "
                  "publisert tall.")
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


def _data_cell(sheet, row: int, column: int, cell: Cell):
    if isinstance(cell.value, str):
        target = _text_cell(sheet, row, column, cell.value)
    else:
        target = sheet.cell(row=row, column=column)
        target.value = cell.value
        target.number_format = cell.number_format
    if cell.chosen:
        target.comment = Comment(CHOSEN_COMMENT, "NorCRIN")
    return target


def describe_column(heading: str) -> str:
    """What a column with this heading holds (for the columns sheet).

    >>> describe_column("95 % KI 2025 nedre")[:5]
    'Nedre'
    """
    for key, text in COLUMN_RULES:
        if key in heading:
            return text
    return "Tekst slik boken viser den."


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
    head = [title or "Tabellvedlegg", "Hvert ark er én tabell i boken. Tall er lagret som tall "
            "(andeler med prosentformat, intervaller i to kolonner); arket «Kolonner» sier hva "
            "hver kolonne inneholder."]
    for r, line in enumerate(head, start=1):
        _text_cell(index, r, 1, line, bold=r == 1)
    columns = ["Ark", "Tabell", "Tekst", "Kapittel"]
    top = len(head) + 2
    for c, heading in enumerate(columns, start=1):
        _text_cell(index, top, c, heading, bold=True)
    listing = [columns]
    described: dict[str, str] = {}
    columns_sheet = workbook.create_sheet(COLUMNS_SHEET)
    for r, (table, name) in enumerate(zip(tables, names, strict=True), start=top + 1):
        values = [name, table.number, table.caption, table.chapter]
        listing.append(values)
        for c, value in enumerate(values, start=1):
            _text_cell(index, r, c, value)
        sheet = workbook.create_sheet(name)
        _text_cell(sheet, 1, 1, f"{table.number}: {table.caption}".strip(": "), bold=True)
        headers, rows = typed_table(table.headers, table.rows)
        for heading in headers:
            described.setdefault(heading, describe_column(heading))
        for c, heading in enumerate(headers, start=1):
            _text_cell(sheet, 3, c, heading, bold=True)
        for i, cells in enumerate(rows, start=4):
            for c, cell in enumerate(cells, start=1):
                _data_cell(sheet, i, c, cell).alignment = Alignment(wrap_text=False)
        sheet.freeze_panes = "A4"  # the title and the header row stay in view
        _widths(sheet, [headers, *[[str(c.value) for c in r] for r in rows]])
    _text_cell(columns_sheet, 1, 1, "Kolonne", bold=True)
    _text_cell(columns_sheet, 1, 2, "Innhold", bold=True)
    for r, (heading, text) in enumerate(sorted(described.items()), start=2):
        _text_cell(columns_sheet, r, 1, heading)
        _text_cell(columns_sheet, r, 2, text)
    columns_sheet.freeze_panes = "A2"
    columns_sheet.column_dimensions["A"].width = 32
    columns_sheet.column_dimensions["B"].width = 100
    index.freeze_panes = f"A{top + 1}"
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
    """Write ``<out>/<slug>-tabellvedlegg.xlsx`` for ``book`` (the book's numbered tables,
    :class:`analysis.book_order.BookTables`) from the printed tables (chapter source ->
    :func:`~analysis.annex.notebook_tables`)."""
    from analysis.annex.collect import tables_of_book

    return write_annex(out / book.annex_name, tables_of_book(book, printed), book.title,
                       book.date)
