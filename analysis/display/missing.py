"""Missing values, and the words the book prints for them: the one place for both.

:func:`is_missing` is the only test for "no value" in the package (``None``, NaN, ``pd.NA``,
``pd.NaT``); formatters, tables and views call it instead of comparing a value with itself.
:data:`UNKNOWN` is what a value the data cannot give reads as, :data:`NO_DATA` what a year
without any figure reads as (charts and their text alternatives), :data:`CHOSEN_MARK` the mark
on a value the reconstruction chose within what the published figures leave open (here, not in
:mod:`analysis.report`, so that the Excel annex reads it without importing the report layer).
"""

from __future__ import annotations

from analysis.display.text import Text

#: A value the data do not determine (e.g. a count the published figures leave open).
UNKNOWN = Text("ukjent")

#: A year or series point without any figure at all.
NO_DATA = "ingen tall"

#: The mark on a value that is the reconstruction's choice rather than a published figure.
CHOSEN_MARK = "\u2020"


def is_missing(x: object) -> bool:
    """Return True for ``None``, NaN and pandas' missing markers (``pd.NA``, ``pd.NaT``).

    Examples
    --------
    >>> import pandas as pd
    >>> is_missing(float("nan")), is_missing(None), is_missing(pd.NA), is_missing(0)
    (True, True, True, False)
    >>> is_missing("ukjent"), is_missing(())
    (False, False)
    """
    if x is None:
        return True
    try:
        return bool(x != x)  # NaN and pd.NaT are the values not equal to themselves
    except TypeError:  # pd.NA refuses bool()
        return True
