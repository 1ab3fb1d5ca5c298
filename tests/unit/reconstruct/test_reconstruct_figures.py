"""Printed intervals, and the ledger's figure type as the solver builds it by hand."""

from fractions import Fraction

import pytest

from analysis.ledger import Basis, FigureKind
from analysis.reconstruct.figures import Figure, printed_interval


def test_printed_interval_is_exact():
    assert printed_interval(4.17, 2) == (Fraction(4165, 1000), Fraction(4175, 1000))
    assert printed_interval(45, 0) == (Fraction(89, 2), Fraction(91, 2))


def test_hand_made_figures_normalise_to_the_ledger_enums():
    fig = Figure("f1", "percent", 45, 0, [5], "answers", 2025, 11)
    assert fig == Figure("f1", FigureKind.PERCENT, 45.0, 0, (5,), Basis.ANSWERS, 2025, 11)
    assert (fig.kind, fig.basis, fig.option, fig.qid) == ("percent", "answers", (5,), "q11")


def test_unknown_basis_raises_naming_the_figure():
    with pytest.raises(ValueError, match="f8.*all ticks"):
        Figure("f8", "percent", 1.0, basis="all ticks")


def test_unknown_kind_raises():
    with pytest.raises(ValueError, match="f9"):
        Figure("f9", "ratio", 1.0)
