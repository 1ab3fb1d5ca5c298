"""Change in a rating question between two survey waves (``a`` = earlier, ``b`` = later)."""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd
from scipy import stats

from analysis.compute.change import is_significant
from analysis.compute.effects import rank_biserial
from analysis.compute.ratings import scores


@dataclass(frozen=True)
class RatingComparison:
    """Mann-Whitney U test of a rating between two waves.

    ``u_statistic`` is U of wave b; ``rank_biserial`` is positive when wave b rated higher
    (−1..1; about 0.1 small, 0.3 medium, 0.5 large). Ratings are ordinal, so the test
    compares whole distributions rather than means; means are given because the published
    reports quote them. A rating question is one test, a family of one: its Holm-adjusted
    p-value (``p_holm``) is ``p_value`` itself.
    """

    n_a: int
    n_b: int
    mean_a: float
    mean_b: float
    median_a: float
    median_b: float
    u_statistic: float
    p_value: float
    rank_biserial: float
    significant: bool

    @property
    def p_holm(self) -> float:
        """Holm within the question's family of one test: the raw p-value."""
        return self.p_value


def compare_rating(
    long_a: pd.DataFrame, long_b: pd.DataFrame, qid_a: str, qid_b: str
) -> RatingComparison:
    """Compare the scores of a rating question between two waves (two-sided Mann-Whitney U).

    Parameters
    ----------
    long_a, long_b : pandas.DataFrame
        Answers of the earlier and later wave (see :mod:`analysis.compute.counts`).
    qid_a, qid_b : str
        The question id in each wave.

    Returns
    -------
    RatingComparison
        Test statistic, p-value, effect size and means/medians per wave; NaN test fields
        when a wave has no scores.

    Raises
    ------
    ValueError
        If a respondent has two scores for the question.

    Examples
    --------
    >>> a = pd.DataFrame({"respondent": [1, 2], "question": "q05",
    ...                   "score": pd.array([1, 2], dtype="Int64")})
    >>> b = pd.DataFrame({"respondent": [1, 2], "question": "q05",
    ...                   "score": pd.array([3, 4], dtype="Int64")})
    >>> compare_rating(a, b, "q05", "q05").rank_biserial
    1.0
    """
    x_a, x_b = scores(long_a, qid_a), scores(long_b, qid_b)
    n_a, n_b = len(x_a), len(x_b)
    if n_a and n_b:
        result = stats.mannwhitneyu(x_b, x_a, alternative="two-sided")
        u, p = float(result.statistic), float(result.pvalue)
    else:
        u = p = math.nan
    return RatingComparison(
        n_a=n_a, n_b=n_b,
        mean_a=float(x_a.mean()) if n_a else math.nan,
        mean_b=float(x_b.mean()) if n_b else math.nan,
        median_a=float(x_a.median()) if n_a else math.nan,
        median_b=float(x_b.median()) if n_b else math.nan,
        u_statistic=u, p_value=p, rank_biserial=rank_biserial(u, n_b, n_a),
        significant=is_significant(p),
    )
