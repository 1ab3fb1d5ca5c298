"""What a deck shows, read back with python-pptx (for the tests and the parity tier)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.util import Emu

#: A number as a slide prints it: optional sign, digits with no-break-space thousands, a
#: decimal comma, and a percent sign after a no-break space.
NUMBER = re.compile(r"(?<![\d,])[+\u2212-]?(?:\d{1,3}(?:\u00a0\d{3})+|\d+)(?:,\d+)?(?:\u00a0%)?")


@dataclass
class SlideInfo:
    """One slide as a reader gets it.

    ``texts``: the text of every text shape (title first) and every table cell; ``charts``:
    (categories, [(series name, values)]) per native chart; ``alt``: the alt text of every
    picture and chart; ``boxes``: (shape name, left, top, right, bottom) in EMU.
    """

    number: int
    layout: str
    texts: list[str] = field(default_factory=list)
    charts: list[tuple] = field(default_factory=list)
    alt: list[tuple[str, str]] = field(default_factory=list)
    notes: str = ""
    boxes: list[tuple] = field(default_factory=list)


def numbers(text: str) -> list[str]:
    """Every number in ``text`` as printed (``"42\u00a0%"``, ``"+21"``, ``"186"``)."""
    return NUMBER.findall(text)


def read_deck(path: Path) -> tuple[list[SlideInfo], list[str], tuple[int, int]]:
    """The slides of the deck, the names of its template's layouts, and the slide size."""
    deck = Presentation(str(path))
    layouts = [layout.name for master in deck.slide_masters for layout in master.slide_layouts]
    slides = []
    for number, slide in enumerate(deck.slides, start=1):
        info = SlideInfo(number, slide.slide_layout.name)
        for shape in slide.shapes:
            info.boxes.append((shape.name, *_box(shape)))
            if shape.has_text_frame:
                info.texts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                info.texts += [cell.text for row in shape.table.rows for cell in row.cells]
            if getattr(shape, "has_chart", False) and shape.has_chart:
                plot = shape.chart.plots[0]
                info.charts.append((tuple(str(c) for c in plot.categories),
                                    [(s.name, tuple(s.values)) for s in plot.series]))
                info.alt.append((shape.name, shape._element.nvGraphicFramePr.cNvPr.get(
                    "descr", "")))
            if shape.shape_type == 13:  # picture
                info.alt.append((shape.name, shape._element.nvPicPr.cNvPr.get("descr", "")))
        if slide.has_notes_slide:
            info.notes = slide.notes_slide.notes_text_frame.text
        slides.append(info)
    width, height = deck.slide_width, deck.slide_height
    assert width is not None and height is not None  # every deck pandoc writes has a size
    return slides, layouts, (int(width), int(height))


def _box(shape) -> tuple[int, int, int, int]:
    left, top = Emu(shape.left or 0), Emu(shape.top or 0)
    return (int(left), int(top), int(left + (shape.width or 0)), int(top + (shape.height or 0)))
