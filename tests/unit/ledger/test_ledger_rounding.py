"""rounding_interval: the half-up interval of a printed number (hand-computed cases)."""

import pytest

from analysis.ledger import rounding_interval


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [
        (42, 0, (41.5, 42.5)),
        (3.99, 2, (3.985, 3.995)),
        (3.0, 1, (2.95, 3.05)),
        (0, 0, (-0.5, 0.5)),
        (72.3, 1, (72.25, 72.35)),
    ],
)
def test_rounding_interval(value, decimals, expected):
    assert rounding_interval(value, decimals) == expected


def test_negative_decimals_are_refused():
    with pytest.raises(ValueError, match="decimals"):
        rounding_interval(1, -1)
