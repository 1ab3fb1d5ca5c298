"""Native charts in place of the chart markers, and alt text for every graphic."""

from __future__ import annotations

import re
from pathlib import Path

from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.util import Pt

from analysis.report.deck import Chart, read_marker
from analysis.slides.tables import fit_columns

#: Excel number format of a share: whole percent, a no-break space before the sign.
PERCENT = '0"\u00a0"%'
#: Alt text that is a file name or path, as pandoc writes it for an image (pandoc#11208).
#: A file name with an image extension, a Quarto figure folder, or an absolute path.
PATH_LIKE = re.compile(r"\.(png|svg|jpe?g|gif|emf|wmf|tiff?|pdf)\b|_files/|^\s*/|[A-Za-z]:\\",
                       re.IGNORECASE)


class DeckError(ValueError):
    """The deck cannot be finished (names the file, slide and shape)."""


def finish(path: Path) -> int:
    """Replace every chart marker of the deck at ``path`` by a native chart and fit every
    table's columns to their content (:func:`analysis.slides.tables.fit_columns`); in place.

    Returns
    -------
    int
        The number of charts drawn.

    Raises
    ------
    DeckError
        If a picture's alt text is empty or a file path, or a marker is not alone in its
        shape.
    """
    deck = Presentation(str(path))
    drawn = 0
    for number, slide in enumerate(deck.slides, start=1):
        for shape in list(slide.shapes):
            if shape.shape_type is not None and shape.shape_type == 13:  # picture
                _check_picture(path, number, shape)
            if getattr(shape, "has_table", False) and shape.has_table:
                fit_columns(shape.table)
            if not shape.has_text_frame:
                continue
            chart = read_marker(shape.text_frame.text)
            if chart is None:
                if "NORCRIN-CHART:" in shape.text_frame.text:
                    raise DeckError(f"{path}: slide {number}: a chart marker shares its "
                                    f"shape {shape.name!r} with other text")
                continue
            _draw(slide, shape, chart)
            drawn += 1
    deck.save(str(path))
    return drawn


def _check_picture(path: Path, number: int, shape) -> None:
    descr = shape._element.nvPicPr.cNvPr.get("descr", "")
    if not descr.strip() or PATH_LIKE.search(descr):
        raise DeckError(f"{path}: slide {number}: picture {shape.name!r} has alt text "
                        f"{descr!r}; it must say what the picture shows (no file path)")


def _draw(slide, marker, chart: Chart) -> None:
    """Put the chart where the marker's placeholder is, and remove the marker."""
    left, top, width, height = marker.left, marker.top, marker.width, marker.height
    marker._element.getparent().remove(marker._element)
    data = CategoryChartData(number_format=PERCENT)
    data.categories = list(chart.categories)
    for name, values in chart.series:
        data.add_series(name, list(values), number_format=PERCENT)
    frame = slide.shapes.add_chart(XL_CHART_TYPE.BAR_CLUSTERED, left, top, width, height,
                                   data)
    frame.name = f"Diagram {chart.id}"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", chart.alt)
    plot = frame.chart
    plot.has_title = False  # the slide title names it; one series would print its name
    plot.has_legend = len(chart.series) > 1
    if plot.has_legend:
        plot.legend.position = XL_LEGEND_POSITION.BOTTOM
        plot.legend.include_in_layout = False
        plot.legend.font.size = Pt(12)
    bars = plot.plots[0]
    bars.has_data_labels = True
    labels = bars.data_labels
    labels.number_format = PERCENT
    labels.number_format_is_linked = False
    labels.font.size = Pt(11)
    axis = plot.value_axis
    axis.minimum_scale, axis.maximum_scale = 0, 1
    axis.tick_labels.number_format = PERCENT
    axis.tick_labels.number_format_is_linked = False
    axis.has_major_gridlines = False
    axis.visible = False
    categories = plot.category_axis
    categories.reverse_order = True  # first option on top, as in the book's figures
    categories.tick_labels.font.size = Pt(12)
