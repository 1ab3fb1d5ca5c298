"""The view of a rating question: mean, median, distribution, change, table, figure."""

from __future__ import annotations

from functools import cached_property

import pandas as pd

from analysis import compute, figures, fmt
from analysis.compute.verdict import Verdict, decide
from analysis.display import UNKNOWN, Text, as_text
from analysis.report import evidence, tables
from analysis.report.change_words import whole_clause
from analysis.report.question_view import Key, QuestionView, count_text
from analysis.report.values import printed_change


class RatingView(QuestionView):
    """A 1-5 rating question."""

    @cached_property
    def counts(self) -> pd.DataFrame:
        """Current wave: one row per score (``score``, ``count``, ``n``, ``share``)."""
        return compute.rating_counts(self.wave.long, self.question)

    @property
    def low_label(self) -> Text:
        """Label of the scale's lowest score, e.g. "Svært vanskelig"."""
        return Text(self.question.rating_scale.low_label)

    @property
    def high_label(self) -> Text:
        """Label of the scale's highest score, e.g. "Svært lett"."""
        return Text(self.question.rating_scale.high_label)

    def known(self, year: int | None = None) -> bool:
        """Is every score count of the wave data (always, for a real export)?"""
        wave, question = self._wave(year)
        return all(wave.is_determined(question.id, s) for s in question.rating_scale.points)

    def summary(self, year: int | None = None):
        """``RatingSummary`` (n, mean, median, sd, shares low/mid/high) of one wave."""
        wave, question = self._wave(year)
        return compute.rating_summary(wave.long, question)

    @cached_property
    def comparison(self):
        """Mann-Whitney comparison with the previous wave (``RatingComparison``) or None."""
        if not self.compared:
            return None
        prev_wave, prev_question = self._previous()
        return compute.compare_rating(
            prev_wave.long, self.wave.long, prev_question.id, self.question.id
        )

    def mean(self, year: int | None = None, decimals: int = 2) -> Text:
        """Formatted mean score, e.g. ``"3,99"`` (``"ukjent"`` when the scores are not data)."""
        return fmt.num(self.summary(year).mean, decimals) if self.known(year) else UNKNOWN

    def median(self, year: int | None = None) -> Text:
        """Formatted median score, one decimal as the report prints it (``"4,0"``)."""
        return fmt.num(self.summary(year).median, 1) if self.known(year) else UNKNOWN

    def count_value(self, scores: Key, year: int | None = None) -> int | None:
        """Respondents giving the score(s); None when not data."""
        wave, question = self._wave(year)
        wanted = [scores] if isinstance(scores, int) else list(scores)
        if not all(wave.is_determined(question.id, s) for s in wanted):
            return None
        counts = compute.rating_counts(wave.long, question).set_index("score")["count"]
        return int(counts.loc[wanted].sum())

    def count(self, scores: Key, year: int | None = None, words: bool = False) -> Text:
        """Formatted number of respondents giving the score(s) (or ``"ukjent"``; ``words=True``
        for a count in a sentence: "elleve" below 13)."""
        return count_text(self.count_value(scores, year), words)

    def share(self, scores: Key, year: int | None = None, decimals: int = 0) -> Text:
        """Formatted share of respondents who answered giving the score(s) (or ``"ukjent"``)."""
        n, count = self.n_value(year), self.count_value(scores, year)
        return UNKNOWN if count is None or not n else fmt.pct(count / n, decimals)

    def evidence(self):
        """The :class:`~analysis.compute.verdict.Evidence` of the change in ratings: the
        ordinal test, the whole-distribution test, and the direction only when mean, median
        and top-two share agree (:func:`analysis.report.evidence.whole_evidence`)."""
        return evidence.whole_evidence(self)

    def verdict_word(self) -> Verdict:
        """The rating's verdict in the book's one vocabulary (:class:`Verdict`)."""
        if "_word" not in self.__dict__:
            self.__dict__["_word"] = decide(self.evidence())
        return self.__dict__["_word"]

    def how(self) -> Text:
        """How the distribution moved at its ends, the current share first as everywhere in the
        book, e.g. "flere gir 5 (45 % mot 20 % i 2023), og flere gir 1 eller 2 (13 % mot 3 %)";
        "" when a wave's distribution is not known."""
        a, b = evidence.ordered_counts(self, self.prev_year), evidence.ordered_counts(self)
        if a is None or b is None:
            return Text("")
        top, low = self.question.rating_scale.max, self.question.rating_scale.points[:2]
        parts: list[str] = []
        for what, pick in ((f"{top}", slice(-1, None)), (f"{low[0]} eller {low[1]}", slice(0, 2))):
            sa, sb = sum(a[pick]) / sum(a), sum(b[pick]) / sum(b)
            change = printed_change(sa, sb)
            if change:
                since = "" if parts else f" i {self.prev_year}"
                parts.append(f"{'flere' if change > 0 else 'færre'} gir {what} "
                             f"({fmt.pct(sb)} mot {fmt.pct(sa)}{since})")
        return Text(", og ".join(parts))

    @as_text
    def verdict(self) -> str:
        """One Norwegian clause on the change in ratings: what changed, then how sure we are
        (:func:`analysis.report.change_words.whole_clause`)."""
        word = self.verdict_word()
        group, shift = None, 0.0
        if word is Verdict.COMPOSITION:
            a, b = evidence.ordered_counts(self, self.prev_year), evidence.ordered_counts(self)
            assert a is not None and b is not None  # a composition verdict had both
            _, group, shift = evidence.composition(
                self, sum(b[-2:]) / sum(b) - sum(a[-2:]) / sum(a))
        return whole_clause(word, self.prev_year, True, self.how(), group, shift)

    @as_text
    def conclusion(self, subject: str) -> str:
        """A sentence on whether the ratings as a whole changed, from the question's verdict:
        ``"Vi kan derfor ikke si at tilfredsheten samlet har endret seg."``."""
        word = self.verdict_word()
        if word in (Verdict.HIGHER, Verdict.LOWER, Verdict.SHIFTED):
            return (f"{fmt.upper_first(subject)} har altså endret seg blant dem som svarte, "
                    "mer enn tilfeldigheter gir.")
        if word is Verdict.COMPOSITION:
            return (f"Endringen i {subject} kan likevel skyldes at andre svarte denne gangen.")
        return f"Vi kan derfor ikke si at {subject} samlet har endret seg."

    def table(self):
        """Display table: score, count and share per wave, mean and median below."""
        return tables.rating_table(self)

    def figure(self):
        """Diverging stacked bars, one per wave, mean and median in the labels."""
        by_wave: dict[int | str, pd.DataFrame] = {}
        if self.compared and self.known(self.prev_year):
            prev_wave, prev_question = self._previous()
            by_wave[prev_wave.year] = compute.rating_counts(prev_wave.long, prev_question)
        if self.known():
            by_wave[self.year] = self.counts
        if not by_wave:
            message = "Fordelingen er ikke kjent for noe år"
            return figures.described(figures.no_data(message), f"{message}.")
        table = figures.rating_table(by_wave)
        return figures.described(figures.diverging_ratings(table, self.question.rating_scale),
                                 figures.alt_text_ratings(table, self.question.rating_scale))
