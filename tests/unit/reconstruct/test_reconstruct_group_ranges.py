"""Bounds of a *sum* of options, from hand-made figures worked out by hand."""

import pytest
from conftest import choice

from analysis.reconstruct.constraints import ReconstructionError
from analysis.reconstruct.figures import Figure
from analysis.reconstruct.solve import group_ranges, solve_question


def pct(fid: str, value: float, *option: str) -> Figure:
    return Figure(id=fid, kind="percent", value=value, option=tuple(option), year=2025,
                  question=1)


Q = choice("single", "ABCD")
# 100 answered; A+B printed as 57 % (56.5-57.5 % of 100 -> exactly 57), C as 30 % (-> 30).
FIGS = [Figure(id="n", kind="n", value=100, year=2025, question=1),
        pct("ab", 57, "A", "B"), pct("c", 30, "C")]


def test_printed_sum_is_pinned_down_though_parts_are_not():
    assert group_ranges(FIGS, Q, 100, 100, [("A", "B"), ("A",)]) == {
        ("A", "B"): (57, 57), ("A",): (0, 57)}


def test_remainder_follows_from_the_others():
    # D = 100 - 57 - 30 = 13, so C + D = 43
    assert group_ranges(FIGS, Q, 100, 100, [("D",), ("C", "D")]) == {
        ("D",): (13, 13), ("C", "D"): (43, 43)}


def test_a_dropped_conflicting_figure_does_not_count():
    # "A alone 81 %" cannot be true next to "A or B 57 %"; dropping "ab" instead would still
    # clash with "C 30 %" (81 + 30 > 100), so the solver drops "a81" and A+B stays at 57.
    sol = solve_question([*FIGS, pct("a81", 81, "A")], Q, 100, ranges=True,
                         groups=[("A", "B")])
    assert sol.dropped == ("a81",)
    assert sol.group_ranges == {("A", "B"): (57, 57)}


def test_groups_are_bounded_only_when_ranges_are_asked_for():
    assert solve_question(FIGS, Q, 100, groups=[("A", "B")]).group_ranges == {}


def test_a_group_naming_an_unknown_option_says_which():
    with pytest.raises(ReconstructionError, match=r"q01: option group \['A', 'E'\] names "
                                                  r"\['E'\], which the question does not have"):
        group_ranges(FIGS, Q, 100, 100, [("A", "E")])
