"""The appendix's long explanations as Markdown lists instead of table cells.

A paragraph of arithmetic in a table cell squeezes the other columns to a word per line, and
in the PDF a tall row cannot break across pages. These helpers turn the display tables of
:mod:`analysis.report.audit_view` into bullet lists for an ``output: asis`` cell; the chapter
keeps a short table (without the explanation column) next to them.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import Markdown

#: Columns of :func:`analysis.report.audit_view.not_reproduced` shown in the short table.
SHORT_COLUMNS = ["År", "Spm.", "Publisert", "Data gir"]


def short_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The not-reproduced table (row label: the figure's ledger id) without its explanation."""
    return frame[SHORT_COLUMNS]


def explanation_list(frame: pd.DataFrame) -> Markdown:
    """One bullet per figure of :func:`~analysis.report.audit_view.not_reproduced`: the id in
    bold, then the arithmetic as the tool prints it (escaped, so nothing is read as Markdown).

    Parameters
    ----------
    frame
        Row label the figure id; columns ``Spm.``, ``År``, ``Publisert``, ``Data gir``,
        ``Forklaring``.
    """
    lines = []
    for figure, r in frame.iterrows():
        head = f"**{figure}** (spørsmål {r['Spm.']}, {r['År']}): publisert {r['Publisert']}"
        lines.append(f"- {head}, data gir {r['Data gir']}.  \n  {_escape(r['Forklaring'])}")
    return Markdown("\n".join(lines) + "\n")


def contradiction_list(frame: pd.DataFrame) -> Markdown:
    """One bullet per contradiction of :func:`~analysis.report.audit_view.contradictions`:
    the kind in bold, the quote, then the explanation.

    Parameters
    ----------
    frame
        Columns ``Type``, ``Sitat``, ``Forklaring``.
    """
    lines = [f"- **{r['Type']}:** {_escape(r['Sitat'])}  \n  {_escape(r['Forklaring'])}"
             for _, r in frame.iterrows()]
    return Markdown("\n".join(lines) + "\n")


def _escape(text: str) -> str:
    """Escape the characters Markdown would read as emphasis or links."""
    text = " ".join(str(text).split())
    for ch in "\\*_[]<>#`":
        text = text.replace(ch, "\\" + ch)
    return text
