"""Where the published report's sections are in this book: a small table for the method chapter.

Built from data, not typed: each published figure has the report section it is printed in
(``section`` in the ledger), and the book map (``data/published/book-map.yaml``) or the
chapters' inline expressions (``ctx.published(bundle, "<id>")``) say which chapter shows it.
The chapters' titles and order come from ``_quarto.yml`` and the chapter sources.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis.display import Table
from analysis.yaml_files import load_yaml

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

_PUBLISHED_ID = re.compile(r"published\(\s*bundle\s*,\s*[\"']([a-z0-9-]+)[\"']")


def _section_key(section: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in str(section).split("."))


_HEADING = re.compile(r"^#\s+(?P<title>.+?)\s*(?:\{[^}]*\})?\s*$", re.M)
_CELL_LABEL = re.compile(r"^#\|\s*label:\s*(?P<label>\S+)", re.M)


def _chapter_sources(root: Path) -> list[tuple[str, str]]:
    """``[(source, title)]`` of the chapters and appendices ``_quarto.yml`` lists, in book
    order; the title is the chapter's first level-one heading, without markup."""
    config = load_yaml((root / "_quarto.yml").read_text(encoding="utf-8")) or {}
    book = config.get("book", {})
    out = []
    for source in [*book.get("chapters", []), *book.get("appendices", [])]:
        if not isinstance(source, str):  # a part: {part: ..., chapters: [...]}
            continue
        found = _HEADING.search((root / source).read_text(encoding="utf-8"))
        out.append((source, re.sub(r"[*_`]", "", found["title"]) if found else source))
    return out


def chapters_of_sections(bundle: SurveyBundle, root: Path | None = None
                         ) -> list[tuple[str, list[str]]]:
    """``[(chapter title, [report sections])]`` in book order, e.g. ``("Tilhørighet",
    ["4.1"])``: each report section under the chapter that shows most of its figures;
    chapters that are the home of no section are left out.

    Read from the chapter sources as text (titles, cell labels, ``ctx.published`` ids): the
    report layer does not depend on the render engine, and the titles are what the table of
    contents shows in both engines.
    """
    from analysis.paths import project_root
    from analysis.report.book_map import load_book_map

    root = root or project_root()
    chapters = _chapter_sources(root)
    texts = {source: (root / source).read_text(encoding="utf-8") for source, _ in chapters}
    section_of = {f.id: str(f.section) for f in bundle.ledger if f.section is not None}
    chapter_of_table = {m["label"]: source for source, text in texts.items()
                        for m in _CELL_LABEL.finditer(text)}
    # How many figures of each report section each chapter shows; a section belongs to the
    # chapter that shows most of them (the summary and the method chapter quote a few).
    shown: dict[str, dict[str, int]] = {}

    def note(chapter: str | None, fid: str) -> None:
        if chapter is not None and fid in section_of:
            counts = shown.setdefault(section_of[fid], {})
            counts[chapter] = counts.get(chapter, 0) + 1

    for entry in load_book_map(root).shown:
        if entry.where is not None:
            note(entry.where.chapter or chapter_of_table.get(entry.where.table or ""), entry.id)
    for source, text in texts.items():
        for fid in _PUBLISHED_ID.findall(text):
            note(source, fid)
    order = {source: i for i, (source, _) in enumerate(chapters)}
    found: dict[str, set[str]] = {source: set() for source, _ in chapters}
    for section, counts in shown.items():
        home = max(counts, key=lambda c: (counts[c], -order.get(c, 0)))
        if home in found:
            found[home].add(section)
    return [(title, sorted(found[source], key=_section_key))
            for source, title in chapters if found[source]]


def section_map(bundle: SurveyBundle, root: Path | None = None) -> Table:
    """Row grain: one chapter of the book that shows published figures. Columns
    ``Kapittel i boken``, ``Avsnitt i rapporten`` (the report's section numbers, joined)."""
    rows = [{"Kapittel i boken": label, "Avsnitt i rapporten": ", ".join(sections)}
            for label, sections in chapters_of_sections(bundle, root)]
    return Table(pd.DataFrame(rows), left=["Kapittel i boken", "Avsnitt i rapporten"])
