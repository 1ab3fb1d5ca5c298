"""What every question's view has: its question, its waves, the number who answered.

:class:`QuestionView` is the base of :class:`~analysis.report.choice_view.ChoiceView` and
:class:`~analysis.report.rating_view.RatingView` (:func:`analysis.report.views.view` picks one).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from analysis import compute, fmt
from analysis.display import UNKNOWN, Text
from analysis.questionnaire import Question
from analysis.questionnaire.compare import comparison_link

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle, Wave

#: How a chapter names an option: its label, its score, or several (their sum).
Key = str | int | Sequence[str | int]


class QuestionView:
    """Base: the question in the current wave and, when asked then too, in the previous one."""

    def __init__(self, bundle: SurveyBundle, qid: str):
        self.bundle = bundle
        self.wave = bundle.current
        self.question: Question = self.wave.questionnaire.question(qid)
        self.prev_wave = bundle.previous
        self.prev_question: Question | None = None
        self.option_map: dict = {}
        #: Why the question is a break in the series (``compare_to.breaks``), or None.
        self.break_reason: str | None = None
        #: Current option label -> why that option is a break in the series.
        self.option_breaks: dict[str, str] = {}
        if self.prev_wave is not None:
            # compare_to of either wave (the new wave's mapping back, or the old one's forward)
            link = comparison_link(self.wave.questionnaire, self.prev_wave.questionnaire, qid)
            if link is not None:
                self.prev_question = self.prev_wave.questionnaire.question(link.previous_id)
                self.option_map = link.option_map
                self.break_reason = link.break_reason
                self.option_breaks = dict(link.option_breaks)

    @property
    def year(self) -> int:
        """The current wave's year."""
        return self.wave.year

    @property
    def prev_year(self) -> int | None:
        """The previous wave's year, when the question was asked then."""
        if self.prev_wave is None or self.prev_question is None:
            return None
        return self.prev_wave.year

    @property
    def text(self) -> Text:
        """The question as the questionnaire words it."""
        return Text(self.question.text)

    @property
    def intro(self) -> Text:
        """The introduction the questionnaire shows before the question ("" when none)."""
        return Text(self.question.intro or "")

    @property
    def headers(self) -> list[Text]:
        """The question's column headers in the export (several for a grid question)."""
        return [Text(h) for h in self.question.headers]

    @property
    def compared(self) -> bool:
        """True when the previous wave asked a comparable question."""
        return self.prev_question is not None

    def n(self, year: int | None = None, words: bool = False) -> Text:
        """Respondents who answered, formatted (``"186"``; ``words=True`` for a count in a
        sentence: "elleve" below 13, :func:`analysis.fmt.number_word`)."""
        return count_text(self.n_value(year), words)

    def n_value(self, year: int | None = None) -> int:
        """Respondents who answered, as a number."""
        wave, question = self._wave(year)
        return compute.respondents_answering(wave.long, question.id)

    def _wave(self, year: int | None) -> tuple[Wave, Question]:
        if year is None or year == self.year:
            return self.wave, self.question
        if self.prev_wave is None or self.prev_question is None or year != self.prev_wave.year:
            raise KeyError(f"{self.question.id} has no comparable question in {year}")
        return self.prev_wave, self.prev_question

    def _previous(self) -> tuple[Wave, Question]:
        """The previous wave and its comparable question, for code that runs only when the
        question is :attr:`compared` (KeyError otherwise, as :meth:`_wave`)."""
        if self.prev_wave is None or self.prev_question is None:
            raise KeyError(f"{self.question.id} has no comparable question in an earlier wave")
        return self.prev_wave, self.prev_question

    def n_chosen(self, year: int | None = None) -> bool:
        """True when the n of the wave is the reconstruction's choice, not pinned down by the
        published figures: the ranges allow more than one n, and the report gives no n for
        the question that equals it (always False for a real export)."""
        wave, question = self._wave(year)
        if wave.is_n_determined(question.id):
            return False
        ledger = self.bundle.ledger
        if ledger is None or not len(ledger):
            return True
        stated = [f.value for f in ledger.about(wave.year, question.number)
                  if f.kind == "n" and f.qualifier is None]
        return self.n_value(year) not in stated


def count_text(count: int | None, words: bool) -> Text:
    """A count for the page: digits, or (``words``) a word below 13; "ukjent" when None."""
    if count is None:
        return UNKNOWN
    return fmt.number_word(count) if words else fmt.num(count)
