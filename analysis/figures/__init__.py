"""Figures of the book: one seaborn/matplotlib look, Norwegian axes, deterministic files.

Every plot function returns a :class:`matplotlib.figure.Figure` (not attached to pyplot, so
figures never leak between chapter cells); ``alt_text_*`` give a matching factual sentence.
"""

from analysis.figures.bars import alt_text_choice_bars, choice_bars, choice_table, comparison_table
from analysis.figures.described import DescribedFigure, described
from analysis.figures.placeholder import no_data
from analysis.figures.ratings import alt_text_ratings, diverging_ratings, rating_table
from analysis.figures.style import OKABE_ITO, apply_style, percent_axis, wave_colours
from analysis.figures.timeseries import (
    alt_text_regions,
    alt_text_respondents,
    regions_over_time,
    respondents_over_time,
)

__all__ = [
    "OKABE_ITO", "DescribedFigure", "described", "no_data", "alt_text_choice_bars",
    "alt_text_ratings", "alt_text_regions",
    "alt_text_respondents", "apply_style", "choice_bars", "choice_table", "comparison_table",
    "diverging_ratings", "percent_axis", "rating_table", "regions_over_time",
    "respondents_over_time", "wave_colours",
]
