"""Numbers, shares and test results written the Norwegian way.

Conventions (Språkrådet, and what printed Norwegian reports do):

- decimal comma, thousands grouped with a no-break space (U+00A0): ``1 234,5``;
- half-up rounding of the number *as written* (``2.675`` -> ``2,68``), not binary
  half-even rounding, so a figure agrees with a hand calculation from the published table;
- the minus sign is U+2212 (``−4``), and a value that rounds to zero never shows a sign;
- every space inside one formatted value is a no-break space, so a value never breaks
  across lines (``42 %``, ``p = 0,03``);
- a missing value (``None``, NaN, ``pd.NA``) is written as an en dash ``–``.
"""

from __future__ import annotations

import datetime as dt
import math
from decimal import ROUND_HALF_UP, Decimal

from analysis.display.missing import is_missing
from analysis.display.text import as_text

#: Month names in bokmål, January first.
MONTHS = ("januar", "februar", "mars", "april", "mai", "juni", "juli", "august", "september",
          "oktober", "november", "desember")
NBSP = "\u00a0"
MINUS = "\u2212"
MISSING = "\u2013"


def _decimal(x: float | int, decimals: int, scale: int = 0) -> Decimal:
    # repr() gives the shortest decimal that round-trips, i.e. the number as a person would
    # write it; scaleb() multiplies by 10**scale exactly (0.285 -> 28.5, not 28.4999...).
    value = Decimal(repr(float(x))) if not isinstance(x, int) else Decimal(x)
    quantum = Decimal(1).scaleb(-decimals)
    return value.scaleb(scale).quantize(quantum, rounding=ROUND_HALF_UP)


def _write(value: Decimal, sign: bool = False) -> str:
    if value == 0:
        value = abs(value)  # -0 and -0,0 are written without a sign
    integer, _, fraction = f"{abs(value):f}".partition(".")
    groups = f"{int(integer):,}".replace(",", NBSP)
    body = groups + ("," + fraction if fraction else "")
    if value < 0:
        return MINUS + body
    return ("+" + body) if sign and value > 0 else body


@as_text
def num(x: float | int | None, decimals: int = 0) -> str:
    """Write a number with decimal comma and no-break-space thousands separator.

    Parameters
    ----------
    x : float, int or None
        The number; missing values give ``"–"``.
    decimals : int, default 0
        Digits after the comma, rounded half up.

    Returns
    -------
    str

    Raises
    ------
    ValueError
        If ``x`` is infinite or ``decimals`` is negative.

    Examples
    --------
    >>> num(3.985, 2), num(1234) == "1\\u00a0234"
    ('3,99', True)
    """
    if x is None or is_missing(x):
        return MISSING
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    if isinstance(x, float) and math.isinf(x):
        raise ValueError(f"cannot format an infinite number: {x}")
    return _write(_decimal(x, decimals))


@as_text
def pct(share: float | None, decimals: int = 0) -> str:
    """Write a share (0..1) as a percentage: ``0.42`` -> ``"42 %"`` (no-break space).

    Examples
    --------
    >>> pct(0.285) == "29\\u00a0%"
    True
    """
    if share is None or is_missing(share):
        return MISSING
    return _write(_decimal(share, decimals, scale=2)) + NBSP + "%"


@as_text
def count_of(k: int | None, n: int | None) -> str:
    """Write "k of n": ``count_of(75, 186)`` -> ``"75 av 186"`` (no-break spaces).

    Examples
    --------
    >>> count_of(75, 186).replace("\\u00a0", " ")
    '75 av 186'
    """
    if is_missing(k) or is_missing(n):
        return MISSING
    return f"{num(k)}{NBSP}av{NBSP}{num(n)}"


