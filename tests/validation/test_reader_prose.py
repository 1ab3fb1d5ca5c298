"""What readers see in the rendered HTML (issue 20, item 5): no placeholder rows or option
labels, and counts under ten in words in running text.

Read from the pages the built-in engine writes, with BeautifulSoup; tables, figures and code
are the places where digits belong, so the prose check reads paragraphs and list items only.
"""

from __future__ import annotations

import re

import pytest
from bs4 import BeautifulSoup

#: A cell that holds no value: what the book prints for one (analysis/display/missing.py).
EMPTY_CELLS = {"", "ukjent", "–"}

#: A digit 1–9 standing alone (not part of 12, 3,5, 1–4, 2/3, 8 % or a date "1. mars").
_SMALL = re.compile(r"(?<![\d,.\-–−/+·:])\b([1-9])\b(?![,.]\d|\.\s|:|·|/)(?!\s?%)(?! prosentpoeng)")
#: Words after which a digit names something (a question, a score, a figure) or stands in a
#: comparison of figures ("11 mot 2"), not a count in running text.
_NAMING = re.compile(
    r"(?i)(?:spørsmål(?:ene)?|kapittel|score|vurdering(?:ene)?|figur|tabell|avsnitt|vedlegg|"
    r"trinn|skalaen|gir|ga|gav|mot|eller|og|fra|til|av|blant|på|nr\.)\s*$")


@pytest.fixture(scope="module")
def pages(book_render):
    book = book_render("first") / "_book"
    return {path.relative_to(book).as_posix(): BeautifulSoup(
        path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted([book / "index.html", *(book / "chapters").glob("*.html")])}


def _main(soup):
    return soup.find("main") or soup


def test_no_option_without_a_wording_is_named_to_readers(pages):
    named = {page: re.findall(r"Ukjent alternativ \d+", _main(soup).get_text(" "))
             for page, soup in pages.items()}
    assert not any(named.values()), {p: n for p, n in named.items() if n}


def test_no_table_row_holds_only_placeholders(pages):
    empty_rows = []
    for page, soup in pages.items():
        for table in _main(soup).find_all("table"):
            for row in table.find_all("tr"):
                cells = [c.get_text(" ", strip=True) for c in row.find_all(["td", "th"])]
                footnote = cells[0].startswith("†")  # a note under the table, not a row
                if (row.find("td") and len(cells) > 1 and not footnote
                        and all(c in EMPTY_CELLS for c in cells[1:])):
                    empty_rows.append((page, cells[0]))
    assert not empty_rows, empty_rows


def test_counts_under_ten_are_words_in_running_text(pages):
    found = []
    for page, soup in pages.items():
        if page.endswith("a1-etterproving.html"):
            continue  # the self-check's arithmetic, printed as the tool writes it
        main = _main(soup)
        for tag in main.find_all(["table", "figure", "nav", "script", "style", "code"]):
            tag.decompose()
        for block in main.find_all(["p", "li"]):
            text = re.sub(r"\s+", " ", block.get_text(" ").replace("\u00a0", " "))
            text = re.sub(r"\(\d+\)", " ", text)  # a theme's count in a list: «Kurs (3)»
            for match in _SMALL.finditer(text):
                before = re.sub(r"(?:\d+\s*,\s*)+$", "", text[:match.start()])  # «6, 8, 9»
                if not _NAMING.search(before):
                    found.append((page, text[max(0, match.start() - 40):match.end() + 20]))
    assert not found, found
