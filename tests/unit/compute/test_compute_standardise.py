"""Standardised change and the within-group test on a hand-made export pair with a known mix
shift and no change within any group (:mod:`analysis.compute.standardise`)."""

from __future__ import annotations

import pandas as pd
import pytest

from analysis.compute.standardise import main_role, standardised_change, within_group_test
from analysis.compute.verdict import Evidence, Verdict, break_even, decide, excludes_zero


def _wave(nurses: int, others: int) -> tuple[pd.Series, pd.Series]:
    """Nurses answer yes 70 % of the time, others 30 %, in both waves (no change within)."""
    group = ["sykepleier"] * nurses + ["annen"] * others
    yes = ([True] * (nurses * 7 // 10) + [False] * (nurses - nurses * 7 // 10)
           + [True] * (others * 3 // 10) + [False] * (others - others * 3 // 10))
    return pd.Series(group), pd.Series(yes)


def test_a_mix_shift_alone_is_flagged_and_standardises_to_zero():
    """Wave a: 40 nurses (28 yes) + 160 others (48 yes); wave b: 100 nurses (70 yes) + 100
    others (30 yes).

    Crude: a = 76/200 = 0.38, b = 100/200 = 0.50, change +0.12; its Newcombe interval lies
    above 0, so chance alone is a poor explanation.
    Standardised to a's mix (0.2 nurses, 0.8 others): 0.2·(0.7 − 0.7) + 0.8·(0.3 − 0.3) = 0.
    From the marginals only (the book's rule): the nurses' share moved 0.2 -> 0.5 (+0.3), so
    the break-even difference is 0.12 / 0.3 = 0.4 <= PLAUSIBLE_DIFFERENCE (0.5): the verdict is
    «kan skyldes hvem som svarte».
    """
    ga, ya = _wave(40, 160)
    gb, yb = _wave(100, 100)
    result = standardised_change(ga, ya, gb, yb)
    assert result.crude == pytest.approx(0.12)
    assert result.crude_low > 0
    assert result.standardised == pytest.approx(0.0, abs=1e-12)
    assert result.mix_effect == pytest.approx(0.12)
    assert result.low < 0 < result.high
    shift = (gb == "sykepleier").mean() - (ga == "sykepleier").mean()
    d, group = break_even(result.crude, {"sykepleier": shift})
    assert (round(d, 6), group) == (0.4, "sykepleier")
    evidence = Evidence(change=12, direction=1, break_even=d,
                        beyond_chance=excludes_zero(result.crude_low, result.crude_high))
    assert decide(evidence) is Verdict.COMPOSITION
    assert decide(evidence).value == "kan skyldes hvem som svarte"
    # No change is left within the groups (Cochran–Mantel–Haenszel).
    assert within_group_test(ga, ya, gb, yb) > 0.5


def test_a_real_change_within_groups_survives_standardisation():
    """Nurses 70 % -> 90 % yes, others 30 % -> 30 %, same mix (100 + 100) in both waves:
    crude = standardised = 0.5·0.2 + 0.5·0 = +0.10, and CMH finds the change within."""
    group = pd.Series(["s"] * 100 + ["a"] * 100)
    ya = pd.Series([True] * 70 + [False] * 30 + [True] * 30 + [False] * 70)
    yb = pd.Series([True] * 90 + [False] * 10 + [True] * 30 + [False] * 70)
    result = standardised_change(group, ya, group, yb)
    assert result.crude == pytest.approx(0.10)
    assert result.standardised == pytest.approx(0.10)
    assert within_group_test(group, ya, group, yb) < 0.05


def test_main_role_rule():
    ticks = pd.DataFrame({"respondent": [1, 1, 2, 3, 3, 4],
                          "option": ["Sykepleier", "Forsker", "Annet", "Annet", "Sykepleier",
                                     "Sykepleier"]})
    roles = main_role(ticks, ["Forsker", "Sykepleier", "Annet"])
    assert roles.to_dict() == {1: "Forsker", 2: "Annet", 3: "Sykepleier", 4: "Sykepleier"}
    with pytest.raises(ValueError, match="not in the questionnaire"):
        main_role(pd.DataFrame({"respondent": [1], "option": ["X"]}), ["A"])


def test_the_standard_is_the_earlier_waves_mix():
    """Wave a: 50 nurses (35 yes, 0.7) + 50 others (15 yes, 0.3); wave b: 20 nurses (18 yes,
    0.9) + 80 others (24 yes, 0.3). To a's mix (0.5, 0.5): 0.5·0.2 + 0.5·0 = +0.10 (b's mix
    would give 0.2·0.2 = +0.04). Crude: 0.50 -> 0.42, −0.08."""
    ga = pd.Series(["s"] * 50 + ["a"] * 50)
    ya = pd.Series([True] * 35 + [False] * 15 + [True] * 15 + [False] * 35)
    gb = pd.Series(["s"] * 20 + ["a"] * 80)
    yb = pd.Series([True] * 18 + [False] * 2 + [True] * 24 + [False] * 56)
    result = standardised_change(ga, ya, gb, yb)
    assert result.crude == pytest.approx(-0.08)
    assert result.standardised == pytest.approx(0.10)
    assert result.mix_effect == pytest.approx(-0.18)
