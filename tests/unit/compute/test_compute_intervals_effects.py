"""Wilson interval and effect sizes, against textbook formulas worked by hand."""

import math
from statistics import NormalDist

import pytest

from analysis.compute import rank_biserial, wilson


def test_wilson_5_of_10_matches_textbook_formula():
    k, n = 5, 10
    z = NormalDist().inv_cdf(0.975)
    p = k / n
    denom = 1 + z**2 / n
    centre = (p + z**2 / (2 * n)) / denom
    half = z * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2)) / denom
    lo, hi = wilson(k, n)
    assert lo == pytest.approx(centre - half, abs=1e-9)
    assert hi == pytest.approx(centre + half, abs=1e-9)
    assert lo == pytest.approx(0.2366, abs=1e-4)


def test_wilson_zero_of_four_starts_at_zero():
    lo, hi = wilson(0, 4)
    z = NormalDist().inv_cdf(0.975)
    assert lo == pytest.approx(0.0, abs=1e-12)
    assert hi == pytest.approx((z**2 / 4) / (1 + z**2 / 4), abs=1e-9)


def test_wilson_empty_is_nan_and_bad_k_raises():
    assert all(math.isnan(x) for x in wilson(0, 0))
    with pytest.raises(ValueError):
        wilson(5, 3)


def test_rank_biserial():
    assert rank_biserial(4.0, 2, 2) == pytest.approx(1.0)
    assert rank_biserial(0.0, 2, 2) == pytest.approx(-1.0)
    assert math.isnan(rank_biserial(0.0, 0, 2))
