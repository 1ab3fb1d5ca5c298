"""The one verdict rule (:mod:`analysis.compute.verdict`): Newcombe's interval held to
hand-computed values, the verdict on both sides of 0, the composition rule, the ordinal and
distribution tests, and the robustness over the reconstruction's ranges."""

from __future__ import annotations

import math

import pytest

from analysis.compute.verdict import (
    PLAUSIBLE_DIFFERENCE,
    Evidence,
    Verdict,
    agreed_direction,
    break_even,
    decide,
    distribution_test,
    excludes_zero,
    newcombe,
    ordinal_test,
    over_ranges,
)

Z = 1.959963984540054


def _wilson(k, n):
    """Wilson score interval written out: (p + z²/2n ± z√(p(1−p)/n + z²/4n²)) / (1 + z²/n)."""
    p = k / n
    centre, half = p + Z * Z / (2 * n), Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n))
    return (centre - half) / (1 + Z * Z / n), (centre + half) / (1 + Z * Z / n)


def test_newcombe_reproduces_newcombes_own_example():
    """Newcombe (1998), Statistics in Medicine 17:873-890, Table II example (a): 56/70 minus
    48/80, method 10 (hybrid score): 0.0524 to 0.3339."""
    low, high = newcombe(48, 80, 56, 70)
    assert (round(low, 4), round(high, 4)) == (0.0524, 0.3339)


def test_newcombe_matches_the_hand_computed_method_10():
    """80/100 minus 70/100, by hand (method 10):
    Wilson 70/100 = [0.60415, 0.78105], Wilson 80/100 = [0.71117, 0.86663]; d = 0.1;
    L = d − √((0.8 − 0.71117)² + (0.78105 − 0.7)²) = 0.1 − √(0.0078904 + 0.0065695) = −0.02025;
    U = d + √((0.86663 − 0.8)² + (0.7 − 0.60415)²) = 0.1 + √(0.0044400 + 0.0091869) = 0.21673.
    """
    (l1, u1), (l2, u2) = _wilson(70, 100), _wilson(80, 100)
    assert (round(l1, 5), round(u1, 5), round(l2, 5), round(u2, 5)) == (
        0.60415, 0.78105, 0.71117, 0.86663)
    low, high = newcombe(70, 100, 80, 100)
    assert low == pytest.approx(-0.02025, abs=1e-5)
    assert high == pytest.approx(0.21673, abs=1e-5)


def test_newcombe_of_a_missing_count_is_nan():
    assert all(math.isnan(x) for x in newcombe(float("nan"), 10, 3, 10))
    assert all(math.isnan(x) for x in newcombe(3, 0, 3, 10))


@pytest.mark.parametrize(("k_b", "expected"), [(81, Verdict.CHANCE), (82, Verdict.UP)])
def test_the_verdict_follows_the_interval_on_both_sides_of_zero(k_b, expected):
    """70/100 -> 81/100: Newcombe [−0.0095, 0.2257] covers 0; 70/100 -> 82/100: [0.0013,
    0.2347] does not (hand computation as above)."""
    low, high = newcombe(70, 100, k_b, 100)
    assert (low < 0) is (expected is Verdict.CHANCE)
    evidence = Evidence(change=k_b - 70, beyond_chance=excludes_zero(low, high), direction=1,
                        break_even=1.0)
    assert decide(evidence) is expected
    down = Evidence(change=70 - k_b, beyond_chance=excludes_zero(-high, -low), direction=-1,
                    break_even=1.0)
    assert decide(down) is (Verdict.CHANCE if expected is Verdict.CHANCE else Verdict.DOWN)


def test_the_order_of_the_rules():
    beyond = {"change": 10, "beyond_chance": True, "direction": 1, "break_even": 0.9}
    assert decide(Evidence(series_break=True, **beyond)) is Verdict.BREAK
    assert decide(Evidence(change=None, beyond_chance=None)) is Verdict.NOT_TESTABLE
    assert decide(Evidence(**{**beyond, "robust": False})) is Verdict.UNDECIDABLE
    assert decide(Evidence(**{**beyond, "change": 0})) is Verdict.NO_CHANGE
    assert decide(Evidence(**{**beyond, "beyond_chance": False})) is Verdict.CHANCE
    at_limit = {**beyond, "break_even": PLAUSIBLE_DIFFERENCE}
    assert decide(Evidence(**at_limit)) is Verdict.COMPOSITION
    assert decide(Evidence(**{**beyond, "break_even": PLAUSIBLE_DIFFERENCE + 0.01})) is Verdict.UP
    assert decide(Evidence(beyond_chance=True, direction=-1, whole=True)) is Verdict.LOWER
    assert decide(Evidence(beyond_chance=True, direction=0, whole=True)) is Verdict.SHIFTED


def test_break_even_is_the_change_over_the_largest_mix_shift():
    # The numbers: nurses 31/155 -> 75/186, Vest-Norge 17 % -> 35 %.
    shift = 75 / 186 - 31 / 155
    d, group = break_even(0.10, {"sykepleiere": shift, "Vest-Norge": 0.18})
    assert group == "sykepleiere" and d == pytest.approx(0.10 / 0.20323, abs=1e-4)
    assert break_even(-0.10, {"x": -0.2}) == (0.5, "x")
    assert break_even(0.1, {"x": 0.0}) == (math.inf, None)


def test_direction_needs_mean_median_and_top_two_to_agree():
    assert agreed_direction(0.3, 1.0, 0.1) == 1
    assert agreed_direction(-0.3, -1.0, -0.1) == -1
    assert agreed_direction(0.3, 0.0, 0.1) == 0
    assert agreed_direction(0.3, 1.0, -0.1) == 0


def test_ordinal_and_distribution_tests():
    # Same distribution: nothing to find.
    assert ordinal_test([10, 20, 10], [10, 20, 10]) == pytest.approx(1.0)
    assert distribution_test([10, 20, 10], [10, 20, 10]).p_value == pytest.approx(1.0)
    # Polarised: the location test sees little, the whole-distribution test sees it.
    a, b = [2, 8, 30, 8, 2], [12, 3, 10, 3, 12]
    assert ordinal_test(a, b) > 0.5
    assert distribution_test(a, b).p_value < 0.001
    with pytest.raises(ValueError, match="fewer than two"):
        distribution_test([5, 0], [7, 0])


def test_over_ranges_gives_a_verdict_only_when_both_ends_agree():
    def at(point):
        k_a, k_b = point
        low, high = newcombe(k_a, 100, k_b, 100)
        return decide(Evidence(change=k_b - k_a, beyond_chance=excludes_zero(low, high),
                               direction=1, break_even=1.0))

    assert over_ranges(at, [(70, 70), (82, 85)]) is Verdict.UP
    assert over_ranges(at, [(70, 70), (81, 82)]) is Verdict.UNDECIDABLE
    assert over_ranges(at, [(70, 70), (82, 82)]) is Verdict.UP
