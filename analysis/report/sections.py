"""Where the published report's sections are in this book: a small table for the method chapter.

Built from data, not typed: each published figure has the report section it is printed in
(``section`` in the ledger), and the book map (``data/published/book-map.yaml``) or the
chapters' inline expressions (``ctx.published(bundle, "<id>")``) say which chapter shows it.
The chapters' numbers and titles come from ``_quarto.yml`` and the chapter sources, numbered as
both render engines number them (:mod:`analysis.engine.crossref`).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from analysis.display import Table

_PUBLISHED_ID = re.compile(r"published\(\s*bundle\s*,\s*[\"']([a-z0-9-]+)[\"']")


def _section_key(section: str) -> tuple:
    return tuple(int(p) if p.isdigit() else p for p in str(section).split("."))


def chapters_of_sections(bundle, root: Path | None = None) -> list[tuple[str, list[str]]]:
    """``[(chapter label, [report sections])]`` in book order, e.g. ``("Kapittel 3
    Tilhørighet", ["4.1"])``: each report section under the chapter that shows most of its
    figures; chapters that are the home of no section are left out."""
    from analysis.engine import crossref
    from analysis.engine.book import load_book
    from analysis.engine.qmd import MarkdownBlock, read_qmd
    from analysis.paths import project_root
    from analysis.report.book_map import load_book_map

    root = root or project_root()
    book = load_book(root)
    docs = [read_qmd(root / s, s) for s in book.sources]
    index = crossref.collect(docs, set(book.appendices))
    ledger = bundle.ledger.frame()
    section_of = dict(zip(ledger["id"], ledger["section"].astype(str), strict=True))
    chapter_of_table = {cell.label: doc.path for doc in docs for cell in doc.cells}
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
    for doc in docs:
        for block in doc.blocks:
            if isinstance(block, MarkdownBlock):
                for inline in block.inlines:
                    for fid in _PUBLISHED_ID.findall(inline.expression):
                        note(doc.path, fid)
    order = {doc.path: i for i, doc in enumerate(docs)}
    found: dict[str, set[str]] = {doc.path: set() for doc in docs}
    for section, counts in shown.items():
        home = max(counts, key=lambda c: (counts[c], -order.get(c, 0)))
        if home in found:
            found[home].add(section)
    out = []
    for doc in docs:
        if not found[doc.path]:
            continue
        info = index.chapters[doc.path]
        word = "Vedlegg" if info.appendix else "Kapittel"
        title = re.sub(r"[*_`]", "", info.title)
        label = f"{word} {info.number} {title}" if info.number else title
        out.append((label, sorted(found[doc.path], key=_section_key)))
    return out


def section_map(bundle, root: Path | None = None) -> Table:
    """Row grain: one chapter of the book that shows published figures. Columns
    ``Kapittel i boken``, ``Avsnitt i rapporten`` (the report's section numbers, joined)."""
    rows = [{"Kapittel i boken": label, "Avsnitt i rapporten": ", ".join(sections)}
            for label, sections in chapters_of_sections(bundle, root)]
    return Table(pd.DataFrame(rows), left=["Kapittel i boken", "Avsnitt i rapporten"])
