"""The GRIM test on a bounded integer scale: can n scores have a mean that prints as given?

GRIM (granularity-related inconsistency of means) asks whether any integer score sum divided
by n rounds to the printed mean. On a bounded scale, with some score counts already known from
other published figures, the reachable sums shrink further; this module checks both and says
why in Norwegian (decimal comma, as the book prints it), with the arithmetic.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from analysis.reconstruct.figures import printed_interval, round_half_up


@dataclass(frozen=True)
class GrimResult:
    """Outcome of :func:`mean_feasible`.

    ``sum_range`` is the smallest and largest reachable score sum (None when no multiset of
    n scores exists at all); ``matching_sums`` the integer sums whose mean prints as the
    published mean; ``reachable`` those of them that the scale and fixed counts allow.
    """

    feasible: bool
    sum_range: tuple[int, int] | None
    matching_sums: tuple[int, ...]
    reachable: tuple[int, ...]
    explanation: str


def mean_feasible(
    mean: float,
    decimals: int,
    n: int,
    scale_min: int,
    scale_max: int,
    fixed: Mapping[int, int] | None = None,
    closed: bool = False,
) -> GrimResult:
    """Test whether n integer scores on a scale can have a mean printed as ``mean``.

    Parameters
    ----------
    mean, decimals
        The printed mean and its number of decimals (4.17 and 2 for "4,17").
    n
        Number of scores (respondents answering).
    scale_min, scale_max
        Ends of the integer scale, e.g. 1 and 5.
    fixed
        Known counts per score, e.g. ``{5: 12, 4: 37, 1: 0, 2: 2}``; the other respondents may
        take only the scores not listed.
    closed
        Also accept a sum exactly on the upper rounding boundary (printers differ on ties).

    Returns
    -------
    GrimResult

    Raises
    ------
    ValueError
        If n < 1, the scale is empty, or a fixed score lies off the scale.

    Examples
    --------
    >>> mean_feasible(2.55, 2, 11, 1, 5).reachable
    (28,)
    >>> mean_feasible(3.48, 2, 7, 1, 5).feasible
    False
    """
    fixed = dict(fixed or {})
    if n < 1 or scale_min > scale_max:
        raise ValueError(f"need n >= 1 and a non-empty scale, got n={n}, {scale_min}..{scale_max}")
    off = [s for s in fixed if not scale_min <= s <= scale_max]
    if off:
        raise ValueError(f"fixed scores {off} lie off the scale {scale_min}..{scale_max}")
    lo, hi = printed_interval(mean, decimals)
    low_sum, high_sum = lo * n, hi * n
    first = math.ceil(low_sum)
    last = math.floor(high_sum) if closed or high_sum.denominator != 1 else int(high_sum) - 1
    matching = tuple(range(first, last + 1))

    unit = "desimal" if decimals == 1 else "desimaler"
    head = (
        f"n = {n}, publisert gjennomsnitt {_fixed(mean, decimals)} ({decimals} {unit}) krever "
        f"en sum av vurderingene i [{_num(low_sum)}; {_num(high_sum)}{']' if closed else ')'}"
    )
    if matching:
        head += ", altså " + _list(matching)
    else:
        head += f", som ikke rommer noe heltall: {first - 1} gir {_mean(first - 1, n, decimals)}"
        head += f" og {first} gir {_mean(first, n, decimals)}"

    fixed_n = sum(fixed.values())
    fixed_sum = sum(s * c for s, c in fixed.items())
    rest = n - fixed_n
    free = [s for s in range(scale_min, scale_max + 1) if s not in fixed]
    if rest < 0 or (rest > 0 and not free):
        why = (
            f"de kjente antallene har allerede {fixed_n} respondenter, flere enn n = {n}"
            if rest < 0
            else f"de kjente antallene har {fixed_n} av {n} respondenter, og ingen vurdering "
            "er ledig"
        )
        return GrimResult(False, None, matching, (), f"{head}; {why}")

    sums = {fixed_sum + t for t in _sums_of(rest, free)}
    reachable = tuple(s for s in matching if s in sums)
    result_range = (min(sums), max(sums))
    parts = [head]
    if fixed:
        terms = " + ".join(f"{c}·{s}" for s, c in fixed.items() if c)
        parts.append(
            f"de kjente antallene gir {terms or '0'} = {fixed_sum} fra {fixed_n} respondenter"
        )
    parts.append(_rest_text(rest, free, fixed_sum, bool(fixed), result_range, n, decimals))
    verdict = (
        f"så en sum på {_list(reachable)} er mulig, og gjennomsnittet kan stemme"
        if reachable
        else f"så ingen mulig sum avrundes til {_fixed(mean, decimals)}"
    )
    if not reachable and result_range[0] == result_range[1]:
        verdict = (f"gjennomsnitt {_mean(result_range[0], n, decimals)} ≠ "
                   f"{_fixed(mean, decimals)}")
    text = "; ".join(parts) + ", " + verdict
    return GrimResult(bool(reachable), result_range, matching, reachable, text)


def _rest_text(
    rest: int, free: list[int], fixed_sum: int, has_fixed: bool,
    rng: tuple[int, int], n: int, d: int,
) -> str:
    if rest == 0:
        return f"ingen respondenter er igjen, så summen er {fixed_sum}"
    who = f"de andre {rest} respondentene" if has_fixed else f"de {rest} respondentene"
    if len(free) == 1:
        s = free[0]
        total = f"{fixed_sum} + {rest * s} = {rng[0]}" if has_fixed else f"{rng[0]}"
        return f"{who} kan bare ha gitt {s} (den eneste vurderingen som er ledig), så summen " \
               f"er {total}"
    scores = ", ".join(map(str, free))
    return (
        f"{who} har gitt vurderinger blant {scores}, så summen ligger mellom {rng[0]} og "
        f"{rng[1]} (gjennomsnitt {_mean(rng[0], n, d)} til {_mean(rng[1], n, d)})"
    )


def _sums_of(count: int, scores: list[int]) -> set[int]:
    """Every total of ``count`` scores drawn (with repetition) from ``scores``."""
    if count == 0:
        return {0}
    # A bitset keeps this exact and fast: bit t is set when total t is reachable.
    bits = 1
    for _ in range(count):
        step = 0
        for s in scores:
            step |= bits << s
        bits = step
    return {t for t in range(bits.bit_length()) if bits >> t & 1}


def _mean(total: int, n: int, decimals: int) -> str:
    return _comma(str(round_half_up(Fraction(total, n), decimals)))


def _fixed(value: float, decimals: int) -> str:
    """``4,17``: a printed value with its decimals, decimal comma."""
    return _comma(f"{value:.{decimals}f}")


def _num(value: Fraction) -> str:
    """Up to six decimals, trailing zeros dropped, decimal comma: ``249,9``."""
    return _comma(f"{float(value):.6f}".rstrip("0").rstrip("."))


def _comma(text: str) -> str:
    return text.replace(".", ",")


def _list(values: tuple[int, ...]) -> str:
    return " eller ".join(map(str, values)) if len(values) <= 3 \
        else f"{values[0]}–{values[-1]}"
