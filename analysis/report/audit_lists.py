"""The appendix's long explanations as Markdown lists instead of table cells.

A paragraph of arithmetic in a table cell squeezes the other columns to a word per line, and
in the PDF a tall row cannot break across pages. These helpers turn the display tables of
:mod:`analysis.report.audit_view` into bullet lists; the chapter keeps a short table (without
the explanation column) next to them. Every value is inserted as text
(:func:`analysis.display.compose`), so a quote from the report is never read as Markdown.
"""

from __future__ import annotations

import pandas as pd

from analysis.display import Block, Table, compose

#: Columns of :func:`analysis.report.audit_view.not_reproduced` shown in the short table
#: (:func:`analysis.report.audit_view.inconsistent` has no ``Data gir``: it needs no data).
SHORT_COLUMNS = ["År", "Spm.", "Publisert", "Data gir"]


def short_table(frame: pd.DataFrame) -> Table:
    """The figure table (row label: the figure's ledger id) without its explanation."""
    return Table(frame[[c for c in SHORT_COLUMNS if c in frame.columns]],
                 left=[frame.index.name or "Tall-id", "År"])


def explanation_list(frame: pd.DataFrame) -> Block:
    """One bullet per figure of :func:`~analysis.report.audit_view.not_reproduced`: the id in
    bold, then the arithmetic as the tool prints it.

    Parameters
    ----------
    frame
        Row label the figure id; columns ``Spm.``, ``År``, ``Publisert``, ``Data gir``,
        ``Forklaring``.
    """
    data = "Data gir" in frame.columns
    pattern = ("- **{figure}** (spørsmål {question}, {year}): publisert {printed}"
               + (", data gir {data}." if data else ".") + "  \n  {why}")
    lines = [compose(pattern, figure=figure, question=r["Spm."], year=r["År"],
                     printed=r["Publisert"], why=r["Forklaring"],
                     **({"data": r["Data gir"]} if data else {}))
             for figure, r in frame.iterrows()]
    return Block("\n".join(lines) + "\n")


def contradiction_list(frame: pd.DataFrame) -> Block:
    """One bullet per contradiction of :func:`~analysis.report.audit_view.contradictions`:
    the kind in bold, the quote, then the explanation.

    Parameters
    ----------
    frame
        Columns ``Type``, ``Sitat``, ``Forklaring``.
    """
    lines = [compose("- **{kind}:** {quote}  \n  {why}", kind=r["Type"], quote=r["Sitat"],
                     why=r["Forklaring"])
             for _, r in frame.iterrows()]
    return Block("\n".join(lines) + "\n")
