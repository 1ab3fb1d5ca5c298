"""Direction words follow the printed shares (whole percent), and refuse unknown values."""

from types import SimpleNamespace

import pytest

from analysis.report import directions as dr


def view(now: float, before: float, prev_year=2025):
    return SimpleNamespace(prev_year=prev_year,
                           share_value=lambda key, year=None: now if year is None else before)


@pytest.mark.parametrize(("now", "before", "than", "went"), [
    (0.42, 0.33, "høyere enn", "gått opp"),
    (0.156, 0.355, "lavere enn", "gått ned"),
    (0.404, 0.396, "omtrent like høy som", "holdt seg omtrent lik"),  # both print as 40 %
    (0.406, 0.396, "høyere enn", "gått opp"),  # 41 % against 40 %
])
def test_words_follow_the_printed_shares(now, before, than, went):
    assert dr.than_before(view(now, before), "Ja") == than
    assert dr.went(view(now, before), "Ja") == went


def test_no_direction_from_an_unknown_share_or_an_unasked_question():
    with pytest.raises(ValueError, match="unknown"):
        dr.went(view(float("nan"), 0.3), "Ja")
    with pytest.raises(ValueError, match="not asked"):
        dr.than_before(view(0.4, 0.3, prev_year=None), "Ja")
