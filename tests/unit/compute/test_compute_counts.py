"""Counts and rating summaries of one wave, on frames written by hand."""

import math

import pandas as pd
import pytest

from analysis.compute import (
    choice_counts,
    rating_counts,
    rating_summary,
    respondents_answering,
)
from analysis.questionnaire.schema import Option, Question, RatingScale

MULTI = Question(
    id="q02", number=2, text="Hva har du brukt?", type="multiple",
    options=[Option(label="Alfa"), Option(label="Beta", short="B"),
             Option(label="Gamma"), Option(label="Annet", other=True)],
)
RATING = Question(
    id="q05", number=5, text="Hvor lett?", type="rating",
    scale=RatingScale(min=1, max=5, low_label="Svært vanskelig", high_label="Svært lett"),
)


def _long(rows):
    frame = pd.DataFrame(rows, columns=["respondent", "question", "option", "score", "text"])
    frame["respondent"] = frame["respondent"].astype("int64")
    frame["score"] = frame["score"].astype("Int64")
    return frame


NA = pd.NA
SIX_ROWS = _long(
    [
        (1, "q02", "Alfa", NA, NA),
        (1, "q02", "Beta", NA, NA),
        (2, "q02", "Alfa", NA, NA),
        (3, "q02", "Annet", NA, "Egen løsning"),
        (3, "q02", "Annet", NA, "Egen løsning"),  # a duplicated export row counts once
        (4, "q03", "Alfa", NA, NA),  # another question
    ]
)


def test_respondents_answering():
    assert respondents_answering(SIX_ROWS, "q02") == 3
    assert respondents_answering(SIX_ROWS, "q03") == 1
    assert respondents_answering(SIX_ROWS, "q09") == 0


def test_choice_counts_by_hand():
    table = choice_counts(SIX_ROWS, MULTI)
    assert table["option"].tolist() == ["Alfa", "Beta", "Gamma", "Annet"]
    assert table["label"].tolist() == ["Alfa", "B", "Gamma", "Annet"]
    assert table["count"].tolist() == [2, 1, 0, 1]
    assert table["n"].tolist() == [3, 3, 3, 3]
    assert table["share"].tolist() == pytest.approx([2 / 3, 1 / 3, 0, 1 / 3])
    # multiple choice: shares are of respondents and may sum past 1
    assert table["share"].sum() > 1
    assert (table["ci_low"] <= table["share"]).all()
    assert (table["share"] <= table["ci_high"]).all()


def test_choice_counts_unknown_label_and_wrong_type_raise():
    bad = _long([(1, "q02", "Delta", NA, NA)])
    with pytest.raises(ValueError, match="Delta"):
        choice_counts(bad, MULTI)
    with pytest.raises(ValueError, match="not a choice"):
        choice_counts(SIX_ROWS, RATING)


def test_choice_counts_with_no_answers_has_nan_shares():
    table = choice_counts(SIX_ROWS.iloc[0:0], MULTI)
    assert table["count"].tolist() == [0, 0, 0, 0]
    assert table["share"].isna().all()


RATINGS = _long([(r, "q05", NA, s, NA) for r, s in enumerate([1, 2, 3, 4, 5, 5], start=1)])


def test_rating_counts_by_hand():
    table = rating_counts(RATINGS, RATING)
    assert table["score"].tolist() == [1, 2, 3, 4, 5]
    assert table["count"].tolist() == [1, 1, 1, 1, 2]
    assert table["n"].unique().tolist() == [6]
    assert table["share"].tolist() == pytest.approx([1 / 6] * 4 + [2 / 6])


def test_rating_summary_by_hand():
    s = rating_summary(RATINGS, RATING)
    assert s.n == 6
    assert s.mean == pytest.approx(20 / 6)
    assert s.median == 3.5
    # squared deviations from 10/3 sum to 40/3; divided by n - 1 = 5 -> 8/3
    assert s.sd == pytest.approx(math.sqrt(8 / 3))
    assert (s.share_low, s.share_mid, s.share_high) == pytest.approx((2 / 6, 1 / 6, 3 / 6))


def test_even_scale_has_no_midpoint_share():
    even = Question(id="q06", number=6, text="?", type="rating",
                    scale=RatingScale(min=1, max=4, low_label="lav", high_label="høy"))
    long = _long([(1, "q06", NA, 2, NA), (2, "q06", NA, 3, NA)])
    s = rating_summary(long, even)
    assert (s.share_low, s.share_mid, s.share_high) == (0.5, 0.0, 0.5)


def test_rating_counts_rejects_out_of_scale_and_double_scores():
    with pytest.raises(ValueError, match="outside"):
        rating_counts(_long([(1, "q05", NA, 7, NA)]), RATING)
    with pytest.raises(ValueError, match="more than one"):
        rating_counts(_long([(1, "q05", NA, 2, NA), (1, "q05", NA, 3, NA)]), RATING)
