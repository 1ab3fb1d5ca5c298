"""GRIM on a bounded scale; every expected value below is worked out by hand in the comments."""

import pytest

from analysis.reconstruct.grim import mean_feasible


def test_possible_mean_has_one_matching_sum():
    # 2.55 stands for [2.545, 2.555); times 11 -> [27.995, 28.105): only 28 (28/11 = 2.5454..).
    result = mean_feasible(2.55, 2, 11, 1, 5)
    assert result.feasible
    assert result.matching_sums == (28,)
    assert result.sum_range == (11, 55)


def test_impossible_mean_between_two_sums():
    # 3.48 * 7: [24.325, 24.395) holds no integer; 24/7 = 3.43, 25/7 = 3.57.
    result = mean_feasible(3.48, 2, 7, 1, 5)
    assert not result.feasible
    assert result.matching_sums == ()
    assert "24 gir 3,43 og 25 gir 3,57" in result.explanation


def test_q11_2023_fixed_counts_leave_only_score_3():
    # 12 fives, 37 fours, no ones, two twos: 60 + 148 + 4 = 212 from 51; the other 9 must be 3s.
    result = mean_feasible(4.17, 2, 60, 1, 5, fixed={5: 12, 4: 37, 1: 0, 2: 2})
    assert not result.feasible
    assert result.matching_sums == (250,)
    assert result.sum_range == (239, 239)
    assert result.explanation == (
        "n = 60, publisert gjennomsnitt 4,17 (2 desimaler) krever en sum av vurderingene i "
        "[249,9; 250,5), altså 250; de kjente antallene gir 12·5 + 37·4 + 2·2 = 212 fra 51 "
        "respondenter; de andre 9 respondentene kan bare ha gitt 3 (den eneste vurderingen som "
        "er ledig), så summen er 212 + 27 = 239, gjennomsnitt 3,98 ≠ 4,17"
    )


def test_same_mean_without_fixed_counts_is_possible():
    # 250/60 = 4.1666.. prints 4.17, and 250 lies within 60..300.
    assert mean_feasible(4.17, 2, 60, 1, 5).reachable == (250,)


def test_upper_tie_only_when_closed():
    # Printed 3 (0 decimals), n = 2: [2.5, 3.5) -> sums 5, 6; 7/2 = 3.5 is the tie.
    assert mean_feasible(3, 0, 2, 1, 5).matching_sums == (5, 6)
    assert mean_feasible(3, 0, 2, 1, 5, closed=True).matching_sums == (5, 6, 7)


def test_gap_in_reachable_sums():
    # Only scores 1 and 5 are left for one respondent: sums 1 or 5, never the needed 3.
    result = mean_feasible(3, 0, 1, 1, 5, fixed={2: 0, 3: 0, 4: 0})
    assert not result.feasible
    assert result.sum_range == (1, 5)


def test_fixed_counts_above_n():
    result = mean_feasible(4.0, 1, 5, 1, 5, fixed={5: 6})
    assert not result.feasible
    assert "flere enn n = 5" in result.explanation


def test_off_scale_fixed_score_raises():
    with pytest.raises(ValueError, match="off the scale"):
        mean_feasible(3.0, 1, 5, 1, 5, fixed={6: 1})
