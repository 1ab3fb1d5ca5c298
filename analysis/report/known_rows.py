"""Rows a reader can use: a table without the rows the data give no value for, and a
sentence that names what is unknown instead (issue 20: no placeholder rows shown to readers).

A row is *unknown* when every cell but its label reads «ukjent», «–» or nothing. With a real
export every row has its counts, so nothing is dropped and the sentence is empty: the rows
appear when they have data.

Examples
--------
>>> import pandas as pd
>>> from analysis.display import Table
>>> t = Table(pd.DataFrame({"Vurdering": ["1", "2", "5", "Svarte (n)"],
...                         "Antall": ["ukjent", "ukjent", "0", "11"],
...                         "Andel": ["ukjent", "ukjent", "0 %", ""]}))
>>> known = rows(t, "vurdering")
>>> [r[0] for r in known.table.rows()]
['5', 'Svarte (n)']
>>> str(known.sentence)
'Dataene gir ikke tall for vurdering 1 og 2, og de radene er utelatt fra tabellen.'
"""

from __future__ import annotations

from dataclasses import dataclass

from analysis import fmt
from analysis.display import UNKNOWN, Table, Text

#: What a cell without a value reads as (see :mod:`analysis.display.missing`).
_EMPTY = {"", str(UNKNOWN), "–"}


@dataclass(frozen=True)
class KnownRows:
    """A table without its unknown rows, and the sentence naming them ('' when none)."""

    table: Table
    sentence: Text
    dropped: tuple[str, ...]


def _label(row: str) -> str:
    """A row label as running text names it: "1 (svært misfornøyd)" -> "1"."""
    return row.split(" (")[0]


def _names(dropped: tuple[str, ...], what: str) -> str:
    """The dropped rows in running text: scores as a range ("vurdering 1–4"), others by name.

    >>> _names(("1 (lav)", "2", "3", "Median"), "vurdering")
    'vurdering 1–3 og median'
    """
    labels = [_label(d) for d in dropped]
    scores = [int(x) for x in labels if x.isdigit()]
    names = [fmt.lower_first(x) for x in labels if not x.isdigit()]
    parts = []
    if scores:
        run = scores == list(range(scores[0], scores[-1] + 1)) and len(scores) > 2
        parts.append(f"{what} " + (f"{scores[0]}–{scores[-1]}" if run
                                   else fmt.join([str(x) for x in scores])))
    return fmt.join(parts + names)


def rows(table: Table, what: str) -> KnownRows:
    """``table`` without the rows whose every value is unknown, and one sentence about them.

    Parameters
    ----------
    table : Table
        A display table whose first column labels the rows.
    what : str
        What the row labels are, in the sentence ("vurdering", "svaralternativ").

    Returns
    -------
    KnownRows
        ``table`` (a new one when rows were dropped), the sentence, the dropped labels.
    """
    cells = table.rows()
    keep = [any(c.strip() not in _EMPTY for c in row[1:]) for row in cells]
    dropped = tuple(row[0] for row, k in zip(cells, keep, strict=True) if not k)
    if not dropped:
        return KnownRows(table, Text(""), ())
    frame = table.frame[keep].reset_index(drop=True)
    sentence = (f"Dataene gir ikke tall for {_names(dropped, what)}, og de radene er utelatt "
                "fra tabellen.")
    return KnownRows(Table(frame, left=table.left), Text(sentence), dropped)
