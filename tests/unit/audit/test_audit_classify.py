"""Classification of a recomputed figure against the printed one (hand-computed cases)."""

import pytest

from analysis.audit.classify import classify
from analysis.audit.recompute import Recomputed


def _pct(count, **denominators):
    return Recomputed({b: 100 * count / d for b, d in denominators.items()},
                      {"count": count, **denominators})


def test_exact_value_is_reproduced():
    # 93 of 186 is exactly 50 %.
    status, basis, value, _ = classify(50, 0, "percent", _pct(93, n=186))
    assert (status, basis, value) == ("reproduced", "n", 50.0)


def test_value_inside_the_rounding_interval_is_within_rounding():
    # 78 / 186 = 41.94 %, printed "42 %" (interval 41.5-42.5).
    status, basis, _, text = classify(42, 0, "percent", _pct(78, n=186))
    assert status == "within-rounding" and basis == "n"
    assert "78 / 186" in text


def test_the_first_basis_that_fits_is_named():
    # Q1 2025: 75 study nurses; 75/186 = 40.3 % (no), 75/200 ticks = 37.5 % -> printed 38 %.
    status, basis, _, _ = classify(38, 0, "percent", _pct(75, n=186, answers=200))
    assert (status, basis) == ("within-rounding", "answers")


def test_a_value_outside_every_interval_is_not_reproducible_with_the_arithmetic():
    status, _, _, text = classify(77, 0, "percent", _pct(139, n=185, respondents=186))
    assert status == "not-reproducible"
    assert "76,5" in text and "77,5" in text and "139 / 185" in text


@pytest.mark.parametrize(("qualifier", "value", "expected"), [
    ("over", 71.0, "within-rounding"),     # "over 70 %": 132/186 = 71.0 %
    ("over", 69.9, "not-reproducible"),
    ("about", 27.5, "within-rounding"),    # "rundt 26 %" admits 24.5-27.5
    ("about", 27.7, "not-reproducible"),
    ("under", 3.0, "within-rounding"),
])
def test_qualifiers_make_the_printed_value_a_bound_or_approximation(qualifier, value, expected):
    rec = Recomputed({"n": value}, {"count": 1, "n": 1})
    printed = {"over": 70, "about": 26, "under": 5}[qualifier]
    assert classify(printed, 0, "percent", rec, qualifier=qualifier)[0] == expected


def test_a_basis_hint_is_tried_first():
    rec = _pct(37, n=186, answers=370)  # 19.9 % of respondents, 10.0 % of ticks
    assert classify(10, 0, "percent", rec, basis_hint="answers")[1] == "answers"


def test_not_derivable_passes_the_reason_through():
    rec = Recomputed(derivable=False, reason="context (recipients, groups), not an answer")
    assert classify(170, 0, "count", rec) == (
        "not-derivable", None, None, "context (recipients, groups), not an answer")


def test_the_arithmetic_is_in_bokmal_with_decimal_commas():
    # 81 % printed with 0 decimals stands for [80,5; 81,5]; 106 of 186 is 56.99.. -> "57,0 %".
    rec = Recomputed({"n": 100 * 106 / 186}, {"count": 106, "n": 186})
    status, _, _, text = classify(81, 0, "percent", rec)
    assert status == "not-reproducible"
    assert text == ("publisert 81 krever en verdi i [80,5; 81,5]; dataene gir "
                    "106 / 186 (svarte) = 57,0\u00a0%")
    assert "." not in text.replace("...", "")
