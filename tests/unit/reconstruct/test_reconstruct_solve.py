"""solve_question on tiny questions whose answers are worked out by hand."""

import pytest
from conftest import choice

from analysis.questionnaire.schema import Question
from analysis.reconstruct.constraints import ReconstructionError
from analysis.reconstruct.figures import Figure
from analysis.reconstruct.solve import solve_question


def test_percentages_of_n():
    # n = 10: 50/30/20 % are exactly 5/3/2 answers.
    figs = [Figure("n", "n", 10), Figure("a", "percent", 50, 0, ("A",)),
            Figure("b", "percent", 30, 0, ("B",)), Figure("c", "percent", 20, 0, ("C",))]
    sol = solve_question(figs, choice("single", "ABC"), respondents=40)
    assert sol.status == "ok"
    assert sol.counts == {"A": 5, "B": 3, "C": 2}
    assert sol.basis == {"a": "n", "b": "n", "c": "n"}


def test_largest_n_when_no_n_is_printed():
    # 50 % / 50 % needs an even n; of 11 respondents 50 % would be 5.5, so n = 10 of 11.
    figs = [Figure("a", "percent", 50, 0, ("A",)), Figure("b", "percent", 50, 0, ("B",))]
    sol = solve_question(figs, choice("single", "AB"), respondents=11)
    assert (sol.n, sol.counts) == (10, {"A": 5, "B": 5})


def test_mean_with_fixed_count(rating):
    # n = 3, one 5, mean 4.33 -> sum 13 -> the other two sum to 8 without a 5: two 4s.
    figs = [Figure("n", "n", 3), Figure("c5", "count", 1, 0, (5,)), Figure("m", "mean", 4.33, 2)]
    sol = solve_question(figs, rating, respondents=10)
    assert sol.counts == {1: 0, 2: 0, 3: 0, 4: 2, 5: 1}


def test_percent_contradicting_counts_is_the_one_dropped():
    # A = 3, B = 4 force n = 7; 90 % of 7 needs 6.3 answers: only the percent can go.
    figs = [Figure("a", "count", 3, 0, ("A",)), Figure("b", "count", 4, 0, ("B",)),
            Figure("n", "n", 7), Figure("p", "percent", 90, 0, ("A",))]
    sol = solve_question(figs, choice("single", "AB"), respondents=10)
    assert sol.status == "repaired"
    assert sol.dropped == ("p",)
    assert sol.alternatives == []
    assert sol.counts == {"A": 3, "B": 4}
    # 90 % stands for [89.5, 90.5) %; of n = 7 that is [6.265, 6.335] answers: no integer.
    assert sol.explanations["p"].startswith(
        "Av n = 7 som svarte trengs et antall i [6,265; 6,335], som ikke rommer noe heltall")
    assert "A = 3 med n = 7" in sol.explanations["p"]


def test_two_figures_in_direct_conflict_give_two_minimal_sets():
    figs = [Figure("a3", "count", 3, 0, ("A",)), Figure("a4", "count", 4, 0, ("A",))]
    sol = solve_question(figs, choice("single", "AB"), respondents=10)
    assert sol.status == "repaired"
    assert {sol.dropped, *sol.alternatives} == {("a3",), ("a4",)}
    assert not sol.unique_minimal


def test_q11_2023_drops_the_mean(rating):
    figs = [Figure("c5", "count", 12, 0, (5,)), Figure("c4", "count", 37, 0, (4,)),
            Figure("c1", "count", 0, 0, (1,)), Figure("c2", "count", 2, 0, (2,)),
            Figure("m", "mean", 4.17, 2), Figure("md", "median", 4.0, 1), Figure("n", "n", 60)]
    sol = solve_question(figs, rating, respondents=155)
    assert sol.dropped == ("m",) and sol.alternatives == []
    # Nine respondents are left and only score 3 is free.
    assert sol.counts == {1: 0, 2: 2, 3: 9, 4: 37, 5: 12}
    assert "212 + 27 = 239, gjennomsnitt 3,98 ≠ 4,17" in sol.explanations["m"]


def test_structure_alone_infeasible():
    # Exactly three ticks each from two options: at most 2n ticks, but 3n required.
    question = choice("multiple", "AB", min_choices=3, max_choices=3)
    sol = solve_question([Figure("n", "n", 5)], question, respondents=10)
    assert sol.status == "infeasible"


def test_unknown_option_names_the_figure():
    with pytest.raises(ReconstructionError, match="fig-x.*'Z'"):
        solve_question([Figure("fig-x", "count", 1, 0, ("Z",))], choice("single", "AB"), 10)


def test_category_figures_skipped_but_n_solved():
    question = Question(id="q12", number=12, text="t", type="text")
    figs = [Figure("n", "n", 47), Figure("cat", "count", 11, 0, ("Veiledning",), "category")]
    sol = solve_question(figs, question, respondents=186)
    assert (sol.status, sol.n) == ("ok", 47)
    assert set(sol.skipped) == {"cat"}


def test_no_usable_figures_is_empty():
    sol = solve_question([], choice("single", "AB"), respondents=10)
    assert sol.status == "empty" and sol.counts == {}
