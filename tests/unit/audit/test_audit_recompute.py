"""Recomputing figures from a tiny hand-made answer frame."""

import pandas as pd
import pytest

from analysis.audit.recompute import recompute
from analysis.ledger import Figure
from analysis.questionnaire.schema import Questionnaire

QUESTIONNAIRE = Questionnaire.model_validate({
    "year": 2025, "title": "t", "source": "hand-made",
    "questions": [
        {"id": "q01", "number": 1, "text": "Rolle?", "type": "multiple",
         "options": [{"label": "A"}, {"label": "B"}, {"label": "C"}]},
        {"id": "q02", "number": 2, "text": "Lett?", "type": "rating",
         "scale": {"low_label": "Vanskelig", "high_label": "Lett"}},
        {"id": "q03", "number": 3, "text": "Nytt?", "type": "text", "new": True},
    ],
})
# Respondent 1 ticks A and B, 2 ticks A, 3 ticks C; 4 answers nothing on q01.
# Ratings: 5, 4, 4 (mean 13/3 = 4.333, median 4). Two wrote text.
LONG = pd.DataFrame([
    (1, "q01", "A", pd.NA, pd.NA), (1, "q01", "B", pd.NA, pd.NA), (2, "q01", "A", pd.NA, pd.NA),
    (3, "q01", "C", pd.NA, pd.NA),
    (1, "q02", pd.NA, 5, pd.NA), (2, "q02", pd.NA, 4, pd.NA), (3, "q02", pd.NA, 4, pd.NA),
    (1, "q03", pd.NA, pd.NA, "fint"), (4, "q03", pd.NA, pd.NA, "bra"),
], columns=["respondent", "question", "option", "score", "text"]).astype(
    {"score": "Int64"})


def fig(**kw):
    base = {"id": "f", "value": 1, "year": 2025, "question": 1, "option": (), "kind": "count"}
    return Figure(**{**base, **kw})


def test_count_of_several_options_sums_them():
    assert recompute(fig(option=("A", "B")), QUESTIONNAIRE, LONG, 4).values == {"value": 3.0}


def test_percent_is_tried_under_each_denominator():
    rec = recompute(fig(option=("A",), kind="percent"), QUESTIONNAIRE, LONG, 4)
    # A: 2 ticks; 3 answered q01, 4 respondents, 4 ticks in all.
    assert rec.values == pytest.approx({"n": 200 / 3, "respondents": 50.0, "answers": 50.0})


def test_a_stated_basis_restricts_the_denominator():
    rec = recompute(fig(option=("A",), kind="percent", basis="answers"), QUESTIONNAIRE, LONG, 4)
    assert rec.values == {"answers": 50.0}


def test_mean_median_and_n_of_a_rating():
    assert recompute(fig(question=2, kind="mean"), QUESTIONNAIRE, LONG, 4).values["value"] == (
        pytest.approx(13 / 3))
    assert recompute(fig(question=2, kind="median"), QUESTIONNAIRE, LONG, 4).values == {
        "value": 4.0}
    assert recompute(fig(question=2, kind="n"), QUESTIONNAIRE, LONG, 4).values == {"value": 3.0}


def test_share_ticking_several_options():
    rec = recompute(fig(kind="percent", basis="several-options"),
                    QUESTIONNAIRE, LONG, 4)
    assert rec.values == {"n": pytest.approx(100 / 3)}  # 1 of 3


def test_figures_about_the_questionnaire_itself():
    assert recompute(fig(question=None, basis="questions"), QUESTIONNAIRE, LONG,
                     4).values == {"value": 3.0}
    assert recompute(fig(question=1, basis="options"), QUESTIONNAIRE, LONG,
                     4).values == {"value": 3.0}
    assert recompute(fig(question=None, basis="new-questions"), QUESTIONNAIRE, LONG,
                     4).values == {"value": 1.0}


@pytest.mark.parametrize("figure", [
    fig(question=3, kind="count", option=("Positive",), basis="category"),
    fig(question=None, kind="count", basis="context", what="recipients of group b"),
    fig(question=3, kind="percent", option=("x",), basis="change", from_wave=2023),
    fig(question=3, kind="count", option=("x",)),
])
def test_what_the_answers_cannot_give_is_not_derivable(figure):
    rec = recompute(figure, QUESTIONNAIRE, LONG, 4)
    assert not rec.derivable and rec.reason
