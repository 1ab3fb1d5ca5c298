"""Percent bases and medians: which counts the constraints allow (hand-worked)."""

from conftest import choice

from analysis.ledger import Basis
from analysis.reconstruct.constraints import median_candidates
from analysis.reconstruct.figures import Figure, printed_interval
from analysis.reconstruct.solve import solve_question


def _multi(shares):
    # n = 10 answering, A ticked 8 times; shares for A, B, C as printed.
    figs = [Figure("n", "n", 10), Figure("ca", "count", 8, 0, ("A",))]
    figs += [Figure(k.lower(), "percent", v, 0, (k,)) for k, v in shares.items()]
    return solve_question(figs, choice("multiple", "ABC"), respondents=50)


def test_shares_of_respondents_answering():
    # 80 + 60 + 60 > 100, so not shares of answers; of n = 10: 8, 6, 6 (of 50 A would be 16 %).
    sol = _multi({"A": 80, "B": 60, "C": 60})
    assert sol.basis == {"a": "n", "b": "n", "c": "n"}
    assert sol.counts == {"A": 8, "B": 6, "C": 6}


def test_shares_of_answers_given():
    # A = 8 is 40 % only of 20 ticks; B and C then 30 % of 20 = 6 each (each <= n = 10).
    sol = _multi({"A": 40, "B": 30, "C": 30})
    assert sol.basis == {"a": "answers", "b": "answers", "c": "answers"}
    assert sol.counts == {"A": 8, "B": 6, "C": 6}


def _median_solution(rating, n, fixed, median):
    figs = [Figure("n", "n", n), Figure("md", "median", median, 1)]
    figs += [Figure(f"c{s}", "count", c, 0, (s,)) for s, c in fixed.items()]
    return solve_question(figs, rating, respondents=20)


def test_median_odd_n(rating):
    # 1, ?, 5 with median 4: the middle answer is 4.
    sol = _median_solution(rating, 3, {1: 1, 5: 1}, 4.0)
    assert sol.counts == {1: 1, 2: 0, 3: 0, 4: 1, 5: 1}


def test_median_even_n_whole(rating):
    # 1, ?, ?, 5 with median 2.0: both middle answers are 2.
    sol = _median_solution(rating, 4, {1: 1, 5: 1}, 2.0)
    assert sol.counts == {1: 1, 2: 2, 3: 0, 4: 0, 5: 1}


def test_median_even_n_half(rating):
    # 1, ?, ?, 5 with median 3.5: the middle answers are 3 and 4.
    sol = _median_solution(rating, 4, {1: 1, 5: 1}, 3.5)
    assert sol.counts == {1: 1, 2: 0, 3: 1, 4: 1, 5: 1}


def test_impossible_median_has_three_minimal_repairs(rating):
    # Two 1s among n = 3 put the median at 1; dropping the median, the count or n all repair it.
    sol = _median_solution(rating, 3, {1: 2}, 4.0)
    assert sol.status == "repaired"
    assert {sol.dropped, *sol.alternatives} == {("md",), ("n",), ("c1",)}


def test_median_candidates_within_printed_interval():
    # Printed "4" (0 decimals) stands for [3.5, 4.5]: 3.5, 4 and 4.5 all print as 4.
    assert [float(c) for c in median_candidates(*printed_interval(4, 0))] == [3.5, 4.0, 4.5]
    assert median_candidates(*printed_interval(3.7, 1)) == []


def test_one_question_does_not_mix_n_and_respondents():
    # A = 81 % and A + B = 57 % contradict under any single denominator (A <= A + B). Mixing
    # would "fit": 81 % of n = 131 is 106 = 57 % of 186. The solver must flag it instead.
    figs = [Figure("a", "percent", 81, 0, ("A",)), Figure("ab", "percent", 57, 0, ("A", "B"))]
    sol = solve_question(figs, choice("single", "ABC"), respondents=186)
    assert sol.status == "repaired"
    assert {sol.dropped, *sol.alternatives} == {("a",), ("ab",)}


def test_basis_denominators():
    assert Basis("answers").denominator == "answers"
    assert Basis("respondents").denominator == "respondents"
    assert Basis("change").denominator is None
