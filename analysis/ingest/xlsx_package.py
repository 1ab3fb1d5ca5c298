"""Find the sheets of an ``.xlsx`` package before a worksheet is parsed.

A workbook is a zip archive of XML parts: ``xl/workbook.xml`` names the sheets, its
relationships part (``xl/_rels/workbook.xml.rels``) says which part holds each sheet. This
module reads them and refuses a workbook whose sheet parts are missing or outside the
archive, or whose relationships are broken, saying which part is wrong.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass

from analysis.ingest.problems import ProblemLog
from analysis.ingest.xlsx_parts import DOWNLOAD_AGAIN, parse_part

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


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
