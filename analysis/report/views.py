"""What a chapter says about one question: values for the prose, a table and a figure.

A view is built once per question from the bundle and answers the chapter's questions:
``view.share("Kjenner godt")`` -> ``"42 %"``, ``view.change(...)`` -> ``"+9 prosentpoeng"``,
``view.verdict(...)`` -> a clause that says in plain words what changed and how sure we are,
never more than the question's test supports (:mod:`analysis.report.evidence`,
:mod:`analysis.compute.verdict`). Values stay numbers (``share_value``,
``change_points``, the ``comparison`` frame) until the last step formats them
(:mod:`analysis.report.values`, :mod:`analysis.fmt`); a printed change is always the difference
of the two printed shares.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.questionnaire import QuestionType
from analysis.report.choice_view import ChoiceView
from analysis.report.question_view import QuestionView
from analysis.report.rating_view import RatingView

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle
    from analysis.report.not_asked import NotAskedView

__all__ = ["ChoiceView", "QuestionView", "RatingView", "view"]


def view(bundle: SurveyBundle, qid: str) -> ChoiceView | RatingView | NotAskedView:
    """The right view for a question: :class:`ChoiceView` or :class:`RatingView`.

    Examples
    --------
    >>> from analysis.report import load
    >>> view(load(), "q03").share("Kjenner godt")  # doctest: +SKIP
    '42 %'

    A question an earlier wave asked and the current one did not gets a
    :class:`~analysis.report.not_asked.NotAskedView` (its chapter section is left out).
    """
    if all(q.id != qid for q in bundle.current.questionnaire.questions):
        from analysis.report.not_asked import NotAskedView, questions_not_asked_now

        if qid in questions_not_asked_now(bundle):
            return NotAskedView(bundle, qid)
    question = bundle.current.questionnaire.question(qid)
    if question.type is QuestionType.RATING:
        return RatingView(bundle, qid)
    if question.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        return ChoiceView(bundle, qid)
    raise TypeError(f"{qid} is free text: use analysis.report.free_text")
