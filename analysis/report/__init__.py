"""What chapters call: the bundle, per-question views, tables, figures and notices.

A chapter's setup cell does ``from analysis import report`` and ``bundle = report.load()``;
everything after that is ``report.view(bundle, "q03").share("Kjenner godt")`` and the like.
Logic lives in the stages (``analysis.compute``, ``analysis.figures`` ...); this package only
puts their results into the shape a chapter shows.
"""

from functools import lru_cache

from analysis import fmt
from analysis.display import Text, text
from analysis.report.change_words import share_clause
from analysis.report.not_asked import asked_marker
from analysis.report.views import ChoiceView, QuestionView, RatingView, view


@lru_cache(maxsize=1)
def load():
    """Load the survey bundle once per process (each chapter runs in its own kernel).

    Under the built-in engine the render has already loaded and validated it once and names
    the stored copy in ``NORCRIN_BUNDLE_CACHE`` (:mod:`analysis.bundle_cache`); otherwise, or
    if that copy cannot be read, the bundle is loaded from the data.
    """
    from analysis import bundle_cache

    cached = bundle_cache.from_env()
    if cached is not None:
        return cached
    from analysis.bundle import load_bundle

    return load_bundle()


__all__ = ["ChoiceView", "QuestionView", "RatingView", "Text", "asked_marker",
           "fmt", "load", "share_clause", "text", "view"]
