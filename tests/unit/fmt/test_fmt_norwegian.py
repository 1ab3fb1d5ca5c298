"""Norwegian formatting, against hand-written expected strings."""

import math

import pandas as pd
import pytest

from analysis.fmt import ci, count_of, num, p_value, pct

S = "\u00a0"  # no-break space
M = "\u2212"  # minus sign


@pytest.mark.parametrize(
    ("x", "decimals", "expected"),
    [
        (3.985, 2, "3,99"),
        (2.675, 2, "2,68"),  # binary 2.67499.. would round down; printed reports round up
        (0.5, 0, "1"),
        (2.5, 0, "3"),  # half up, not banker's rounding
        (1234, 0, f"1{S}234"),
        (1234567.25, 1, f"1{S}234{S}567,3"),
        (999, 0, "999"),
        (-1234.5, 0, f"{M}1{S}235"),
        (-0.0, 0, "0"),
        (-0.004, 2, "0,00"),
        (7, 1, "7,0"),
    ],
)
def test_num(x, decimals, expected):
    assert num(x, decimals) == expected


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NA, math.nan])
def test_missing_values_are_en_dash(missing):
    assert num(missing) == "\u2013"
    assert pct(missing) == "\u2013"
    assert p_value(missing) == "\u2013"
    assert ci(missing, 0.5) == "\u2013"
    assert count_of(missing, 10) == "\u2013"


def test_num_rejects_infinity_and_negative_decimals():
    with pytest.raises(ValueError, match="infinite"):
        num(math.inf)
    with pytest.raises(ValueError, match="decimals"):
        num(1.0, -1)


@pytest.mark.parametrize(
    ("share", "decimals", "expected"),
    [
        (0.42, 0, f"42{S}%"),
        (0.285, 0, f"29{S}%"),  # 0.285 * 100 is 28.4999.. in binary
        (0.4035, 1, f"40,4{S}%"),
        (1.0, 0, f"100{S}%"),
        (0.0, 0, f"0{S}%"),
    ],
)
def test_pct(share, decimals, expected):
    assert pct(share, decimals) == expected


def test_count_of():
    assert count_of(75, 186) == f"75{S}av{S}186"
    assert count_of(1500, 2000) == f"1{S}500{S}av{S}2{S}000"


@pytest.mark.parametrize(
    ("p", "expected"),
    [
        (0.03, f"p{S}={S}0,03"),
        (0.5, f"p{S}={S}0,50"),
        (0.0044, f"p{S}={S}0,004"),
        (0.0004, f"p{S}<{S}0,001"),
        (0.001, f"p{S}={S}0,001"),
        (0.0496, f"p{S}<{S}0,05"),  # must not read as non-significant "0,05"
        (0.05, f"p{S}={S}0,05"),
        (1.0, f"p{S}={S}1,00"),
    ],
)
def test_p_value(p, expected):
    assert p_value(p) == expected


def test_p_value_outside_unit_interval_raises():
    with pytest.raises(ValueError, match="0..1"):
        p_value(1.2)


def test_ci():
    assert ci(0.381, 0.474) == f"95{S}%{S}KI{S}38\u201347{S}%"
    assert ci(0.3815, 0.4744, decimals=1) == f"95{S}%{S}KI{S}38,2\u201347,4{S}%"
    assert ci(0.1, 0.2, level=0.9) == f"90{S}%{S}KI{S}10\u201320{S}%"


@pytest.mark.parametrize(
    ("n", "neuter", "expected"),
    [(0, False, "null"), (1, False, "én"), (1, True, "ett"), (7, False, "sju"),
     (12, False, "tolv"), (13, False, "13"), (1234, False, f"1{S}234"), (3.0, False, "tre"),
     (None, False, "\u2013")],
)
def test_number_word(n, neuter, expected):
    from analysis.fmt import number_word

    assert number_word(n, neuter=neuter) == expected


@pytest.mark.parametrize("bad", [-1, 2.5])
def test_number_word_takes_counts_only(bad):
    from analysis.fmt import number_word

    with pytest.raises(ValueError, match="count"):
        number_word(bad)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Raskt svar", "«Raskt svar»"),
        ("«Gjennom NorTrials»", "«Gjennom NorTrials»"),  # already one quotation: no 2nd pair
        ('"Politimann"- holdning', "«‹Politimann›- holdning»"),
        ("ikke «nøytrale» nok", "«ikke ‹nøytrale› nok»"),
        ("«a» og «b»", "«‹a› og ‹b›»"),  # two quotations, not one: both go inside
        ("han sa \u201caldri\u201d", "«han sa ‹aldri›»"),
        ('ett "uparet merke', '«ett "uparet merke»'),  # an unpaired mark is the writer\'s
    ],
)
def test_quote(text, expected):
    from analysis.fmt import quote

    assert quote(text) == expected
