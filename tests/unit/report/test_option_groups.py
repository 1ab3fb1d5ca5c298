"""Summed options: bounds from hand-made figures, worked out by hand."""

from analysis.questionnaire.schema import Option, Question
from analysis.reconstruct.figures import Figure
from analysis.report.option_groups import compare_counts, group_bounds, is_narrow


def single(labels: str) -> Question:
    return Question(id="q01", number=1, text="t", type="single",
                    options=[Option(label=x) for x in labels])


def pct(fid: str, value: float, *option: str) -> Figure:
    return Figure(id=fid, kind="percent", value=value, option=tuple(option), year=2025,
                  question=1)


Q = single("ABCD")
# 100 answered; A+B printed as 57 % (56.5-57.5 % of 100 -> exactly 57), C as 30 % (-> 30).
FIGS = [Figure(id="n", kind="n", value=100, year=2025, question=1),
        pct("ab", 57, "A", "B"), pct("c", 30, "C")]


def test_printed_sum_is_pinned_down_though_parts_are_not():
    assert group_bounds(FIGS, Q, 100, 100, ["A", "B"]) == (57, 57)
    assert group_bounds(FIGS, Q, 100, 100, ["A"]) == (0, 57)


def test_remainder_follows_from_the_others():
    # D = 100 - 57 - 30 = 13
    assert group_bounds(FIGS, Q, 100, 100, ["D"]) == (13, 13)
    assert group_bounds(FIGS, Q, 100, 100, ["C", "D"]) == (43, 43)


def test_a_dropped_conflicting_figure_does_not_count():
    # "A alone 81 %" cannot be true next to "A or B 57 %"; dropping "ab" instead would still
    # clash with "C 30 %" (81 + 30 > 100), so the solver drops "a81" and A+B stays at 57.
    figs = [*FIGS, pct("a81", 81, "A")]
    assert group_bounds(figs, Q, 100, 100, ["A", "B"]) == (57, 57)


def test_is_narrow_uses_two_answers_or_five_percent():
    assert is_narrow((57, 57), 100)
    assert is_narrow((10, 15), 100)      # width 5 = 5 % of 100
    assert not is_narrow((10, 16), 100)  # width 6
    assert is_narrow((3, 5), 20)         # width 2 (5 % of 20 is only 1)
    assert not is_narrow((None, 5), 20)


def test_compare_counts_by_hand():
    # 5 of 10 in both waves: no change, Fisher p = 1
    same = compare_counts(5, 10, 5, 10)
    assert same["diff"] == 0 and same["p_value"] == 1.0 and not same["significant"]
    # 0 of 10 -> 10 of 10: only the observed and the mirrored table are as extreme,
    # each with probability 1 / C(20, 10) = 1 / 184756, so p = 2 / 184756
    jump = compare_counts(0, 10, 10, 10)
    assert jump["diff"] == 1.0
    assert abs(jump["p_value"] - 2 / 184756) < 1e-12
    assert jump["significant"]
