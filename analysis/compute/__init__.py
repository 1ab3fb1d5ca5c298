"""Counts, shares, confidence intervals, tests and effect sizes of survey answers.

All functions take the reader's ``long`` answers frame (one row per respondent x question x
answer element) and questionnaire :class:`~analysis.questionnaire.schema.Question` objects.
"""

from analysis.compute.change import (
    adjust_within_question,
    compare_choice,
    holm,
)
from analysis.compute.counts import choice_counts, chosen_options, respondents_answering
from analysis.compute.effects import rank_biserial
from analysis.compute.intervals import wilson
from analysis.compute.rating_change import RatingComparison, compare_rating
from analysis.compute.ratings import (
    RatingSummary,
    rating_counts,
    rating_summary,
    scores,
    summarise_counts,
)

__all__ = [
    "RatingComparison", "RatingSummary", "adjust_within_question", "choice_counts",
    "chosen_options",
    "compare_choice", "compare_rating", "holm",
    "rank_biserial", "rating_counts", "rating_summary", "respondents_answering", "scores",
    "summarise_counts", "wilson",
]
