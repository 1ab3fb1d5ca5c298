"""``Table``: a display table both engines print the same, as a pandoc pipe table.

A ``pandas.DataFrame`` shown in a cell reaches Quarto as HTML (for HTML output), with its
index as an extra column and pandas' display limits (10 rows and ``...``); the built-in
engine would need its own formatter. A ``Table`` has only a ``text/markdown`` representation:
a pipe table of data-text cells (:func:`analysis.display.markup.pipe_table`), every row, no
index column, and nothing in a cell read as markup.

Examples
--------
>>> import pandas as pd
>>> t = Table(pd.DataFrame({"Svar": ["Ja", "Nei"], "Antall": ["3", "1"]}))
>>> t.rows()
[['Ja', '3'], ['Nei', '1']]
>>> t.cell("Nei", "Antall")
'1'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from analysis.display.markup import pipe_table
from analysis.display.missing import is_missing

#: Relative width of a column is its longest cell, within these bounds (in characters), so
#: a long label column is not squeezed and a year column not stretched.
WIDTH_BOUNDS = (8, 40)
_SPACE = re.compile(r"[ \t\n\r\f\v]+")


class Table:
    """A display table: column headings and rows of text cells.

    Parameters
    ----------
    frame : pandas.DataFrame
        The cells, already formatted as text (the first column labels the rows). A named or
        non-default index becomes the first column.
    left : iterable of str, optional
        Columns of words, left-aligned; the others hold numbers and are right-aligned.
        Default: the first column (the row labels) only.
    """

    def __init__(self, frame: pd.DataFrame, left: Iterable[str] | None = None) -> None:
        if not isinstance(frame.index, pd.RangeIndex) or any(frame.index.names):
            frame = frame.reset_index()
        self.frame = frame.reset_index(drop=True)
        names = [str(c) for c in self.frame.columns]
        self.left = list(left) if left is not None else names[:1]

    @property
    def columns(self) -> list[str]:
        """Column headings."""
        return [str(c) for c in self.frame.columns]

    def rows(self) -> list[list[str]]:
        """Cell texts, row by row (missing values blank)."""
        return [[_cell(v) for v in record] for record in self.frame.itertuples(index=False)]

    def cell(self, row: str, column: str) -> str:
        """The text of the cell in the row whose first column is ``row``.

        Raises
        ------
        KeyError
            If no row or several rows have that label, or there is no such column.
        """
        first = self.frame.columns[0]
        hits = self.frame.index[self.frame[first].astype(str) == row]
        if len(hits) != 1:
            raise KeyError(f"{len(hits)} rows labelled {row!r} (labels: "
                           f"{self.frame[first].tolist()})")
        return _cell(self.frame.loc[hits[0], column])

    def _repr_markdown_(self) -> str:
        rows = self.rows()
        widths = [min(WIDTH_BOUNDS[1], max(WIDTH_BOUNDS[0], 3 + max(
            [len(h)] + [len(r[i]) for r in rows]))) for i, h in enumerate(self.columns)]
        align = ["l" if c in self.left else "r" for c in self.columns]
        return pipe_table(self.columns, rows, align, widths)

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(self.frame.to_string(index=False))


def _cell(value: object) -> str:
    if is_missing(value):
        return ""
    # ASCII white space only: a no-break space inside a value ("p < 0,001") must stay one
    return _SPACE.sub(" ", str(value)).strip(" ")
