"""Effect sizes that go with the tests in :mod:`analysis.compute.change`.

A p-value says whether a difference could be chance; the effect size says whether it is big
enough to matter. Conventional thresholds (Cohen 1988): h and r about 0.2 small, 0.5 medium,
0.8 large (r: 0.1 / 0.3 / 0.5); Cramér's V for two waves (df = 1): 0.1 / 0.3 / 0.5.
"""

from __future__ import annotations

import math


def cohen_h(share_a: float, share_b: float) -> float:
    """Cohen's h for two shares, signed ``b − a`` (positive when the share grew).

    Examples
    --------
    >>> round(cohen_h(0.25, 0.5), 4)
    0.5236
    """
    if math.isnan(share_a) or math.isnan(share_b):
        return math.nan
    return 2 * math.asin(math.sqrt(share_b)) - 2 * math.asin(math.sqrt(share_a))


def cramers_v(chi2: float, n: int, n_rows: int, n_cols: int) -> float:
    """Cramér's V from a chi-square statistic of an ``n_rows x n_cols`` table of total ``n``.

    Examples
    --------
    >>> cramers_v(10.0, 40, 3, 2)
    0.5
    """
    k = min(n_rows, n_cols) - 1
    if n == 0 or k == 0:
        return math.nan
    return math.sqrt(chi2 / (n * k))


def rank_biserial(u: float, n_x: int, n_y: int) -> float:
    """Rank-biserial correlation from the Mann-Whitney ``U`` of sample ``x``.

    ``r = 2U / (n_x n_y) − 1`` in −1..1; positive when ``x`` tends to be larger than ``y``.

    Examples
    --------
    >>> rank_biserial(12.0, 4, 4)
    0.5
    """
    if n_x == 0 or n_y == 0:
        return math.nan
    return 2 * u / (n_x * n_y) - 1
