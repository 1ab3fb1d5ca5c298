"""What a chapter says about one question: values for the prose, a table and a figure.

A view is built once per question from the bundle and answers the chapter's questions:
``view.share("Kjenner godt")`` -> ``"42 %"``, ``view.change(...)`` -> ``"+9 prosentpoeng"``,
``view.verdict(...)`` -> a clause that says in plain words what changed and how sure we are,
never more than the Holm-adjusted test supports. Values stay numbers (``share_value``,
``change_points``, the ``comparison`` frame) until the last step formats them
(:mod:`analysis.report.values`, :mod:`analysis.fmt`); a printed change is always the difference
of the two printed shares.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from analysis import compute, figures, fmt
from analysis.display import UNKNOWN, Text, as_text, is_missing
from analysis.questionnaire import Question, QuestionType
from analysis.questionnaire.compare import comparison_link
from analysis.report import tables
from analysis.report.values import points_text, printed_change, size_text

if TYPE_CHECKING:
    from analysis.report.not_asked import NotAskedView

Key = str | int | Sequence[str | int]


class QuestionView:
    """Base: the question in the current wave and, when asked then too, in the previous one."""

    def __init__(self, bundle, qid: str):
        self.bundle = bundle
        self.wave = bundle.current
        self.question: Question = self.wave.questionnaire.question(qid)
        self.prev_wave = bundle.previous
        self.prev_question: Question | None = None
        self.option_map: dict = {}
        if self.prev_wave is not None:
            # compare_to of either wave (the new wave's mapping back, or the old one's forward)
            link = comparison_link(self.wave.questionnaire, self.prev_wave.questionnaire, qid)
            if link is not None:
                self.prev_question = self.prev_wave.questionnaire.question(link.previous_id)
                self.option_map = link.option_map

    @property
    def year(self) -> int:
        """The current wave's year."""
        return self.wave.year

    @property
    def prev_year(self) -> int | None:
        """The previous wave's year, when the question was asked then."""
        return self.prev_wave.year if self.prev_question is not None else None

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
        return _count_text(self.n_value(year), words)

    def n_value(self, year: int | None = None) -> int:
        """Respondents who answered, as a number."""
        wave, question = self._wave(year)
        return compute.respondents_answering(wave.long, question.id)

    def _wave(self, year: int | None):
        if year is None or year == self.year:
            return self.wave, self.question
        if self.prev_question is None or year != self.prev_wave.year:
            raise KeyError(f"{self.question.id} has no comparable question in {year}")
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


