"""Hand-written .xlsx workbooks for the tests: every part is plain XML in a dict, so a test can
break exactly one thing (a part, a relationship, a byte) and check the message it gets."""

from __future__ import annotations

import datetime as dt
import zipfile
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from openpyxl.utils import get_column_letter

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_EPOCH = dt.datetime(1899, 12, 30)


@dataclass(frozen=True)
class Formula:
    """A formula cell, with or without a saved (cached) value."""

    text: str
    cached: object = None


@dataclass(frozen=True)
class Error:
    """A cell holding an Excel error value such as ``#N/A``."""

    text: str = "#N/A"


def workbook_parts(header, rows, *, shared=True, sheets=("Sheet1",), date1904=False,
                   date_format="m/d/yy h:mm:ss"):
    """The parts of a workbook whose first sheet holds ``header`` and ``rows``.

    Text goes to the shared-strings table (as Excel writes it) or, with ``shared=False``,
    inline (as openpyxl's write-only mode and Apache POI write it). Datetimes are date cells
    in ``date_format``. Further sheet names get an empty sheet each. Returns part name ->
    bytes.
    """
    strings: list[str] = []
    epoch = ' date1904="1"' if date1904 else ""
    body = "".join(_row(n, values, strings, shared)
                   for n, values in enumerate([header, *rows], start=1))
    parts = {
        "[Content_Types].xml": _content_types(len(sheets)),
        "_rels/.rels": f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC}/'
                       'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{MAIN}" xmlns:r="{DOC}"><workbookPr{epoch}/>'
                           "<sheets>"
                           + "".join(f'<sheet name="{escape(name)}" sheetId="{i}" '
                                     f'r:id="rId{i}"/>' for i, name in enumerate(sheets, 1))
                           + "</sheets></workbook>",
        "xl/_rels/workbook.xml.rels": _workbook_rels(len(sheets)),
        "xl/styles.xml": f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" '
                         f'formatCode="{escape(date_format, {chr(34): "&quot;"})}"/></numFmts>'
                         '<cellXfs count="2"><xf '
                         'numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs>'
                         '</styleSheet>',
        "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount='
                                f'"{len(strings)}">'
                                + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings)
                                + "</sst>",
        "xl/worksheets/sheet1.xml": _sheet(body),
    }
    for i in range(2, len(sheets) + 1):
        parts[f"xl/worksheets/sheet{i}.xml"] = _sheet("")
    return {name: text.encode("utf-8") for name, text in parts.items()}


def write_parts(path: Path, parts: dict[str, bytes], *, stored=False) -> Path:
    """Zip the parts into ``path`` (deflated, or stored so that bytes can be flipped)."""
    method = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(path, "w", method) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return Path(path)


def _sheet(body: str) -> str:
    return f'<worksheet xmlns="{MAIN}"><sheetData>{body}</sheetData></worksheet>'


def _row(number, values, strings, shared) -> str:
    cells = "".join(_cell(f"{get_column_letter(i + 1)}{number}", v, strings, shared)
                    for i, v in enumerate(values) if v is not None)
    return f'<row r="{number}">{cells}</row>'


def _cell(ref, value, strings, shared) -> str:
    if isinstance(value, Formula):
        cached = "" if value.cached is None else f"<v>{value.cached}</v>"
        return f'<c r="{ref}"><f>{escape(value.text)}</f>{cached}</c>'
    if isinstance(value, Error):
        return f'<c r="{ref}" t="e"><v>{escape(value.text)}</v></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.datetime):
        serial = (value - _EPOCH) / dt.timedelta(days=1)
        return f'<c r="{ref}" s="1"><v>{serial!r}</v></c>'
    if isinstance(value, int | float):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    if shared:
        strings.append(str(value))
        return f'<c r="{ref}" t="s"><v>{len(strings) - 1}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t>{escape(str(value))}</t></is></c>'


def _content_types(n_sheets: int) -> str:
    sml = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    sheets = "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                     f'ContentType="{sml}.worksheet+xml"/>' for i in range(1, n_sheets + 1))
    return ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{sml}.sheet.main+xml"/>'
            f'{sheets}</Types>')


def _workbook_rels(n_sheets: int) -> str:
    sheets = "".join(f'<Relationship Id="rId{i}" Type="{DOC}/worksheet" '
                     f'Target="worksheets/sheet{i}.xml"/>' for i in range(1, n_sheets + 1))
    return (f'<Relationships xmlns="{RELS}">{sheets}'
            f'<Relationship Id="rIdS" Type="{DOC}/sharedStrings" Target="sharedStrings.xml"/>'
            f'<Relationship Id="rIdT" Type="{DOC}/styles" Target="styles.xml"/>'
            "</Relationships>")


def write_bomb(path: Path, header, *, shared_mb: int = 0, cell_mb: int = 0) -> Path:
    """A small workbook that unpacks to a huge one: ``shared_mb`` MB of shared strings, or
    one cell of ``cell_mb`` MB. Written in 1 MB blocks, so building it needs little memory."""
    parts = workbook_parts(header, [[1]], shared=False)
    big = "xl/sharedStrings.xml" if shared_mb else "xl/worksheets/sheet1.xml"
    block = (b"<si><t>" + b"y" * 10**6 + b"</t></si>") if shared_mb else b"y" * 10**6
    head, tail = ((f'<sst xmlns="{MAIN}">'.encode(), b"</sst>") if shared_mb else
                  (f'<worksheet xmlns="{MAIN}"><sheetData><row r="1"><c r="A1" t="inlineStr">'
                   "<is><t>".encode(), b"</t></is></c></row></sheetData></worksheet>"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, data in parts.items():
            if name != big:
                archive.writestr(name, data)
        with archive.open(big, "w", force_zip64=True) as handle:
            handle.write(head)
            for _ in range(shared_mb or cell_mb):
                handle.write(block)
            handle.write(tail)
    return Path(path)
