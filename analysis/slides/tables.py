"""Table columns as wide as their content needs, so that no word or number wraps inside it.

Pandoc writes a slide table's column widths from the Markdown table's relative widths, which
are made for the book's page: on a slide a year column got so narrow that "2023" broke into
"202" / "3" and "75 %" into "75" / "%". :func:`fit_columns` shares the table's width out again:
every column first gets room for its longest unbreakable run (a word, a number with its
no-break space and sign), the rest of the width goes to the columns with longer texts.
"""

from __future__ import annotations

from pptx.util import Pt

#: Width of an average character as a share of the font size (a sans-serif face such as the
#: template's Calibri or LibreOffice's substitute DejaVu Sans; generous, so that runs fit).
CHAR_WIDTH = 0.62
#: Cell padding left and right (pandoc's tables: 0,1 in on each side) in points.
PADDING_PT = 14.4
#: Font size assumed when a cell's runs do not give one (pandoc's table text).
DEFAULT_PT = 18.0


def _runs(text: str) -> list[str]:
    """Unbreakable runs of a cell: split at ordinary spaces and line breaks only (a no-break
    space joins a number and its sign)."""
    return [run for run in text.replace("\n", " ").split(" ") if run]


def _font_pt(cell) -> float:
    sizes = [run.font.size.pt for p in cell.text_frame.paragraphs for run in p.runs
             if run.font.size is not None]
    return max(sizes) if sizes else DEFAULT_PT


def column_needs(rows: list[list[str]]) -> list[tuple[int, int]]:
    """Per column: (longest unbreakable run, longest text), in characters.

    >>> column_needs([["Indikator", "2023"], ["Kjenner NorCRIN godt", "75\u00a0%"]])
    [(9, 20), (4, 4)]
    """
    columns = list(zip(*rows, strict=True))
    return [(max((len(r) for text in col for r in _runs(text)), default=0),
             max((len(text) for text in col), default=0)) for col in columns]


def share_width(needs: list[tuple[int, int]], total: float, char: float, pad: float) -> list[float]:
    """Column widths summing to ``total``: each at least its longest run (``char`` per
    character plus ``pad``), the remainder in proportion to how much longer its text is.

    >>> share_width([(9, 20), (4, 4)], total=100.0, char=2.0, pad=2.0)
    [90.0, 10.0]
    """
    minimum = [n * char + pad for n, _ in needs]
    spare = total - sum(minimum)
    if spare <= 0:  # not even the runs fit: in proportion to them
        return [total * m / sum(minimum) for m in minimum]
    extra = [max(length - run, 0) for run, length in needs]
    if sum(extra) == 0:
        return [m + spare / len(needs) for m in minimum]
    return [m + spare * e / sum(extra) for m, e in zip(minimum, extra, strict=True)]


def fit_columns(table) -> None:
    """Set the widths of a python-pptx ``table``'s columns from its cells (in place)."""
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    if not rows:
        return
    size = max(_font_pt(cell) for row in table.rows for cell in row.cells)
    total = sum(column.width for column in table.columns)
    widths = share_width(column_needs(rows), float(total), float(Pt(size * CHAR_WIDTH)),
                         float(Pt(PADDING_PT)))
    for column, width in zip(table.columns, widths, strict=True):
        column.width = int(width)