class ChoiceView(QuestionView):
    """A single- or multiple-choice question (shares are of respondents who answered).

    With reconstructed data, an option whose count the published figures do not pin down is
    *unknown*: its values read "ukjent", it gets no test, and figures leave it out.
    """

    def prev_asked(self, label: str) -> bool:
        """Did the previous questionnaire have an option that maps onto this one?"""
        if not self.compared:
            return False
        return any(self.option_map.get(o.label, o.label) == label
                   for o in self.prev_question.options)

    def known(self, label: str, year: int | None = None) -> bool:
        """Is the option's count data (always, for a real export)?"""
        if year is None or year == self.year:
            return self.wave.is_determined(self.question.id, label)
        self._wave(year)
        sources = [a for a in (o.label for o in self.prev_question.options)
                   if self.option_map.get(a, a) == label]
        return bool(sources) and all(
            self.prev_wave.is_determined(self.prev_question.id, a) for a in sources
        )

    @cached_property
    def counts(self) -> pd.DataFrame:
        """Current wave: one row per option (``label``, ``count``, ``n``, ``share``, CIs,
        ``known``)."""
        counts = compute.choice_counts(self.wave.long, self.question)
        return counts.assign(known=[self.known(o) for o in counts["option"]])

    @cached_property
    def comparison(self) -> pd.DataFrame | None:
        """Previous vs current wave, one row per current option (see ``compare_choice``);
        values of unknown options are NaN and their ``significant`` is False. Holm's adjustment
        (``p_holm``) runs over the options tested, i.e. known in both waves."""
        if not self.compared:
            return None
        frame = compute.compare_choice(
            self.prev_wave.long, self.wave.long, self.prev_question, self.question, self.option_map
        )
        known_a = frame["option"].map(lambda o: self.known(o, self.prev_year))
        known_b = frame["option"].map(self.known)
        cols_a = [c for c in frame.columns if c.endswith("_a") and c != "n_a"]
        cols_b = [c for c in frame.columns if c.endswith("_b") and c != "n_b"]
        tests = [c for c in ("diff", "p_value", "p_holm", "cohen_h") if c in frame.columns]
        frame = frame.copy()
        frame.loc[~known_a, cols_a + tests] = float("nan")
        frame.loc[~known_b, cols_b + tests] = float("nan")
        return compute.adjust_within_question(frame)

    def _labels(self, key: Key) -> list[str]:
        keys = [key] if isinstance(key, str | int) else list(key)
        labels = []
        for k in keys:
            for opt in self.question.options:
                if k in (opt.label, opt.short):
                    labels.append(opt.label)
                    break
            else:
                known = ", ".join(repr(o.display) for o in self.question.options)
                raise KeyError(f"{self.question.id} has no option {k!r}; options: {known}")
        return labels

    def label(self, key: str | int) -> Text:
        """The option's wording in the questionnaire (looked up by label or short label), for
        prose that names it: a label is data and keeps the questionnaire's spelling."""
        (label,) = self._labels(key)
        return Text(label)

    def count_value(self, key: Key, year: int | None = None) -> int | None:
        """Answers choosing the option(s) (summed over several); None when unknown."""
        labels = self._labels(key)
        if not all(self.known(label, year) for label in labels):
            return None
        if year is None or year == self.year:
            return int(self.counts.set_index("option").loc[labels, "count"].sum())
        self._wave(year)
        frame = self.comparison.set_index("option").loc[labels, "count_a"]
        if frame.isna().any():
            raise KeyError(f"{self.question.id}: {labels} not comparable with {year}")
        return int(frame.sum())

    def share_value(self, key: Key, year: int | None = None) -> float:
        """Share (0-1) of respondents who answered that chose the option(s); NaN if unknown."""
        n, count = self.n_value(year), self.count_value(key, year)
        return count / n if n and count is not None else float("nan")

    def count(self, key: Key, year: int | None = None, words: bool = False) -> Text:
        """Formatted count, e.g. ``"75"`` (``"ukjent"`` when not data; ``words=True`` for a
        count in a sentence: "tre" below 13)."""
        return _count_text(self.count_value(key, year), words)

    def share(self, key: Key, year: int | None = None, decimals: int = 0) -> Text:
        """Formatted share of respondents who answered, e.g. ``"42 %"`` (or ``"ukjent"``)."""
        value = self.share_value(key, year)
        return UNKNOWN if is_missing(value) else fmt.pct(value, decimals)

    def change_points(self, key: Key) -> Decimal | None:
        """Change since the previous wave in percentage points *as printed*: the difference of
        the two printed shares (None when either is unknown)."""
        return printed_change(self.share_value(key, self.prev_year), self.share_value(key))

    def change(self, key: Key) -> Text:
        """Change in share from the previous wave, e.g. ``"+21 prosentpoeng"`` (or ``"ukjent"``);
        always the difference of the two shares as :meth:`share` prints them."""
        points = self.change_points(key)
        return UNKNOWN if points is None else points_text(points)

    def test(self, key: str | int) -> pd.Series:
        """The comparison row of one option: shares, ``diff``, ``p_value``, ``p_holm``,
        ``significant``."""
        (label,) = self._labels(key)
        return self.comparison.set_index("option").loc[label]

    @as_text
    def verdict(self, key: str | int) -> Text:
        """One Norwegian clause on the change: its direction and size as printed and, in the
        same clause, how sure we are (Fisher's exact test, Holm within the question)."""
        row = self.test(key)
        if row["diff"] != row["diff"]:
            return f"endringen fra {self.prev_year} kan ikke vurderes fordi tallene ikke er kjent"
        return change_clause(row["share_a"], row["share_b"], bool(row["significant"]))

    @as_text
    def shift(self, key: str | int) -> Text:
        """The change as printed, without a test: e.g. "en økning på 20 prosentpoeng". For
        who answered (role, region): the composition of a self-selected sample is described,
        not tested (see the box «Slik leser du tallene»)."""
        points = self.change_points(key)
        if points is None:
            return f"endringen fra {self.prev_year} er ikke kjent"
        if points == 0:
            return "ingen endring"
        return f"{'en økning' if points > 0 else 'en nedgang'} på {size_text(points)}"

    def overall(self):
        """Chi-square (or exact) test of the whole distribution; single choice only. Not part
        of the book's testing policy (which tests options and ratings); kept for analysts."""
        return compute.overall_choice_test(
            self.prev_wave.long, self.wave.long, self.prev_question, self.question,
            self.option_map,
        )

    def table(self, known_only: bool = False, tested: bool = True):
        """Display table: option, count, share and interval per wave, change and p-values
        (``known_only``: leave out options whose current count the published figures do not
        determine; ``tested=False``: no p-value columns, for who answered)."""
        return tables.choice_table(self, known_only, tested)

    def figure(self):
        """Horizontal bars, previous wave beside the current one when comparable.

        Options with no known value in any wave carry no information and are left out; one
        known in only one wave keeps an "ingen tall" marker for the other.
        """
        if self.compared:
            table = figures.comparison_table(self.comparison, self.prev_year, self.year)
            new = set(self.comparison.loc[~self.comparison["option"].map(self.prev_asked),
                                          "label"])
            table["note"] = [f"uten motstykke i {self.prev_year}"
                             if w == self.prev_year and lb in new else None
                             for lb, w in zip(table["label"], table["wave"], strict=True)]
        else:
            counts = self.counts.copy()
            counts.loc[~counts["known"], ["count", "share"]] = float("nan")
            table = figures.choice_table({self.year: counts})
        informative = table.groupby("label", sort=False)["share"].transform(
            lambda shares: shares.notna().any())
        if informative.any():
            table = table[informative]
        return figures.choice_bars(table)

    def ticks(self, year: int | None = None) -> Text:
        """Options ticked in all (multiple choice: more than the respondents), formatted."""
        wave, question = self._wave(year)
        return fmt.num(int(compute.choice_counts(wave.long, question)["count"].sum()))

    def unnamed(self) -> list:
        """Options whose wording the source does not give (labels saying "ukjent")."""
        return [o for o in self.question.options if "ukjent" in o.label.lower()]

    def labels(self, known: bool = True, lower: bool = False) -> list[str]:
        """Display labels of the named options whose current count is (or is not) known.

        ``lower=True`` lower-cases first letters for use mid-sentence (abbreviations kept).
        """
        unnamed = {o.label for o in self.unnamed()}
        out = [o.display for o in self.question.options
               if o.label not in unnamed and self.known(o.label) == known]
        return [fmt.lower_first(x) for x in out] if lower else out

    def top(self, k: int = 1) -> list[str]:
        """Display labels of the k most chosen known options (ties in questionnaire order)."""
        known = self.counts[self.counts["known"]]
        ordered = known.sort_values("count", ascending=False, kind="stable")
        return ordered["label"].head(k).tolist()


