"""The PDF a board reads (issue 20): the main part (before the appendices) within 30 pages,
the whole within 40, no blank page, no page under a third full except a chapter's last, and
every figure and table inside its own chapter.

Read with pypdf, as a reader's PDF client sees the pages: text and where it stands on the
page. A page's fill is how far down its lowest line of text (running footer excluded) stands.
"""

from __future__ import annotations

import re

import pytest
from pdf_reading_order import caption_places, captions_outside_their_chapter, chapters
from pypdf import PdfReader

MAIN_PAGES, ALL_PAGES = 30, 40
FOOTER_PT = 60  # the running footer stands below this height (points from the page's foot)


@pytest.fixture(scope="module")
def pages(book_render):
    (pdf,) = sorted((book_render("first") / "_book").glob("*-2025.pdf"))
    reader = PdfReader(pdf)
    out = []
    for page in reader.pages:
        height = float(page.mediabox.height)
        lows: list[float] = []

        def visit(text, cm, tm, font, size, lows=lows):
            if text.strip() and cm[5] + tm[5] > FOOTER_PT:
                lows.append(cm[5] + tm[5])

        text = page.extract_text(visitor_text=visit) or ""
        fill = (height - min(lows)) / height if lows else 0.0
        out.append((text, fill))
    return out


def _chapter_titles(pages) -> list[str]:
    """The contents list's entries ("3 Bakgrunn og metode", "A Etterprøving …")."""
    return [f"{n} {title}" for n, title in chapters([text for text, _ in pages]).items()]


def _opens_chapter(text: str, titles: list[str]) -> bool:
    lines = {re.sub(r"\s+", " ", line).strip() for line in text.splitlines()}
    return any(title in lines for title in titles)


def test_the_main_part_and_the_whole_pdf_keep_to_the_page_budget(pages):
    titles = _chapter_titles(pages)
    appendix = [t for t in titles if re.match(r"[A-Z] ", t)]
    assert len(titles) >= 12 and appendix, titles
    first = next(i for i, (text, _) in enumerate(pages) if _opens_chapter(text, appendix[:1]))
    print(f"PDF pages: main part {first}, whole {len(pages)}")
    assert first <= MAIN_PAGES, f"main part {first} pages (budget {MAIN_PAGES})"
    assert len(pages) <= ALL_PAGES, f"{len(pages)} pages (budget {ALL_PAGES})"


def test_no_page_is_blank_or_under_a_third_full_but_a_chapters_last(pages):
    titles = _chapter_titles(pages)
    blank = [i + 1 for i, (text, _) in enumerate(pages) if len(text.strip()) < 100]
    assert not blank, f"blank pages: {blank}"
    thin = [(i + 1, round(fill, 2)) for i, (_, fill) in enumerate(pages[:-1])
            if fill < 1 / 3 and not _opens_chapter(pages[i + 1][0], titles)]
    assert not thin, f"pages under a third full that do not end a chapter: {thin}"


def test_every_page_after_the_cover_has_its_number_in_the_footer(pages):
    # The footer's number is the page's position after the cover (1 on the page after it).
    # A chapter break that depended on where the heading stood (here().position()) did not
    # converge with floating figures: Typst numbered the pages 1, 2, 21, 22 and printed no
    # footer on eight pages. Read as a reader's client does: the footer's last text.
    numbers = []
    for text, _ in pages[1:]:
        tail = text.strip().splitlines()[-1] if text.strip() else ""
        found = re.search(r"(\d+)\s*$", tail)
        numbers.append(int(found.group(1)) if found else None)
    assert numbers == list(range(1, len(pages))), numbers


def test_every_figure_and_table_stands_in_its_own_chapter(pages):
    # Read in page order: "Figur 11.1: ..." after the heading of chapter 11 and before that of
    # chapter 12. Floating figures put figure 2.1 above its chapter's heading and figure 7.3
    # under chapter 8's (assets/typst/compact.typ). Quarto's PDF: tests/parity.
    texts = [text for text, _ in pages]
    places = caption_places(texts)
    assert len(places) >= 20, f"only {len(places)} captions read: {places}"
    assert not captions_outside_their_chapter(texts)
