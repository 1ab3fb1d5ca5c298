"""Effect sizes that go with the tests in :mod:`analysis.compute.change`.

A p-value says whether a difference could be chance; the effect size says whether it is big
enough to matter. Conventional thresholds (Cohen 1988) for r: 0.1 / 0.3 / 0.5. (The change of
a share is given as points with Newcombe's interval, :mod:`analysis.compute.verdict`.)
"""

from __future__ import annotations

import math


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
