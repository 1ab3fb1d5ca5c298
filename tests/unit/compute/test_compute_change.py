"""Two-wave comparisons, with p-values worked out by hand."""

import math

import pandas as pd
import pytest

from analysis.compute import compare_choice, compare_rating
from analysis.compute.verdict import distribution_test
from analysis.questionnaire.schema import Option, Question

SINGLE = Question(
    id="q01", number=1, text="Kjenner du NorCRIN?", type="single",
    options=[Option(label="Ja"), Option(label="Nei"), Option(label="Vet ikke")],
)


def _choices(options, question="q01"):
    return pd.DataFrame(
        {"respondent": range(1, len(options) + 1), "question": question, "option": options}
    )


def test_compare_choice_fisher_p_from_hypergeometric_formula():
    a = _choices(["Ja", "Ja", "Ja", "Nei"])
    b = _choices(["Ja", "Nei", "Nei", "Nei"])
    table = compare_choice(a, b, SINGLE, SINGLE).set_index("option")
    ja = table.loc["Ja"]
    assert (ja["count_a"], ja["n_a"], ja["count_b"], ja["n_b"]) == (3, 4, 1, 4)
    assert ja["diff"] == pytest.approx(-0.5)
    # Table [[3, 1], [1, 3]], margins 4/4/4/4: P(x) = C(4,x) C(4,4-x) / C(8,4), C(8,4) = 70,
    # giving 1, 16, 36, 16, 1 over 70. Two-sided: all x with P(x) <= P(3) = 16/70.
    assert ja["p_value"] == pytest.approx((1 + 16 + 16 + 1) / 70)
    assert not ja["significant"]
    # asin(sqrt(1/4)) = pi/6, asin(sqrt(3/4)) = pi/3
    vet = table.loc["Vet ikke"]
    assert (vet["count_a"], vet["count_b"], vet["p_value"]) == (0, 0, 1.0)


def test_compare_choice_significant_when_p_below_005():
    a = _choices(["Ja"] * 8 + ["Nei"] * 2)
    b = _choices(["Ja"] * 1 + ["Nei"] * 9)
    ja = compare_choice(a, b, SINGLE, SINGLE).set_index("option").loc["Ja"]
    # [[8, 2], [1, 9]], margins 10/10 and 9/11: P(x) = C(9,x) C(11,10-x) / C(20,10).
    # Two-sided p: the sum of P(x) over every table no more likely than the observed x = 8.
    total = math.comb(20, 10)
    probs = {x: math.comb(9, x) * math.comb(11, 10 - x) / total for x in range(0, 10)}
    expected = sum(p for p in probs.values() if p <= probs[8] * (1 + 1e-7))
    assert ja["p_value"] == pytest.approx(expected)
    assert ja["significant"]


def test_option_map_merges_drops_and_leaves_new_options_empty():
    old = Question(
        id="q04", number=4, text="Hvor?", type="multiple",
        options=[Option(label="Oslo"), Option(label="Akershus"), Option(label="Borte")],
    )
    new = Question(
        id="q03", number=3, text="Hvor?", type="multiple",
        options=[Option(label="Østlandet"), Option(label="Bergen")],
    )
    a = pd.DataFrame({"respondent": [1, 1, 2, 3], "question": "q04",
                      "option": ["Oslo", "Akershus", "Akershus", "Borte"]})
    b = pd.DataFrame({"respondent": [1, 2], "question": "q03", "option": ["Østlandet", "Bergen"]})
    mapping = {"Oslo": "Østlandet", "Akershus": "Østlandet", "Borte": None}
    table = compare_choice(a, b, old, new, mapping).set_index("option")
    # respondent 1 ticked both merged options and counts once; respondent 3 stays in n_a
    assert table.loc["Østlandet", "count_a"] == 2
    assert table.loc["Østlandet", "n_a"] == 3
    assert table.loc["Østlandet", "share_a"] == pytest.approx(2 / 3)
    assert pd.isna(table.loc["Bergen", "count_a"])
    assert math.isnan(table.loc["Bergen", "p_value"])
    assert not table.loc["Bergen", "significant"]
    assert table.attrs["dropped_a"] == ["Borte"]


def test_unmapped_option_without_counterpart_raises():
    renamed = Question(id="q01", number=1, text="?", type="single",
                       options=[Option(label="Ja"), Option(label="Nei")])
    with pytest.raises(ValueError, match="Vet ikke"):
        compare_choice(_choices(["Ja"]), _choices(["Ja"]), SINGLE, renamed)


def test_distribution_test_chi_square_by_hand():
    # 30/20 against 20/30: expected 25 in each cell, chi2 = 4 * 5**2 / 25 = 4; p = P(|Z| > 2)
    test = distribution_test([30, 20], [20, 30])
    assert test.statistic == pytest.approx(4.0)
    assert test.dof == 1
    assert test.p_value == pytest.approx(math.erfc(2 / math.sqrt(2)))
    assert test.method == "kjikvadrattest"


def test_distribution_test_small_counts_switch_to_exact_or_permutation():
    two = distribution_test([3, 1], [1, 3])
    assert two.method == "Fishers eksakte test"
    assert two.p_value == pytest.approx(34 / 70)
    first = distribution_test([3, 2, 1], [1, 4, 2])
    assert first.method == "permutasjonstest"
    assert 0 < first.p_value <= 1
    assert first == distribution_test([3, 2, 1], [1, 4, 2])  # seeded: same every render


def _scores(values, qid="q05"):
    return pd.DataFrame({"respondent": range(1, len(values) + 1), "question": qid,
                         "score": pd.array(values, dtype="Int64")})


def test_compare_rating_exact_small_case():
    result = compare_rating(_scores([1, 2]), _scores([3, 4], "q07"), "q05", "q07")
    # b beats a in all 4 pairs: U = 4, r = 1; of the C(4,2) = 6 rank splits only this and its
    # mirror are as extreme, so two-sided p = 2/6.
    assert result.u_statistic == 4
    assert result.rank_biserial == pytest.approx(1.0)
    assert result.p_value == pytest.approx(1 / 3)
    assert not result.significant
    assert (result.mean_a, result.mean_b, result.median_a, result.median_b) == (1.5, 3.5, 1.5, 3.5)


def test_compare_rating_ties_rank_biserial():
    result = compare_rating(_scores([1, 2, 3]), _scores([2, 3, 3]), "q05", "q05")
    # pairs b > a count 1, ties 1/2: b=2 -> 1.5, b=3 -> 2.5 twice; U = 6.5 of 9 pairs
    assert result.u_statistic == pytest.approx(6.5)
    assert result.rank_biserial == pytest.approx(2 * 6.5 / 9 - 1)
    assert (result.n_a, result.n_b) == (3, 3)


def test_compare_rating_empty_wave_gives_nan():
    result = compare_rating(_scores([]), _scores([3]), "q05", "q05")
    assert math.isnan(result.p_value) and not result.significant
