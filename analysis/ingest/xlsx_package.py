"""Check an ``.xlsx`` package before a worksheet is parsed.

A workbook is a zip archive of XML parts: ``xl/workbook.xml`` names the sheets, its
relationships part (``xl/_rels/workbook.xml.rels``) says which part holds each sheet. This
module opens the archive, refuses it when it is incomplete, too large once unpacked, or its
parts are missing, outside the archive or not well-formed XML, and says which part is wrong.
"""

from __future__ import annotations

import codecs
import posixpath
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from analysis.ingest.limits import MAX_UNPACKED_BYTES
from analysis.ingest.problems import ProblemLog

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
DOWNLOAD_AGAIN = "an undamaged .xlsx workbook (download or save the export again)"
_ENCODING = re.compile(rb"""\s*<\?xml[^>]*encoding=["']([\w.-]+)["']""")
_CELL_REF = re.compile(rb' r="([A-Z]{1,3})(\d+)"')
#: What unpacking a part can raise: damaged data, an unknown compression method, encryption.
UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                 RuntimeError)


@dataclass(frozen=True)
class SheetPart:
    """One sheet of the workbook: its name, the archive part holding it, and its kind."""

    name: str
    part: str | None
    problem: str | None = None  # why the part cannot be read, when it cannot
    worksheet: bool = True


@dataclass(frozen=True)
class Package:
    """What a workbook holds: its sheets in workbook order and its shared parts."""

    sheets: list[SheetPart]
    shared_strings: str | None
    styles: str | None


def open_archive(path: Path, log: ProblemLog) -> zipfile.ZipFile:
    """Open the zip archive, refusing incomplete archives and ones too large once unpacked.

    Raises
    ------
    ExportError
        For a truncated or damaged archive, or more than ``MAX_UNPACKED_BYTES`` unpacked.
    """
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise log.fail("the workbook is incomplete or damaged: the zip archive has no "
                       f"complete directory ({exc}); was the download interrupted?",
                       expected=DOWNLOAD_AGAIN) from exc
    except (OSError, ValueError, NotImplementedError) as exc:
        raise log.fail(f"the workbook's zip archive cannot be opened ({exc})",
                       expected=DOWNLOAD_AGAIN) from exc
    infos = archive.infolist()
    total = sum(info.file_size for info in infos)
    if total > MAX_UNPACKED_BYTES:
        largest = max(infos, key=lambda info: info.file_size)
        archive.close()
        raise log.fail(
            f"the workbook unpacks to {total / 1e6:,.1f} MB (part {largest.filename!r} alone "
            f"{largest.file_size / 1e6:,.1f} MB); it is refused unread",
            kind="too_large",
            expected=f"at most {MAX_UNPACKED_BYTES / 1e6:,.0f} MB unpacked (a survey export "
                     "is far smaller)")
    return archive


def read_part(archive: zipfile.ZipFile, part: str, log: ProblemLog) -> bytes:
    """Read one part, with a located error for a missing or damaged part."""
    try:
        return archive.read(part)
    except KeyError as exc:
        raise log.fail(f"the workbook is damaged: part {part!r} is missing",
                       expected=DOWNLOAD_AGAIN) from exc
    except UNPACK_ERRORS as exc:
        raise log.fail(damaged_part_message(part, exc), expected=DOWNLOAD_AGAIN) from exc


def damaged_part_message(part: str, exc: BaseException) -> str:
    """The message for a part whose bytes cannot be unpacked (bad CRC, bad deflate data)."""
    text = str(exc)
    if "CRC" in text or "checksum" in text.lower():
        return f"the workbook is damaged: part {part!r} fails its checksum (CRC)"
    return f"the workbook is damaged: part {part!r} cannot be unpacked ({text})"


def parse_part(archive: zipfile.ZipFile, part: str, log: ProblemLog) -> ElementTree.Element:
    """Read and parse one small XML part, with a located error when it is not well-formed."""
    data = read_part(archive, part, log)
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise log.fail(not_well_formed(part, exc), expected=DOWNLOAD_AGAIN) from exc


def not_well_formed(part: str, exc: ElementTree.ParseError) -> str:
    """The message for an XML part that does not parse, with line and column."""
    line, column = exc.position
    reason = str(exc).split(":")[0]
    return (f"the workbook is damaged: part {part!r} is not well-formed XML ({reason}, line "
            f"{line}, column {column + 1})")


def read_package(archive: zipfile.ZipFile, log: ProblemLog) -> Package:
    """Find the workbook part, its sheets and shared parts.

    Raises
    ------
    ExportError
        When there is no workbook part (a zip that is not a workbook), or the workbook part or
        its relationships are missing or not well-formed XML.
    """
    names = set(archive.namelist())
    main = _main_part(archive, names, log)
    if main is None:
        raise log.fail("this is a zip archive but not an Excel workbook",
                       expected="a .xlsx workbook or a .csv file")
    workbook = parse_part(archive, main, log)
    rels_part = posixpath.join(posixpath.dirname(main), "_rels",
                               posixpath.basename(main) + ".rels")
    if rels_part not in names:
        raise log.fail(f"the workbook is damaged: its relationships part {rels_part!r} is "
                       "missing, so no sheet can be found", expected=DOWNLOAD_AGAIN)
    rels = {r.get("Id"): r for r in parse_part(archive, rels_part, log).iter(f"{_PKG}Relationship")}
    sheets = [_sheet(s, rels, main, rels_part, names) for s in workbook.iter(f"{_MAIN}sheet")]
    shared = {_type(r): _target(r, main) for r in rels.values()}
    return Package(sheets, shared.get("sharedStrings"), shared.get("styles"))