class RatingView(QuestionView):
    """A 1-5 rating question."""

    @cached_property
    def counts(self) -> pd.DataFrame:
        """Current wave: one row per score (``score``, ``count``, ``n``, ``share``)."""
        return compute.rating_counts(self.wave.long, self.question)

    @property
    def low_label(self) -> Text:
        """Label of the scale's lowest score, e.g. "Svært vanskelig"."""
        return Text(self.question.scale.low_label)

    @property
    def high_label(self) -> Text:
        """Label of the scale's highest score, e.g. "Svært lett"."""
        return Text(self.question.scale.high_label)

    def known(self, year: int | None = None) -> bool:
        """Is every score count of the wave data (always, for a real export)?"""
        wave, question = self._wave(year)
        return all(wave.is_determined(question.id, s) for s in question.scale.points)

    def summary(self, year: int | None = None):
        """``RatingSummary`` (n, mean, median, sd, shares low/mid/high) of one wave."""
        wave, question = self._wave(year)
        return compute.rating_summary(wave.long, question)

    @cached_property
    def comparison(self):
        """Mann-Whitney comparison with the previous wave (``RatingComparison``) or None."""
        if not self.compared:
            return None
        return compute.compare_rating(
            self.prev_wave.long, self.wave.long, self.prev_question.id, self.question.id
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
        return _count_text(self.count_value(scores, year), words)

    def share(self, scores: Key, year: int | None = None, decimals: int = 0) -> Text:
        """Formatted share of respondents who answered giving the score(s) (or ``"ukjent"``)."""
        n, count = self.n_value(year), self.count_value(scores, year)
        return UNKNOWN if count is None or not n else fmt.pct(count / n, decimals)

    @as_text
    def verdict(self) -> Text:
        """One Norwegian clause on the change in ratings: direction and certainty together
        (Mann-Whitney U; the p-value is in the tables, not the sentence)."""
        if not (self.known() and self.known(self.prev_year)):
            return (f"endringen fra {self.prev_year} kan ikke testes fordi fordelingen ikke er "
                    "kjent i begge år")
        return rating_clause(self.comparison, self.prev_year)

    @as_text
    def conclusion(self, subject: str) -> Text:
        """A sentence on whether the ratings as a whole changed, from the rank test only:
        ``"Vi kan derfor ikke si at tilfredsheten samlet har endret seg."``."""
        if self.comparison is None or not self.comparison.significant:
            return f"Vi kan derfor ikke si at {subject} samlet har endret seg."
        return f"{fmt.upper_first(subject)} samlet har altså endret seg."

    def table(self):
        """Display table: score, count and share per wave, mean and median below."""
        return tables.rating_table(self)

    def figure(self):
        """Diverging stacked bars, one per wave, mean and median in the labels."""
        by_wave = {}
        if self.compared and self.known(self.prev_year):
            by_wave[self.prev_year] = compute.rating_counts(self.prev_wave.long, self.prev_question)
        if self.known():
            by_wave[self.year] = self.counts
        if not by_wave:
            return figures.no_data("Fordelingen er ikke kjent for noe år")
        return figures.diverging_ratings(figures.rating_table(by_wave), self.question.scale)


def _count_text(count: int | None, words: bool) -> Text:
    """A count for the page: digits, or (``words``) a word below 13; "ukjent" when None."""
    if count is None:
        return UNKNOWN
    return fmt.number_word(count) if words else fmt.num(count)


#: How sure the verdicts are, in plain words (defined in the box «Slik leser du tallene»).
LIKELY_REAL = "og den er trolig reell"
MAY_BE_CHANCE = "men den kan skyldes tilfeldigheter"


@as_text
def change_clause(share_a: float, share_b: float, significant: bool) -> Text:
    """Norwegian clause for one change in share, direction and certainty in one: e.g. "en
    økning på 21 prosentpoeng, og den er trolig reell" or "en nedgang på 5 prosentpoeng, men
    den kan skyldes tilfeldigheter".

    The size is the difference of the printed shares (:func:`printed_change`), so a change
    that prints as zero is "ingen endring" rather than "en nedgang på 0". ``significant`` is
    the Holm-adjusted test's flag.

    Examples
    --------
    >>> change_clause(0.574, 0.776, True).replace("\xa0", " ")
    'en økning på 21 prosentpoeng, og den er trolig reell'
    >>> change_clause(0.354, 0.156, False).replace("\xa0", " ")
    'en nedgang på 19 prosentpoeng, men den kan skyldes tilfeldigheter'
    >>> change_clause(0.501, 0.497, False)
    'ingen endring'
    """
    points = printed_change(share_a, share_b)
    if points is None:
        raise ValueError("change_clause needs two shares")
    if points == 0:
        return "ingen endring"
    word = "en økning" if points > 0 else "en nedgang"
    return f"{word} på {size_text(points)}, {LIKELY_REAL if significant else MAY_BE_CHANCE}"


@as_text
def rating_clause(comparison, prev_year: int) -> Text:
    """Norwegian clause on a rating's change from ``prev_year`` (a ``RatingComparison``):
    which way the ratings moved and, in the same clause, how sure we are.

    Examples
    --------
    >>> from types import SimpleNamespace as C
    >>> rating_clause(C(rank_biserial=0.2, significant=True), 2023)
    'vurderingene er høyere enn i 2023, og forskjellen er trolig reell'
    >>> rating_clause(C(rank_biserial=-0.05, significant=False), 2023)
    'forskjellen fra 2023 går i retning av lavere vurderinger, men den kan skyldes tilfeldigheter'
    """
    r = comparison.rank_biserial
    if r != r or r == 0:
        return f"vurderingene er omtrent som i {prev_year}"
    direction = "høyere" if r > 0 else "lavere"
    if comparison.significant:
        return f"vurderingene er {direction} enn i {prev_year}, og forskjellen er trolig reell"
    return (f"forskjellen fra {prev_year} går i retning av {direction} vurderinger, men den "
            "kan skyldes tilfeldigheter")


def view(bundle, qid: str) -> QuestionView | NotAskedView:
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
