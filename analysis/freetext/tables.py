"""Category tables and quoted examples of a free-text question, in report order."""

from __future__ import annotations

import pandas as pd

from analysis import fmt
from analysis.freetext.schema import FreeText, Quote


def format_quote(quote: Quote) -> str:
    """Return a quote in guillemets, keeping the report's multiplier: ``«Raskt svar» (2)``."""
    return fmt.quote(quote.text) + (f" ({quote.times})" if quote.times > 1 else "")


def category_table(free_text: FreeText, qid: str) -> pd.DataFrame:
    """Tabulate the report's categories of one free-text question.

    Parameters
    ----------
    free_text
        The loaded free-text model (:func:`analysis.freetext.load_free_text`).
    qid
        Question id, e.g. ``"q12"``.

    Returns
    -------
    pandas.DataFrame
        One row per category, in report order. Columns: ``polaritet`` (``"Ris"``/``"Ros"``;
        only when the question's categories have a polarity, as Q22), ``kategori`` (str),
        ``antall`` (Int64; NA when the report gives no count), ``eksempler`` (respondents'
        quotes, each in «», joined by ``"; "``, "(2)" multipliers kept; empty when none) and
        ``temaer`` (the secretariat's summary bullets joined by ``"; "`` -- not quotes).

    Raises
    ------
    KeyError
        If ``qid`` is not in the file.

    Examples
    --------
    >>> from analysis.freetext import load_free_text
    >>> category_table(load_free_text(year=2025), "q12").antall.tolist()
    [11, 9, 9, 5]
    """
    question = free_text.question(qid)
    table = pd.DataFrame(
        {
            "kategori": pd.Series([c.name for c in question.categories], dtype="str"),
            "antall": pd.array([c.count for c in question.categories], dtype="Int64"),
            "eksempler": pd.Series(
                ["; ".join(format_quote(q) for q in c.quotes) for c in question.categories],
                dtype="str",
            ),
            "temaer": pd.Series(["; ".join(c.themes) for c in question.categories], dtype="str"),
        }
    )
    if any(c.polarity is not None for c in question.categories):
        polarity = [c.polarity.capitalize() if c.polarity else "" for c in question.categories]
        table.insert(0, "polaritet", pd.Series(polarity, dtype="str"))
    return table


def category_examples(free_text: FreeText, qid: str) -> list[tuple[str, list[str]]]:
    """List each category with its quoted answers, for chapters that print quotes.

    Parameters
    ----------
    free_text
        The loaded free-text model.
    qid
        Question id, e.g. ``"q13"``.

    Returns
    -------
    list of (str, list of str)
        One entry per category in report order: the category name and its quotes formatted by
        :func:`format_quote`. Categories with only summary themes get an empty list.

    Raises
    ------
    KeyError
        If ``qid`` is not in the file.
    """
    question = free_text.question(qid)
    return [(c.name, [format_quote(q) for q in c.quotes]) for c in question.categories]
