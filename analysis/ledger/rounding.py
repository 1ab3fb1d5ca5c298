"""The interval of true values a printed, rounded number stands for."""

from __future__ import annotations

from decimal import Decimal

#: How far "ca." / "rundt" reaches beyond plain rounding, in units of the last printed digit.
#: One unit: "rundt 26 %" admits 24,5-27,5 %. A judgement call, recorded in
#: docs/assumptions-and-caveats.md (A3).
ABOUT_UNITS = 1


def stated_interval(value: float, decimals: int, qualifier: str | None = None):
    """Return the closed interval ``(lo, hi)`` of true values a printed figure allows.

    Plain figures stand for their rounding interval (both ends accepted, as printers differ on
    ties). ``over`` / ``under`` make the printed value a bound ("over 70 %": at least 70);
    ``about`` ("ca.", "rundt") widens the rounding interval by :data:`ABOUT_UNITS` units of the
    last printed digit. Bounds are exact fractions (``fractions.Fraction``); ``None`` means
    unbounded on that side.

    Examples
    --------
    >>> [float(b) for b in stated_interval(26, 0, "about")]
    [24.5, 27.5]
    >>> stated_interval(70, 0, "over")[1] is None
    True
    """
    from fractions import Fraction

    exact = Fraction(Decimal(str(value)))
    unit = Fraction(1, 10**decimals)
    half = unit / 2
    if qualifier is None:
        return exact - half, exact + half
    if qualifier == "over":
        return exact, None
    if qualifier == "under":
        return None, exact
    if qualifier == "about":
        return exact - half - ABOUT_UNITS * unit, exact + half + ABOUT_UNITS * unit
    raise ValueError(f"unknown qualifier {qualifier!r}; expected over, under or about")