def _main_part(archive, names: set[str], log: ProblemLog) -> str | None:
    """The workbook part: from the package relationships, else the usual path."""
    if "_rels/.rels" in names:
        for rel in parse_part(archive, "_rels/.rels", log).iter(f"{_PKG}Relationship"):
            if _type(rel) == "officeDocument":
                target = _target(rel, "")
                if target in names:
                    return target
    return "xl/workbook.xml" if "xl/workbook.xml" in names else None


def _sheet(element, rels: dict, main: str, rels_part: str, names: set[str]) -> SheetPart:
    name = element.get("name") or "?"
    rel = rels.get(element.get(_REL_ID))
    if rel is None:
        return SheetPart(name, None, f"the workbook is damaged: sheet {name!r} refers to "
                                     f"relationship {element.get(_REL_ID)!r}, which "
                                     f"{rels_part!r} does not define")
    worksheet = _type(rel) == "worksheet"
    part = _target(rel, main)
    if part is None:
        return SheetPart(name, None, f"the workbook is damaged or unsafe: sheet {name!r} points "
                                     f"to {rel.get('Target')!r}, outside the archive", worksheet)
    if part not in names:
        return SheetPart(name, part, f"the workbook is damaged: sheet {name!r} is stored in "
                                     f"part {part!r}, which is missing from the archive",
                         worksheet)
    return SheetPart(name, part, None, worksheet)


def _type(rel) -> str:
    return (rel.get("Type") or "").rsplit("/", 1)[-1]


def _target(rel, source: str) -> str | None:
    """The archive path a relationship points to, or ``None`` when it leaves the archive."""
    target = rel.get("Target") or ""
    if rel.get("TargetMode") == "External" or "://" in target or "\\" in target:
        return None
    joined = target.lstrip("/") if target.startswith("/") else posixpath.join(
        posixpath.dirname(source), target)
    part = posixpath.normpath(joined)
    if part.startswith("../") or part in ("..", ".") or part.startswith("/"):
        return None
    return part


def choose_sheet(package: Package, sheet: str | None, log: ProblemLog) -> SheetPart:
    """The sheet to read: the one named, else the first worksheet.

    Raises
    ------
    ExportError
        For a sheet name the workbook lacks, a chart sheet, or a sheet whose part is missing
        or outside the archive.
    """
    names = [s.name for s in package.sheets]
    if sheet is not None:
        chosen = next((s for s in package.sheets if s.name == sheet), None)
        if chosen is None:
            raise log.fail(f"no sheet {sheet!r}", kind="wrong_sheet",
                           expected=f"one of {names}")
    else:
        chosen = next((s for s in package.sheets if s.worksheet), None)
        if chosen is None:
            raise log.fail("the workbook has no worksheet", kind="wrong_sheet",
                           expected="a worksheet holding one row per response")
    log.sheet = chosen.name
    if not chosen.worksheet:
        raise log.fail("this sheet is a chart, not a table", kind="wrong_sheet",
                       expected=f"a worksheet; the workbook has {names}")
    if chosen.problem:
        raise log.fail(chosen.problem, expected=DOWNLOAD_AGAIN)
    return chosen


def check_xml(archive: zipfile.ZipFile, part: str | None, log: ProblemLog) -> None:
    """Refuse a part that is damaged, not UTF-8, or not well-formed XML (expat, no tree).

    For a worksheet, invalid UTF-8 is located at the cell before the bad byte.
    """
    if part is None or part not in archive.namelist():
        return
    parser, decoder, offset = expat.ParserCreate(), codecs.getincrementaldecoder("utf-8")(), 0
    try:
        with archive.open(part) as handle:
            while block := handle.read(1 << 22):
                if decoder is not None:
                    if offset == 0 and not _declares_utf8(block):
                        decoder = None  # UTF-16 and others are legal XML: expat checks them
                    else:
                        _check_utf8(decoder, block, part, log)
                parser.Parse(block, False)
                offset += len(block)
        parser.Parse(b"", True)
    except expat.ExpatError as exc:
        raise log.fail(f"the workbook is damaged: part {part!r} is not well-formed XML "
                       f"({expat.ErrorString(exc.code)}, line {exc.lineno}, column "
                       f"{exc.offset + 1})", expected=DOWNLOAD_AGAIN) from exc
    except UNPACK_ERRORS as exc:
        raise log.fail(damaged_part_message(part, exc), expected=DOWNLOAD_AGAIN) from exc


def _declares_utf8(block: bytes) -> bool:
    declared = _ENCODING.match(block)
    return declared is None or declared.group(1).lower().replace(b"-", b"") == b"utf8"


def _check_utf8(decoder, block: bytes, part: str, log: ProblemLog) -> None:
    try:
        decoder.decode(block)
    except UnicodeDecodeError as exc:
        where = {}
        cells = list(_CELL_REF.finditer(block, 0, exc.start))
        if cells and part.startswith("xl/worksheets/"):
            where = {"row": int(cells[-1].group(2)), "column": cells[-1].group(1).decode()}
        what = "the sheet's XML is" if where else f"the workbook is damaged: part {part!r} is"
        raise log.fail(f"{what} not valid UTF-8 (byte 0x{block[exc.start]:02x})",
                       expected="UTF-8 text, as every spreadsheet program writes it",
                       **where) from exc
