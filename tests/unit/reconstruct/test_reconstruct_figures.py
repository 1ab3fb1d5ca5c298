"""Printed intervals and reading ledger rows."""

import math
from fractions import Fraction

import pytest

from analysis.reconstruct.figures import Figure, figures_from_records, printed_interval


def test_printed_interval_is_exact():
    assert printed_interval(4.17, 2) == (Fraction(4165, 1000), Fraction(4175, 1000))
    assert printed_interval(45, 0) == (Fraction(89, 2), Fraction(91, 2))


def test_records_with_missing_cells():
    rows = [{"id": "f1", "kind": "percent", "value": 45.0, "decimals": 0, "option": (5,),
             "basis": math.nan, "year": 2025, "question": 11.0}]
    (fig,) = figures_from_records(rows)
    assert fig == Figure("f1", "percent", 45.0, 0, (5,), None, 2025, 11)


def test_unknown_kind_raises():
    with pytest.raises(ValueError, match="f9"):
        Figure("f9", "ratio", 1.0)
