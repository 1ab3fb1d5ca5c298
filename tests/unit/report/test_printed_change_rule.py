"""The printed-change rule by hand: change = printed later share − printed earlier share."""

from decimal import Decimal

import pandas as pd
import pytest

from analysis import fmt
from analysis.compute.verdict import Verdict
from analysis.report.change_words import share_clause
from analysis.report.values import p_cell, percent, points_text, printed_change, signed

NBSP, MINUS = "\u00a0", "\u2212"


@pytest.mark.parametrize(("a", "b", "shown_a", "shown_b", "expected"), [
    # 57,4 % -> 77,6 %: printed 57 % and 78 %, so +21 (the unrounded difference 20,2 gives +20)
    (0.574, 0.776, "57", "78", 21),
    # 35,4 % -> 15,6 %: printed 35 % and 16 %, so −19 (unrounded −19,8 would give −20)
    (0.354, 0.156, "35", "16", -19),
    # 34,2 % -> 55,6 %: 34 % and 56 %, +22 (unrounded +21,4 -> +21)
    (0.342, 0.556, "34", "56", 22),
    # 8,4 % -> 3,6 %: 8 % and 4 %, −4 (unrounded −4,8 -> −5)
    (0.084, 0.036, "8", "4", -4),
    # halves round up as fmt.pct writes them: 28,5 % -> 29 %, 12,5 % -> 13 %
    (0.125, 0.285, "13", "29", 16),
])
def test_the_change_is_the_difference_of_the_printed_shares(a, b, shown_a, shown_b, expected):
    assert fmt.pct(a) == f"{shown_a}{NBSP}%" and fmt.pct(b) == f"{shown_b}{NBSP}%"
    assert printed_change(a, b) == Decimal(expected)
    sign = "+" if expected > 0 else MINUS
    assert signed(printed_change(a, b)) == f"{sign}{abs(expected)}"
    assert points_text(printed_change(a, b)) == f"{sign}{abs(expected)}{NBSP}prosentpoeng"


def test_percent_agrees_with_fmt_pct_everywhere():
    for k in range(0, 1001):
        share = k / 1000
        assert fmt.pct(share) == f"{fmt.num(int(percent(share)))}{NBSP}%", share
    for k, n in [(1, 3), (2, 3), (57, 186), (143, 185), (88, 155)]:
        assert fmt.pct(k / n) == f"{fmt.num(int(percent(k / n)))}{NBSP}%"


def test_a_change_that_prints_as_zero_has_no_direction():
    assert printed_change(0.501, 0.497) == 0
    assert signed(Decimal(0)) == "0"
    assert share_clause(Verdict.CHANCE, Decimal(0), -0.1, 0.1, 2023) == "ingen endring"


def test_the_clause_says_what_changed_then_how_sure():
    points = printed_change(0.574, 0.776)
    assert share_clause(Verdict.UP, points, 0.11, 0.29, 2023) == (
        f"en økning på 21{NBSP}prosentpoeng (95{NBSP}% KI +11 til +29{NBSP}prosentpoeng), mer "
        "enn tilfeldigheter alene gir blant dem som svarte")
    # within chance, and the interval reaches as far the other way: say so
    assert share_clause(Verdict.CHANCE, Decimal(-19), -0.38, 0.20, 2023) == (
        f"en nedgang på 19{NBSP}prosentpoeng, men usikkerheten er så stor (95{NBSP}% KI "
        f"{MINUS}38 til +20{NBSP}prosentpoeng) at endringen like gjerne kan gå den andre veien")
    assert share_clause(Verdict.CHANCE, Decimal(-19), -0.38, 0.02, 2023) == (
        f"en nedgang på 19{NBSP}prosentpoeng, men den kan skyldes tilfeldigheter (95{NBSP}% KI "
        f"{MINUS}38 til +2{NBSP}prosentpoeng)")
    # a one-point change is not worded like a 19-point one
    assert share_clause(Verdict.CHANCE, Decimal(1), -0.08, 0.1, 2023) == (
        f"nesten ingen endring (+1{NBSP}prosentpoeng), innenfor det tilfeldigheter gir")


def test_p_cells_match_the_prose_p_value():
    for p in (0.0004, 0.001, 0.0049, 0.0312, 0.0496, 0.05, 0.09, 0.5, 1.0):
        prose = fmt.p_value(p)
        assert prose.endswith(p_cell(p)), (p, prose, p_cell(p))
    assert p_cell(float("nan")) == fmt.MISSING
    assert pd.isna(float("nan"))