@as_text
def p_value(p: float | None) -> str:
    """Write a p-value: ``"p = 0,03"``, ``"p = 0,004"``, ``"p < 0,001"`` (digits as
    :func:`p_number`).

    Examples
    --------
    >>> p_value(0.0312).replace("\\u00a0", " "), p_value(0.0004).replace("\\u00a0", " ")
    ('p = 0,03', 'p < 0,001')
    """
    if p is None or is_missing(p):
        return MISSING
    number = p_number(p)
    return f"p{NBSP}{number}" if number.startswith("<") else f"p{NBSP}={NBSP}{number}"


def p_number(p: float) -> str:
    """A p-value without ``p =``: ``"0,03"``, ``"0,004"``, ``"< 0,001"`` (no-break space
    after ``<``), for table cells and :func:`p_value`.

    Two decimals, three below 0.01 (APA practice). A p-value below the significance level
    (:data:`analysis.compute.change.ALPHA`, 0.05) that would round up to it is written
    ``"< 0,05"`` so the text never contradicts the test's ``significant`` flag.

    Raises
    ------
    ValueError
        If ``p`` is outside 0..1.

    Examples
    --------
    >>> [p_number(p).replace("\\u00a0", " ") for p in (0.0312, 0.0004, 0.0496)]
    ['0,03', '< 0,001', '< 0,05']
    """
    if not 0 <= p <= 1:
        raise ValueError(f"a p-value lies in 0..1, got {p}")
    if p < 0.001:
        return f"<{NBSP}0,001"
    decimals = 2 if p >= 0.01 else 3
    rounded = _decimal(p, decimals)
    from analysis.compute.change import ALPHA  # the one threshold; compute never imports fmt

    alpha = Decimal(str(ALPHA))
    if p < ALPHA and rounded >= alpha:
        return f"<{NBSP}{_write(alpha)}"
    return _write(rounded)


@as_text
def ci(lo: float | None, hi: float | None, decimals: int = 0, level: float = 0.95) -> str:
    """Write a confidence interval of a share: ``"95 % KI 38–47 %"``.

    Examples
    --------
    >>> ci(0.381, 0.474).replace("\\u00a0", " ")
    '95 % KI 38–47 %'
    """
    if lo is None or hi is None or is_missing(lo) or is_missing(hi):
        return MISSING
    low = _write(_decimal(lo, decimals, scale=2))
    high = _write(_decimal(hi, decimals, scale=2))
    return f"{_write(_decimal(level, 0, scale=2))}{NBSP}%{NBSP}KI{NBSP}{low}\u2013{high}{NBSP}%"


