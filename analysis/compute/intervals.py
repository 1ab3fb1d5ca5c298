"""Confidence intervals for shares."""

from __future__ import annotations

import math

from scipy.stats import binomtest


def wilson(k: float, n: int, level: float = 0.95) -> tuple[float, float]:
    """Wilson score interval of the share ``k / n`` (no continuity correction).

    Wilson rather than the textbook Wald interval because it stays inside 0..1 and keeps its
    coverage for small ``n`` and shares near 0 or 1 -- common in a survey of ~200 answers.

    Parameters
    ----------
    k : int
        Respondents with the property (e.g. who chose the option).
    n : int
        Respondents asked (who answered the question).
    level : float, default 0.95
        Confidence level.

    Returns
    -------
    tuple of float
        ``(lo, hi)`` as shares; ``(nan, nan)`` when ``n == 0``.

    Raises
    ------
    ValueError
        If ``k`` is outside ``0..n``.

    Examples
    --------
    >>> [round(x, 4) for x in wilson(5, 10)]
    [0.2366, 0.7634]
    """
    k, n = int(k), int(n)
    if n == 0 and k == 0:
        return (math.nan, math.nan)
    if not 0 <= k <= n:
        raise ValueError(f"need 0 <= k <= n, got k={k}, n={n}")
    result = binomtest(k, n).proportion_ci(confidence_level=level, method="wilson")
    return (float(result.low), float(result.high))
