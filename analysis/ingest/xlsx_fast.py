"""A fast reader for the cell values of one worksheet of an ``.xlsx`` workbook.

openpyxl parses every cell into objects (and without a ``<dimension>`` element scans the sheet
twice): about a minute for 100,000 responses. Forms sheets are plain tables, so this reader
streams the sheet XML with one regular expression and decodes each distinct cell once.
Anything it does not expect (cells without an ``r`` reference first, unusual markup) raises
:class:`UnsupportedLayoutError`, and the caller falls back to openpyxl.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile
from xml.etree import ElementTree

from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format
from openpyxl.utils import column_index_from_string
from openpyxl.utils.datetime import from_excel

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
# Unprefixed cells with r= first (as Excel and openpyxl write them); the inner part is
# written as an unrolled loop because a lazy ".*?" costs three times as much.
_CELL = re.compile(r'<c r="([A-Z]{1,3})(\d+)"([^>/]*(?:/>|>(?:<[^c/][^<]*|</[^c][^<]*)*</c>))')
_PARTS = re.compile(r"([^>/]*)(?:/>|>(.*)</c>)", re.S)
_TYPE = re.compile(r'\bt="(\w+)"')
_STYLE = re.compile(r'\bs="(\d+)"')
_VALUE = re.compile(r"<(?:\w+:)?v>(.*?)</(?:\w+:)?v>", re.S)
_TEXT = re.compile(r"<(?:\w+:)?t(?:\s[^>]*)?>(.*?)</(?:\w+:)?t>", re.S)
_CHUNK = 1 << 22


class UnsupportedLayoutError(Exception):
    """The sheet uses markup this reader does not handle; use openpyxl instead."""


def sheet_names(archive: zipfile.ZipFile) -> list[tuple[str, str]]:
    """Return ``(sheet name, part path)`` for every worksheet, in workbook order."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {r.get("Id"): r.get("Target") for r in rels}
    sheets = []
    for sheet in workbook.iter(f"{_NS}sheet"):
        target = targets[sheet.get(_REL)]
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        sheets.append((sheet.get("name"), path))
    return sheets


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings = []
    with archive.open("xl/sharedStrings.xml") as handle:
        for _, element in ElementTree.iterparse(handle):
            if element.tag == f"{_NS}si":
                # Text is <t> or rich-text runs <r><t>; phonetic runs (rPh) are not cell text.
                texts = [element.find(f"{_NS}t")] + [r.find(f"{_NS}t")
                                                     for r in element.findall(f"{_NS}r")]
                strings.append("".join(t.text or "" for t in texts if t is not None))
                element.clear()
    return strings


def _date_styles(archive: zipfile.ZipFile) -> set[int]:
    if "xl/styles.xml" not in archive.namelist():
        return set()
    styles = ElementTree.fromstring(archive.read("xl/styles.xml"))
    formats = dict(BUILTIN_FORMATS)
    for fmt in styles.iter(f"{_NS}numFmt"):
        formats[int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
    xfs = styles.find(f"{_NS}cellXfs")
    if xfs is None:
        return set()
    return {i for i, xf in enumerate(xfs.findall(f"{_NS}xf"))
            if is_date_format(formats.get(int(xf.get("numFmtId", 0)), "General"))}


def read_sheet(archive: zipfile.ZipFile, part: str) -> list[tuple[int, tuple]]:
    """Return ``(row number, values)`` for every non-empty row of a worksheet part.

    Values are ``str``, ``int``, ``float``, ``bool``, ``datetime`` or ``None`` (gaps), as
    openpyxl's ``values_only`` gives them.

    Raises
    ------
    UnsupportedLayoutError
        For cells this reader cannot place or decode.
    """
    strings = _shared_strings(archive)
    dates = _date_styles(archive)
    cache: dict[str, object] = {}
    columns: dict[str, int] = {}
    rows: list[tuple[int, tuple]] = []
    current: list = []
    number = ""
    for text in _complete_rows(archive, part):
        matches = _CELL.findall(text)
        if len(matches) != text.count("<c ") + text.count("<c>") or (
                not matches and "<row" in text and "c>" in text):
            raise UnsupportedLayoutError("cells without a leading r= reference, or prefixed tags")
        # The hot loop: one dict lookup per cell for its value, one for its column.
        for letters, row, rest in matches:
            value = cache.get(rest, cache)
            if value is cache:
                value = cache[rest] = _decode(rest, strings, dates)
            if row != number:
                if current:
                    rows.append((int(number), tuple(current)))
                current = [None] * len(columns)
                number = row
            index = columns.get(letters)
            if index is None:
                index = columns[letters] = column_index_from_string(letters) - 1
            if index >= len(current):
                current.extend([None] * (index + 1 - len(current)))
            current[index] = value
    if current:
        rows.append((int(number), tuple(current)))
    return rows


def _complete_rows(archive: zipfile.ZipFile, part: str):
    """Yield the sheet XML as text pieces that each end after a complete ``</row>``."""
    with archive.open(part) as handle:
        rest = b""
        while True:
            block = handle.read(_CHUNK)
            data = rest + block
            cut = data.rfind(b"</row>") + 6 if block else len(data)
            if cut >= 6 or not block:
                yield data[:cut].decode("utf-8")
                rest = data[cut:]
            else:
                rest = data
            if not block:
                return


def _decode(rest: str, strings: list[str], dates: set[int]):
    attrs, inner = _PARTS.match(rest).groups()
    if not inner:
        return None
    kind = _TYPE.search(attrs)
    kind = kind.group(1) if kind else "n"
    if kind == "inlineStr":
        return html.unescape("".join(_TEXT.findall(inner))) or None  # "" means a blank cell
    raw = _VALUE.search(inner)
    if raw is None:
        return None
    raw = raw.group(1)
    if kind == "s":
        return strings[int(raw)] or None
    if kind in ("str", "e"):
        return html.unescape(raw)
    if kind == "b":
        return raw.strip() == "1"
    if kind == "d":
        return dt.datetime.fromisoformat(raw)
    if kind != "n":
        raise UnsupportedLayoutError(f"cell type {kind!r}")
    number = float(raw)
    style = _STYLE.search(attrs)
    if style and int(style.group(1)) in dates:
        return from_excel(number)
    return int(number) if number.is_integer() and "." not in raw and "E" not in raw.upper() \
        else number
