"""Every significance word follows the test result and the one threshold, ``ALPHA``.

The words are checked on both sides of the threshold for each kind of test the prose words:
Fisher per option (``change_clause``), Fisher for a group of options (``option_groups``),
Mann-Whitney for ratings (``RatingView.verdict``), the p-value as printed (``fmt.p_value``), and
the short verdicts of the comparison table (``choice_verdict``). The prose says it in plain
words ("trolig reell" / "kan skyldes tilfeldigheter"); "statistisk signifikant" is defined in
the box «Slik leser du tallene» only.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import analysis
from analysis import fmt
from analysis.compute.change import ALPHA, is_significant
from analysis.report import change_clause
from analysis.report.option_groups import compare_counts
from analysis.report.trends import choice_verdict
from analysis.report.views import RatingView

NBSP = "\u00a0"
BELOW, ABOVE = 0.049, 0.051  # either side of 0.05


def test_the_threshold_is_five_percent_and_defined_once():
    assert ALPHA == 0.05
    package = Path(analysis.__file__).parent
    owners = []
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) else [])
            if any(isinstance(t, ast.Name) and t.id == "ALPHA" for t in targets):
                owners.append(str(path.relative_to(package)))
    assert owners == ["compute/change.py"], owners


@pytest.mark.parametrize(("p", "expected"), [(BELOW, True), (ALPHA, False), (ABOVE, False),
                                              (0.09, False), (float("nan"), False)])
def test_is_significant_is_strictly_below_alpha(p, expected):
    assert is_significant(p) is expected


def test_change_clause_words_follow_the_flag_from_the_p_value():
    def clause(p):
        return change_clause(0.31, 0.40, is_significant(p))  # 31 % -> 40 %: +9

    assert clause(0.03) == f"en økning på 9{NBSP}prosentpoeng, og den er trolig reell"
    assert clause(0.09) == (f"en økning på 9{NBSP}prosentpoeng, men den kan skyldes "
                            "tilfeldigheter")


def test_group_test_words_on_both_sides():
    # Fisher, hand-computed: 2/10 -> 8/10 gives p = 0.023; 3/10 -> 8/10 gives p = 0.070.
    below, above = compare_counts(2, 10, 8, 10), compare_counts(3, 10, 8, 10)
    assert below["p_value"] == pytest.approx(0.02301, abs=1e-4) and below["significant"]
    assert above["p_value"] == pytest.approx(0.06978, abs=1e-4) and not above["significant"]
    def clause(row):
        return change_clause(row["share_a"], row["share_b"], bool(row["significant"]))

    assert clause(below) == f"en økning på 60{NBSP}prosentpoeng, og den er trolig reell"
    assert clause(above).endswith("men den kan skyldes tilfeldigheter")


def _rating_view(p):
    view = RatingView.__new__(RatingView)  # only the comparison and the years are read
    view.__dict__["comparison"] = type("C", (), {"p_value": p, "rank_biserial": 0.3,
                                                 "significant": is_significant(p)})()
    view.known = lambda year=None: True
    view.prev_wave = type("W", (), {"year": 2023})()
    view.prev_question = object()
    return view


def test_rating_verdict_on_both_sides():
    assert _rating_view(BELOW).verdict() == (
        "vurderingene er høyere enn i 2023, og forskjellen er trolig reell")
    assert _rating_view(0.09).verdict() == (
        "forskjellen fra 2023 går i retning av høyere vurderinger, men den kan skyldes "
        "tilfeldigheter")
    assert _rating_view(0.09).conclusion("tilfredsheten") == (
        "Vi kan derfor ikke si at tilfredsheten samlet har endret seg.")
    assert _rating_view(BELOW).conclusion("tilfredsheten") == (
        "Tilfredsheten samlet har altså endret seg.")


def test_printed_p_never_contradicts_the_word():
    # 0.0496 is significant but rounds to 0,05: it is printed as "p < 0,05", never "p = 0,05"
    assert fmt.p_value(0.0496) == f"p{NBSP}<{NBSP}0,05"
    assert fmt.p_value(ABOVE) == f"p{NBSP}={NBSP}0,05"


def test_short_verdicts_follow_the_flag():
    assert choice_verdict(20, is_significant(BELOW)) == "trolig reell økning"
    assert choice_verdict(-20, is_significant(BELOW)) == "trolig reell nedgang"
    assert choice_verdict(20, is_significant(0.09)) == "kan skyldes tilfeldigheter"
