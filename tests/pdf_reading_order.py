"""Where a PDF's figures and tables stand, read in page order as a reader's client reads them.

A caption "Figur 11.1: …" belongs after the heading of chapter 11 and before the heading of
the next chapter. Floating figures broke that: Typst put a float at the top of the page on
which its chapter begins, above the chapter's heading (assets/typst/compact.typ). Used by the
validation tier on the built-in engine's PDF and by the parity tier on both engines' PDFs.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

#: A contents entry: "4 Tilhørighet ....... 8" (built-in) or "4 Tilhørighet . . . . 8" (Quarto).
_CONTENTS_ENTRY = re.compile(r"^\s*(\d+|[A-Z])\.?\s+(.+?)\s*(?:\.\s?){3,}\s*\d+\s*$", re.M)
#: A caption, not a reference in the text ("Figur 11.1 viser …" has no colon).
_CAPTION = re.compile(r"^\s*(Figur|Tabell)[\s\u00a0]+(\d+|[A-Z])\.(\d+):", re.M)
_HEADING = re.compile(r"^\s*(\d+|[A-Z])\.?\s+(.+?)\s*$")


def chapters(page_texts: Sequence[str]) -> dict[str, str]:
    """Chapter number or appendix letter -> title, from the contents page."""
    contents = next(t for t in page_texts if t.lstrip().startswith("Innhold"))
    return {m.group(1): re.sub(r"\s+", " ", m.group(2)) for m in _CONTENTS_ENTRY.finditer(contents)}


def caption_places(page_texts: Sequence[str]) -> list[tuple[int, str, str | None]]:
    """(page, caption label such as "Figur 11.1", chapter whose heading was read last or None)
    of every caption in reading order; pages count the cover as 1."""
    titles = chapters(page_texts)
    assert len(titles) >= 3, f"no contents list found: {titles}"
    current: str | None = None
    places = []
    for number, text in enumerate(page_texts, start=1):
        # (a contents entry is no heading: its dots and page number follow the title)
        for line in text.splitlines():
            heading = _HEADING.match(line)
            if heading and titles.get(heading.group(1)) == re.sub(r"\s+", " ", heading.group(2)):
                current = heading.group(1)
                continue
            caption = _CAPTION.match(line)
            if caption:
                places.append((number, f"{caption.group(1)} {caption.group(2)}.{caption.group(3)}",
                               current))
    return places


def captions_outside_their_chapter(page_texts: Sequence[str]) -> list[str]:
    """Each caption that does not stand between its own chapter's heading and the next one,
    as "page 26: Figur 11.1 stands under the heading of chapter 10"; empty when all do."""
    return [f"page {page}: {label} stands "
            + (f"under the heading of chapter {chapter}" if chapter else "before any chapter")
            for page, label, chapter in caption_places(page_texts)
            if label.split()[1].split(".")[0] != chapter]
