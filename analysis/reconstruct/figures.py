"""The interval a published figure's printed value stands for, as the solver needs it.

The solver takes the ledger's own :class:`analysis.ledger.Figure` (re-exported here); a
hand-made figure needs only ``id``, ``kind`` and ``value``, so the solver is tested on
hand-made figure lists.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from analysis.ledger.figure import Figure
from analysis.ledger.rounding import stated_interval
from analysis.ledger.schema import FigureKind

#: The kinds of published figure, as strings.
KINDS = tuple(k.value for k in FigureKind)

__all__ = ["KINDS", "Figure", "printed_interval", "round_half_up"]


def printed_interval(
    value: float, decimals: int, qualifier: str | None = None, *, cap: float = 1e9
) -> tuple[Fraction, Fraction]:
    """Return the exact interval of true values that print as ``value`` with ``decimals``.

    Half-up rounding gives the half-open interval ``[value - h, value + h)`` with
    ``h = 0.5 * 10**-decimals``; both ends are returned as exact fractions.

    Parameters
    ----------
    value
        The printed number (a float such as ``4.17``).
    decimals
        Number of decimals printed (0 for ``45 %``).

    Returns
    -------
    tuple of Fraction
        ``(low, high)``.

    Examples
    --------
    >>> printed_interval(4.17, 2)
    (Fraction(833, 200), Fraction(167, 40))
    """
    if qualifier is not None:
        # "over 70 %", "ca. 16 %": the ledger's stated interval; an open side becomes +-cap.
        lo, hi = stated_interval(value, decimals, qualifier)
        return (Fraction(-cap) if lo is None else lo), (Fraction(cap) if hi is None else hi)
    exact = Fraction(Decimal(str(value)))
    half = Fraction(1, 2 * 10**decimals)
    return exact - half, exact + half


def round_half_up(value: Fraction | float, decimals: int) -> Decimal:
    """Round as a printer does (half-up), e.g. ``round_half_up(Fraction(250, 60), 2)`` is 4.17."""
    if isinstance(value, Fraction):
        dec = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        dec = Decimal(str(value))
    return dec.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
