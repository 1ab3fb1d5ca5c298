"""Open an ``.xlsx`` archive and check single parts: complete, within the size limit,
unpacking without error (CRC), UTF-8, well-formed XML. Each failure names the part.
"""

from __future__ import annotations

import codecs
import re
import zipfile
import zlib
from pathlib import Path
from xml.etree import ElementTree
from xml.parsers import expat

from analysis.ingest.limits import MAX_UNPACKED_BYTES
from analysis.ingest.problems import ProblemLog

DOWNLOAD_AGAIN = "an undamaged .xlsx workbook (download or save the export again)"
#: What unpacking a part can raise: damaged data, an unknown compression method, encryption.
UNPACK_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError,
                 RuntimeError)
_ENCODING = re.compile(rb"""\s*<\?xml[^>]*encoding=["']([\w.-]+)["']""")
_CELL_REF = re.compile(rb' r="([A-Z]{1,3})(\d+)"')


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


def check_xml(archive: zipfile.ZipFile, part: str | None, log: ProblemLog) -> None:
    """Refuse a part that is damaged, not UTF-8, or not well-formed XML (expat, no tree).

    For a worksheet, invalid UTF-8 is located at the cell before the bad byte.
    """
    if part is None or part not in archive.namelist():
        return
    decoder: codecs.IncrementalDecoder | None
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
