"""The interval a printed, rounded number stands for."""

from __future__ import annotations

from decimal import Decimal


def rounding_interval(value: float, decimals: int) -> tuple[float, float]:
    """Return the half-open interval ``[lo, hi)`` of true values printed as ``value``.

    Assumes the printer rounded half up: ``42`` with 0 decimals stands for any true value in
    ``[41.5, 42.5)``. Decimal arithmetic keeps the bounds free of binary noise.

    Parameters
    ----------
    value
        The number as printed (``3.99`` for "3,99").
    decimals
        Decimals as printed (``2`` for "3,99").

    Returns
    -------
    tuple of float
        ``(lo, hi)``; a true value ``x`` fits when ``lo <= x < hi``.

    Raises
    ------
    ValueError
        If ``decimals`` is negative.

    Examples
    --------
    >>> rounding_interval(42, 0)
    (41.5, 42.5)
    >>> rounding_interval(3.99, 2)
    (3.985, 3.995)
    """
    if decimals < 0:
        raise ValueError(f"decimals must be >= 0, got {decimals}")
    half = Decimal(5) / Decimal(10) ** (decimals + 1)
    centre = Decimal(str(value))
    return float(centre - half), float(centre + half)


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
