"""stated_interval: the interval of true values a printed number allows (hand-computed cases)."""

import pytest

from analysis.ledger import stated_interval


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
def test_a_plain_figure_stands_for_its_half_up_rounding_interval(value, decimals, expected):
    assert tuple(float(b) for b in stated_interval(value, decimals)) == expected


def test_qualifiers_make_bounds_or_widen_by_one_unit():
    assert stated_interval(70, 0, "over")[1] is None
    assert stated_interval(5, 0, "under")[0] is None
    assert [float(b) for b in stated_interval(26, 0, "about")] == [24.5, 27.5]
    with pytest.raises(ValueError, match="qualifier"):
        stated_interval(1, 0, "roughly")
