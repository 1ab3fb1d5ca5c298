"""Values as numbers until the last step, and the one rule for a printed change.

The views, tables and verdicts keep shares, p-values and intervals as numbers; only the
functions here turn them into the text a reader sees. The rule for a change (stated to the
reader in the box «Slik leser du tallene», :func:`analysis.report.reading.reading_guide`):

    printed change = printed share of the later wave − printed share of the earlier wave,

both shares rounded as :func:`analysis.fmt.pct` rounds them (half up, whole percent), so a
reader can check every change from the two shares beside it: 57,4 % -> 77,6 % prints
"57 %", "78 %" and "+21", never "+20".
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from analysis import fmt
from analysis.display import Text, is_missing
from analysis.display.missing import CHOSEN_MARK

#: What a value reads as when the question (or option) was not asked that year.
NOT_ASKED = Text("–")


def percent(share: float | None, decimals: int = 0) -> Decimal | None:
    """The percentage ``fmt.pct`` prints for a share, as a number (None when missing).

    Examples
    --------
    >>> percent(0.574), percent(0.285), percent(float("nan")) is None
    (Decimal('57'), Decimal('29'), True)
    """
    if share is None or is_missing(share):
        return None
    value = Decimal(repr(float(share))).scaleb(2)
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def printed_change(share_a: float | None, share_b: float | None,
                   decimals: int = 0) -> Decimal | None:
    """Change in percentage points as the book prints it: the difference of the two printed
    shares (None when either is missing).

    Examples
    --------
    >>> printed_change(0.574, 0.776), printed_change(0.354, 0.156)
    (Decimal('21'), Decimal('-19'))
    """
    a, b = percent(share_a, decimals), percent(share_b, decimals)
    return None if a is None or b is None else b - a


def signed(points: Decimal | None) -> Text:
    """``"+21"``, ``"−5"``, ``"0"``: a change in points without the unit (the table heading
    has it); ``"–"`` when missing.

    Examples
    --------
    >>> signed(Decimal(21)), signed(Decimal(-5)) == "\\u22125", signed(Decimal(0))
    ('+21', True, '0')
    """
    if points is None:
        return Text(fmt.MISSING)
    body = fmt.num(float(abs(points)), _places(points))
    return Text(("+" if points > 0 else fmt.MINUS if points < 0 else "") + body)


def points_text(points: Decimal | None) -> Text:
    """``"+21 prosentpoeng"`` (no-break space): a change in points with its unit.

    Examples
    --------
    >>> points_text(Decimal(-20)) == "\\u221220\\u00a0prosentpoeng"
    True
    """
    if points is None:
        return Text(fmt.MISSING)
    return Text(signed(points) + fmt.NBSP + "prosentpoeng")


def size_text(points: Decimal) -> Text:
    """``"21 prosentpoeng"``: the size of a change, without its sign."""
    return Text(fmt.num(float(abs(points)), _places(points)) + fmt.NBSP + "prosentpoeng")


def p_cell(p: float | None) -> Text:
    """A p-value for a table cell: ``"0,03"``, ``"0,004"``, ``"< 0,001"`` (``"–"`` when
    missing): :func:`analysis.fmt.p_number`, the digits of :func:`analysis.fmt.p_value`.

    Examples
    --------
    >>> [p_cell(p).replace("\\u00a0", " ") for p in (0.0312, 0.0004, 0.0496)]
    ['0,03', '< 0,001', '< 0,05']
    """
    return Text(fmt.MISSING if p is None or is_missing(p) else fmt.p_number(p))


def interval_cell(lo: float | None, hi: float | None) -> Text:
    """A 95 % Wilson interval for a table cell: ``"38–47 %"`` (``"–"`` when missing).

    Examples
    --------
    >>> interval_cell(0.381, 0.474).replace("\\u00a0", " ")
    '38–47 %'
    """
    a, b = percent(lo), percent(hi)
    if a is None or b is None:
        return Text(fmt.MISSING)
    return Text(f"{fmt.num(int(a))}\u2013{fmt.num(int(b))}{fmt.NBSP}%")


def marked(text: str, chosen: bool) -> Text:
    """``text`` with :data:`CHOSEN_MARK` when the value is the reconstruction's choice."""
    return Text(f"{text}{CHOSEN_MARK}" if chosen else text)


def _places(points: Decimal) -> int:
    exponent = points.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0
