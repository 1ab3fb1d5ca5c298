"""Reading back printed Norwegian numbers (the back-test's parser), by hand-written examples."""

from decimal import Decimal

import pytest

from analysis import fmt
from analysis.fmt import parse_number


@pytest.mark.parametrize(("text", "value", "decimals"), [
    ("42\u00a0%", "42", 0), ("42 %", "42", 0), ("3,99", "3.99", 2), ("\u22123,5", "-3.5", 1),
    ("-7", "-7", 0), ("+9", "9", 0), ("+9\u00a0prosentpoeng", "9", 0), ("1\u00a0234", "1234", 0),
    ("12\u202f345,6", "12345.6", 1), ("0", "0", 0), ("ca.\u00a0300", "300", 0),
])
def test_parse_number(text, value, decimals):
    assert parse_number(text) == (Decimal(value), decimals)


@pytest.mark.parametrize("text", ["ukjent", "–", "", "15–26\u00a0%", "p\u00a0=\u00a00,03",
                                  "4,0,1", "42%%", "snitt"])
def test_not_a_number(text):
    assert parse_number(text) is None


@pytest.mark.parametrize("share", [0.0, 0.125, 0.5, 0.999, 0.07])
def test_round_trip_of_what_fmt_writes(share):
    value, decimals = parse_number(fmt.pct(share, 1))
    assert decimals == 1 and abs(float(value) - share * 100) <= 0.05 + 1e-9
