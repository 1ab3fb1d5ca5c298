"""What a reader sees in a rendered book, item by item, as plain data (for comparing engines).

Each function takes the ``_book/`` folder and returns lists of tuples, normalised only for
mark-up that is not text (tags, white space, no-break spaces written as entities), so that
two books that read the same compare equal and any difference a reader would notice shows.
"""

from __future__ import annotations

import functools
import json
import posixpath
import re
from pathlib import Path, PurePosixPath

from bs4 import BeautifulSoup
from pypdf import PdfReader

_SPACE = re.compile(r"\s+")


def text(node) -> str:
    """The node's text as a reader sees it: white space collapsed, no-break spaces kept as
    spaces (both engines break lines elsewhere), Quarto's invisible helper marks dropped."""
    return _SPACE.sub(" ", node.get_text(" ")).replace("\u00a0", " ").strip()


def pages(book: Path) -> dict[str, BeautifulSoup]:
    """Chapter page (relative path) -> its parsed HTML, for every page of the book."""
    out = {}
    for path in sorted(book.rglob("*.html")):
        relative = path.relative_to(book).as_posix()
        if relative.startswith("site_libs/"):
            continue
        out[relative] = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    return out


def _main(soup: BeautifulSoup):
    return soup.find("main") or soup.body


def chapter_titles(book: Path) -> list[tuple[str, str]]:
    """(page, the page's first-level heading as read: "3 Tilhørighet", "Vedlegg A — ...")."""
    rows = []
    for page, soup in pages(book).items():
        heading = _main(soup).find("h1")
        rows.append((page, text(heading) if heading else ""))
    return rows


def captions(book: Path) -> list[tuple[str, str]]:
    """(page, caption) of every figure and table, in page order ("Figur 3.1: ...")."""
    rows = []
    for page, soup in pages(book).items():
        for node in _main(soup).find_all(["figcaption", "caption"]):
            rows.append((page, text(node)))
    return rows


_REF_TEXT = re.compile(r"^(Figur|Tabell|Kapittel|avsnitt|Vedlegg) [0-9A-Z][0-9.]*$")


def cross_references(book: Path) -> list[tuple[str, str, str]]:
    """(page, link text, page it leads to) of every cross-reference ("Figur 3.1", "Kapittel
    2", "Vedlegg A"), in page order. Quarto links a chapter by its page, the built-in engine
    by page and anchor; both lead to the same page."""
    rows = []
    for page, soup in pages(book).items():
        for link in _main(soup).find_all("a", href=True):
            label = text(link)
            if not _REF_TEXT.match(label) or link.find_parent("nav") is not None:
                continue
            target = link["href"].split("#", 1)[0]
            leads_to = (PurePosixPath(page).parent / target).as_posix() if target else page
            rows.append((page, label, posixpath.normpath(leads_to)))
    return rows


def tables(book: Path) -> list[tuple[str, list[list[str]]]]:
    """(page, rows of cell texts) of every table, in page order."""
    rows = []
    for page, soup in pages(book).items():
        for table in _main(soup).find_all("table"):
            cells = [[text(c) for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")]
            rows.append((page, cells))
    return rows


def inline_values(book: Path) -> list[tuple]:
    """(chapter, line, expression, value) of every inline expression, from the run's trace."""
    values = json.loads((book / "inline-values.json").read_text(encoding="utf-8"))
    return [(v["chapter"], v["line"], v["expression"], v["value"]) for v in values]


def pdf_pages(book: Path) -> int:
    """Pages of the book's PDF (there is exactly one)."""
    (pdf,) = sorted(book.glob("*.pdf"))
    return len(PdfReader(pdf).pages)


def citations(book: Path) -> list[tuple[str, str]]:
    """(page, citation as read: "(Fisher, 1922)") of every citation, in page order."""
    rows = []
    for page, soup in pages(book).items():
        for node in _main(soup).select("span.citation"):
            # Quarto links the name and year inside the span: no separator between the parts
            rows.append((page, _SPACE.sub(" ", node.get_text()).strip()))
    return rows


def references(book: Path) -> list[tuple[str, str]]:
    """(page, entry) of every entry of a list of references (pandoc's ``.csl-entry``)."""
    rows = []
    for page, soup in pages(book).items():
        for node in _main(soup).select(".csl-entry"):
            rows.append((page, text(node)))
    return rows


@functools.cache
def pdf_page_texts(book: Path) -> tuple[str, ...]:
    """Each page's text as pypdf reads it (extracted once per book and session: pypdf takes
    seconds for it, and the shared renders are not modified)."""
    (pdf,) = sorted(book.glob("*.pdf"))
    return tuple(p.extract_text() or "" for p in PdfReader(pdf).pages)


def pdf_text(book: Path) -> str:
    """The PDF's text with white space collapsed and soft hyphens dropped."""
    raw = " ".join(pdf_page_texts(book))
    return _SPACE.sub(" ", raw.replace("\u00ad", "").replace("\u00a0", " "))


def annex(book: Path) -> dict[str, list[list[str]]]:
    """Sheet name -> rows of cell values of the book's Excel annex (there is exactly one)."""
    from openpyxl import load_workbook

    (path,) = sorted(book.glob("*-tabellvedlegg.xlsx"))
    workbook = load_workbook(path)
    return {name: [["" if v is None else str(v) for v in row]
                   for row in workbook[name].iter_rows(values_only=True)]
            for name in workbook.sheetnames}