@as_text
def join(items, lower: bool = False) -> str:
    """Join words the Norwegian way: ``"A, B og C"`` (no Oxford comma).

    ``lower=True`` lower-cases each item's first letter for use mid-sentence, unless the item
    starts with an abbreviation ("GCP-kurs", "SOPer" keep their capitals).

    Examples
    --------
    >>> join(["kurs", "maler", "veiledning"])
    'kurs, maler og veiledning'
    >>> join(["Kurs og opplæring", "GCP-kurs", "ICTD"], lower=True)
    'kurs og opplæring, GCP-kurs og ICTD'
    >>> join(["kurs"])
    'kurs'
    """
    items = [lower_first(str(i)) if lower else str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " og " + items[-1]


@as_text
def lower_first(text: str) -> str:
    """``"Kurs og opplæring"`` -> ``"kurs og opplæring"``; abbreviations are left alone.

    Examples
    --------
    >>> lower_first("Nasjonale SOPer"), lower_first("GCP-kurs"), lower_first("ECRIN")
    ('nasjonale SOPer', 'GCP-kurs', 'ECRIN')
    """
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


@as_text
def upper_first(text: str) -> str:
    """``"tilfredsheten"`` -> ``"Tilfredsheten"`` (for a value that starts a sentence).

    Examples
    --------
    >>> upper_first("tilfredsheten")
    'Tilfredsheten'
    """
    return text[:1].upper() + text[1:]


@as_text
def date(value: dt.date | str) -> str:
    """A date the Norwegian way, as Quarto's ``date-format: long`` writes it in ``lang: nb``.

    Examples
    --------
    >>> date(dt.date(2025, 8, 11)), date("2025-09-30")
    ('11. august 2025', '30. september 2025')
    """
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


#: Counts written as words in running text: zero to twelve (Språkrådet). The one for "én"
#: is the common gender; neuter nouns take "ett" (``number_word(1, neuter=True)``).
SMALL_NUMBERS = ("null", "én", "to", "tre", "fire", "fem", "seks", "sju", "åtte", "ni", "ti",
                 "elleve", "tolv")


@as_text
def number_word(n: int | None, neuter: bool = False) -> str:
    """A count as running text writes it: words up to twelve, digits from 13 (``num``).

    For counts in sentences only ("tre målgrupper", "sju svar"); tables, figures and
    percentages keep digits. ``neuter=True`` for a neuter noun ("ett spørsmål"). A missing
    count is written ``"–"``, as :func:`num` does.

    Examples
    --------
    >>> number_word(3), number_word(12), number_word(13), number_word(1234)
    ('tre', 'tolv', '13', '1\\xa0234')
    >>> number_word(1), number_word(1, neuter=True)
    ('én', 'ett')
    """
    if n is None or is_missing(n):
        return MISSING
    if float(n) != int(n) or int(n) < 0:
        raise ValueError(f"number_word takes a count (a whole number from 0), not {n!r}")
    n = int(n)
    if n == 1 and neuter:
        return "ett"
    return SMALL_NUMBERS[n] if n < len(SMALL_NUMBERS) else num(n)


#: Quotation marks: «…» outside, ‹…› inside a quotation (style sheet, section 3).
_ENGLISH_PAIRS = (("\u201c", "\u201d"), ("\u201e", "\u201c"), ('"', '"'))


def _replace_pairs(text: str, pairs, left_mark: str, right_mark: str) -> str:
    """Each pair of quotation marks in ``pairs`` replaced by ``left_mark``…``right_mark``; an
    unpaired mark is left as it is (the words are someone else's; only paired marks are
    typography)."""
    for left, right in pairs:
        out, rest = [], text
        while True:
            start = rest.find(left)
            end = rest.find(right, start + 1) if start >= 0 else -1
            if start < 0 or end < 0:
                out.append(rest)
                break
            out.append(rest[:start] + left_mark + rest[start + 1:end] + right_mark)
            rest = rest[end + 1:]
        text = "".join(out)
    return text


@as_text
def guillemets(text: str) -> str:
    """Straight or curly double quotes in a text that is not itself a quotation (a summary,
    a label) written as «…».

    Examples
    --------
    >>> guillemets('Kommentarer som "Fungerer fint" og \u201cBra layout\u201d')
    'Kommentarer som «Fungerer fint» og «Bra layout»'
    """
    return _replace_pairs(str(text), _ENGLISH_PAIRS, "«", "»")


def _inner_marks(text: str) -> str:
    """Pairs of quotation marks inside a quotation replaced by ‹…›."""
    return _replace_pairs(text, (("«", "»"), *_ENGLISH_PAIRS), "\u2039", "\u203a")


@as_text
def quote(text: str) -> str:
    """A quotation in Norwegian marks: ``«text»``, with quotation marks inside it as ‹…›.

    A text that is already one quotation in «…» keeps its marks (no second pair); straight
    or curly double quotes inside become ‹…›, as do «…» inside. Only the marks change: the
    text itself is the quoted person's.

    Examples
    --------
    >>> quote("Raskt svar")
    '«Raskt svar»'
    >>> quote('"Politimann"- holdning')
    '«‹Politimann›- holdning»'
    >>> quote("SOPene er ikke «nøytrale» nok")
    '«SOPene er ikke ‹nøytrale› nok»'
    >>> quote("«Gjennom NorTrials»")
    '«Gjennom NorTrials»'
    """
    text = str(text).strip()
    if (len(text) >= 2 and text[0] == "«" and text[-1] == "»"
            and "«" not in text[1:-1] and "»" not in text[1:-1]):
        text = text[1:-1]
    return f"«{_inner_marks(text)}»"
