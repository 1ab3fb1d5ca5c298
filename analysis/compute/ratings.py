"""Distribution and summary of a rating question (e.g. 1-5) in one wave.

``long`` is the reader's answers frame (see :mod:`analysis.compute.counts`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from analysis.questionnaire.schema import Question, QuestionType, RatingScale


def scores(long: pd.DataFrame, qid: str) -> pd.Series:
    """Scores given to question ``qid``, one per respondent.

    Returns
    -------
    pandas.Series
        Index ``respondent``, values int64 scores, sorted by respondent.

    Raises
    ------
    ValueError
        If a respondent has more than one score for the question.

    Examples
    --------
    >>> long = pd.DataFrame({"respondent": [2, 1], "question": "q05",
    ...                      "score": pd.array([4, 5], dtype="Int64")})
    >>> scores(long, "q05").tolist()
    [5, 4]
    """
    rows = long.loc[(long["question"] == qid) & long["score"].notna(), ["respondent", "score"]]
    twice = rows["respondent"][rows["respondent"].duplicated()].unique().tolist()
    if twice:
        raise ValueError(f"{qid}: respondents with more than one score: {twice}")
    return rows.set_index("respondent")["score"].astype("int64").sort_index()


def _rating_question(question: Question) -> RatingScale:
    if question.type is not QuestionType.RATING or question.scale is None:
        raise ValueError(f"{question.id} is a {question.type.value} question, not a rating")
    return question.scale


def rating_counts(long: pd.DataFrame, question: Question) -> pd.DataFrame:
    """Respondents giving each score of a rating question.

    Returns
    -------
    pandas.DataFrame
        Row grain: one score of the scale, lowest first, including scores nobody gave.
        Columns ``score``, ``count``, ``n`` (respondents who gave a score) and ``share``
        (``count / n``, NaN when ``n == 0``).

    Raises
    ------
    ValueError
        If the question is not a rating, a score lies outside the scale, or a respondent
        has two scores.

    Examples
    --------
    >>> from analysis.questionnaire.schema import RatingScale
    >>> q = Question(id="q05", number=5, text="?", type="rating",
    ...              scale=RatingScale(min=1, max=3, low_label="lav", high_label="høy"))
    >>> long = pd.DataFrame({"respondent": [1, 2], "question": "q05",
    ...                      "score": pd.array([3, 3], dtype="Int64")})
    >>> rating_counts(long, q)["count"].tolist()
    [0, 0, 2]
    """
    scale = _rating_question(question)
    given = scores(long, question.id)
    outside = sorted(set(given) - set(scale.points))
    if outside:
        raise ValueError(f"{question.id}: scores outside {scale.min}-{scale.max}: {outside}")
    n = len(given)
    counts = given.value_counts().reindex(scale.points, fill_value=0).to_numpy(dtype="int64")
    return pd.DataFrame(
        {
            "score": scale.points,
            "count": counts,
            "n": n,
            "share": counts / n if n else np.full(len(counts), np.nan),
        }
    )


@dataclass(frozen=True)
class RatingSummary:
    """Summary of one rating question in one wave.

    ``share_low`` / ``share_mid`` / ``share_high`` are the shares of respondents below, at
    and above the scale's midpoint ``(min + max) / 2`` (``share_mid`` is 0 on an even scale).
    ``sd`` is the sample standard deviation (ddof = 1; NaN for n < 2).
    """

    n: int
    mean: float
    median: float
    sd: float
    share_low: float
    share_mid: float
    share_high: float


def summarise_counts(counts: pd.DataFrame, scale: RatingScale) -> RatingSummary:
    """Summarise a score distribution given as counts (frame with ``score`` and ``count``).

    Working from counts lets figures and published tables (which give only counts) use the
    same code as respondent-level data.

    Examples
    --------
    >>> from analysis.questionnaire.schema import RatingScale
    >>> s = RatingScale(min=1, max=5, low_label="lav", high_label="høy")
    >>> summarise_counts(pd.DataFrame({"score": [1, 3, 5], "count": [1, 1, 2]}), s).mean
    3.5
    """
    values = np.repeat(counts["score"].to_numpy(dtype=float), counts["count"].to_numpy(int))
    n = len(values)
    if n == 0:
        return RatingSummary(0, *([math.nan] * 6))
    mid = (scale.min + scale.max) / 2
    return RatingSummary(
        n=n,
        mean=float(values.mean()),
        median=float(np.median(values)),
        sd=float(values.std(ddof=1)) if n > 1 else math.nan,
        share_low=float((values < mid).mean()),
        share_mid=float((values == mid).mean()),
        share_high=float((values > mid).mean()),
    )


def rating_summary(long: pd.DataFrame, question: Question) -> RatingSummary:
    """Summary (n, mean, median, sd, shares below/at/above the midpoint) of a rating question.

    Raises
    ------
    ValueError
        As :func:`rating_counts`.
    """
    return summarise_counts(rating_counts(long, question), _rating_question(question))
