"""Every verdict word follows the one rule (:mod:`analysis.compute.verdict`) and the one
threshold, ``ALPHA``; the words are checked on both sides of it for each kind of item, and
each change sentence says what changed, then how sure we are."""

from __future__ import annotations

import ast
from decimal import Decimal
from pathlib import Path

import pytest

import analysis
from analysis import fmt
from analysis.compute.change import ALPHA, is_significant
from analysis.compute.verdict import Verdict
from analysis.report.change_words import share_clause, whole_clause
from analysis.report.option_groups import compare_counts

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


def test_group_interval_on_both_sides():
    # 2/10 -> 8/10: Newcombe [0.17, 0.80] excludes 0; 4/10 -> 7/10: [−0.13, 0.62] covers it.
    below, above = compare_counts(2, 10, 8, 10), compare_counts(4, 10, 7, 10)
    assert below["diff_low"] > 0 and below["p_value"] == pytest.approx(0.02301, abs=1e-4)
    assert above["diff_low"] < 0 < above["diff_high"]


def test_no_verdict_says_trolig_reell_any_more():
    words = [v.value for v in Verdict]
    assert not any("trolig reel" in w for w in words)
    assert Verdict.UP.value == "økning utover tilfeldig variasjon"


def test_rating_clauses():
    assert whole_clause(Verdict.HIGHER, 2023, True) == (
        "vurderingene er høyere enn i 2023 (snitt, median og andel som gir 4 eller 5 peker samme "
        "vei), mer enn tilfeldigheter alene gir blant dem som svarte")
    assert whole_clause(Verdict.CHANCE, 2023, True) == (
        "vurderingene er omtrent som i 2023, innenfor det tilfeldigheter gir")
    assert whole_clause(Verdict.UNDECIDABLE, 2023, True) == (
        "om vurderingene har endret seg siden 2023, kan ikke avgjøres med rekonstruerte tall")


def test_composition_and_break_clauses_name_the_reason():
    text = share_clause(Verdict.COMPOSITION, Decimal(9), 0.01, 0.17, 2023,
                        "Studiesykepleier", 0.2)
    assert text.endswith("mer enn tilfeldig, men ikke mer enn at det kan skyldes at andelen "
                         "«Studiesykepleier» blant dem som svarte, økte")
    assert share_clause(Verdict.BREAK, None, 0, 0, 2023, reason="Spørsmålet er nytt.") == (
        "et brudd i serien, så endringen fra 2023 blir ikke testet: Spørsmålet er nytt.")


def test_printed_p_never_contradicts_the_word():
    # 0.0496 is significant but rounds to 0,05: it is printed as "p < 0,05", never "p = 0,05"
    assert fmt.p_value(0.0496) == f"p{NBSP}<{NBSP}0,05"
    assert fmt.p_value(ABOVE) == f"p{NBSP}={NBSP}0,05"
