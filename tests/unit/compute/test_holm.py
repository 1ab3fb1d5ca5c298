"""Holm's adjustment within a question, checked against values worked out by hand."""

import math

import pandas as pd
import pytest

from analysis.compute.change import adjust_within_question, holm


def test_holm_by_hand():
    # sorted p: 0.01 (x3) = 0.03; 0.03 (x2) = 0.06; 0.04 (x1) = 0.04 -> raised to 0.06 (monotone)
    assert holm([0.04, 0.01, 0.03]).tolist() == pytest.approx([0.06, 0.03, 0.06])


def test_untested_options_are_not_in_the_family():
    out = holm([0.02, math.nan, 0.02])
    assert math.isnan(out[1])
    assert out[0] == pytest.approx(0.04) and out[2] == pytest.approx(0.04)  # family of two
    assert math.isnan(holm([math.nan])[0])


def test_holm_is_capped_at_one():
    assert holm([0.6, 0.7]).tolist() == pytest.approx([1.0, 1.0])


def test_significance_follows_the_adjusted_p():
    # alone, 0.03 would be significant; in a family of three with 0.01 and 0.5 it is 0.06
    frame = adjust_within_question(pd.DataFrame({"p_value": [0.01, 0.03, 0.5]}))
    assert frame["p_holm"].tolist() == pytest.approx([0.03, 0.06, 0.5])
    assert frame["significant"].tolist() == [True, False, False]
