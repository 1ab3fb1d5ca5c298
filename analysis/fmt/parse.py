"""Reading back a number the book printed the Norwegian way (for the back-test).

The inverse of :mod:`analysis.fmt.norwegian` for single numbers: decimal comma, no-break or
thin spaces between thousands, a true minus sign (U+2212), an optional ``+``, and an optional
unit (``%``, ``prosentpoeng``, ``pp``) after it.
"""

from __future__ import annotations

import re
from decimal import Decimal

from analysis.fmt.norwegian import MINUS, NBSP, SMALL_NUMBERS

_NUMBER = re.compile(
    r"^(?P<prefix>ca\.|over|under|snitt)?\s*(?P<sign>[+\-\u2212])?\s*"
    r"(?P<int>\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:,(?P<frac>\d+))?"
    r"\s*(?P<unit>%|prosentpoeng|pp)?$"
)


def parse_number(text: str) -> tuple[Decimal, int] | None:
    """The value and the decimals of a printed Norwegian number; None when it is not one.

    Parameters
    ----------
    text : str
        One printed value: ``"42 %"``, ``"3,99"``, ``"−5"``, ``"+9 prosentpoeng"``,
        ``"1 234"``.

    Returns
    -------
    tuple of (Decimal, int) or None
        The number as printed (a share stays in percent: ``"42 %"`` -> 42) and how many
        decimals it was printed with. ``None`` for anything else ("ukjent", "–", "", words).

    Examples
    --------
    >>> parse_number("42\\u00a0%"), parse_number("\\u22123,5")
    ((Decimal('42'), 0), (Decimal('-3.5'), 1))
    >>> parse_number("1\\u00a0234"), parse_number("ukjent")
    ((Decimal('1234'), 0), None)
    """
    cleaned = str(text).replace(NBSP, " ").strip()
    match = _NUMBER.match(cleaned)
    if match is None:
        return None
    digits = re.sub(r"\D", "", match["int"])
    frac = match["frac"] or ""
    value = Decimal(f"{digits}.{frac}" if frac else digits)
    if match["sign"] in ("-", MINUS):
        value = -value
    return value, len(frac)


def parse_count(text: str) -> tuple[Decimal, int] | None:
    """A count as running text prints it (:func:`~analysis.fmt.norwegian.number_word`):
    a word up to twelve ("sju", "ett"), else digits as :func:`parse_number` reads them.

    Examples
    --------
    >>> parse_count("sju"), parse_count("Ett"), parse_count("183"), parse_count("mange")
    ((Decimal('7'), 0), (Decimal('1'), 0), (Decimal('183'), 0), None)
    """
    word = str(text).strip().lower()
    if word == "ett":
        return Decimal(1), 0
    if word in SMALL_NUMBERS:
        return Decimal(SMALL_NUMBERS.index(word)), 0
    return parse_number(text)
