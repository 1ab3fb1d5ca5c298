"""The view of a single- or multiple-choice question: shares, changes, verdicts, table, figure."""

from __future__ import annotations

from decimal import Decimal
from functools import cached_property

import pandas as pd

from analysis import compute, figures, fmt
from analysis.compute.verdict import Verdict, decide, newcombe
from analysis.display import UNKNOWN, Text, as_text, is_missing
from analysis.report import evidence, tables
from analysis.report.change_words import interval_text, share_clause, whole_clause
from analysis.report.question_view import Key, QuestionView, count_text
from analysis.report.values import points_text, printed_change, size_text


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
                   for o in self._previous()[1].options)

    def known(self, label: str, year: int | None = None) -> bool:
        """Is the option's count data (always, for a real export)?"""
        if year is None or year == self.year:
            return self.wave.is_determined(self.question.id, label)
        prev_wave, prev_question = self._wave(year)
        sources = [a for a in (o.label for o in prev_question.options)
                   if self.option_map.get(a, a) == label]
        return bool(sources) and all(
            prev_wave.is_determined(prev_question.id, a) for a in sources
        )

    @cached_property
    def counts(self) -> pd.DataFrame:
        """Current wave: one row per option (``label``, ``count``, ``n``, ``share``, CIs,
        ``known``)."""
        counts = compute.choice_counts(self.wave.long, self.question)
        return counts.assign(known=[self.known(o) for o in counts["option"]])

    def _compared(self) -> pd.DataFrame:
        """:attr:`comparison`, for code that runs only when the question is compared."""
        frame = self.comparison
        if frame is None:
            raise KeyError(f"{self.question.id} has no comparable question in an earlier wave")
        return frame

    @cached_property
    def comparison(self) -> pd.DataFrame | None:
        """Previous vs current wave, one row per current option (see ``compare_choice``);
        values of unknown options are NaN and their ``significant`` is False. Holm's adjustment
        (``p_holm``) runs over the options tested, i.e. known in both waves."""
        if not self.compared:
            return None
        prev_wave, prev_question = self._previous()
        frame = compute.compare_choice(
            prev_wave.long, self.wave.long, prev_question, self.question, self.option_map
        )
        known_a = frame["option"].map(lambda o: self.known(o, self.prev_year))
        known_b = frame["option"].map(self.known)
        cols_a = [c for c in frame.columns if c.endswith("_a") and c != "n_a"]
        cols_b = [c for c in frame.columns if c.endswith("_b") and c != "n_b"]
        tests = [c for c in ("diff", "p_value", "p_holm") if c in frame.columns]
        frame = frame.copy()
        frame.loc[~known_a, cols_a + tests] = float("nan")
        frame.loc[~known_b, cols_b + tests] = float("nan")
        untested = frame["option"].map(lambda o: evidence.option_break(self, o) is not None)
        if evidence.kind(self) == "ordered":  # the question's test decides, not the options'
            untested[:] = True
        frame.loc[untested, "p_value"] = float("nan")
        frame = compute.adjust_within_question(frame)
        if evidence.kind(self) == "binary":  # two options, one hypothesis: no Holm
            frame["p_holm"] = frame["p_value"]
            frame["significant"] = [compute.change.is_significant(p) for p in frame["p_holm"]]
        bounds = [newcombe(r.count_a, r.n_a, r.count_b, r.n_b) if r.diff == r.diff
                  else (float("nan"), float("nan")) for r in frame.itertuples()]
        frame["diff_low"] = [lo for lo, _ in bounds]
        frame["diff_high"] = [hi for _, hi in bounds]
        return frame

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
        frame = self._compared().set_index("option").loc[labels, "count_a"]
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
        return count_text(self.count_value(key, year), words)

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
        return self._compared().set_index("option").loc[label]

    def evidence(self, key: str | int):
        """The :class:`~analysis.compute.verdict.Evidence` of the option's change (the item
        type's rule, :mod:`analysis.report.evidence`)."""
        (label,) = self._labels(key)
        return evidence.option_evidence(self, label)

    def verdict_word(self, key: str | int) -> Verdict:
        """The option's verdict in the book's one vocabulary (:class:`Verdict`)."""
        (label,) = self._labels(key)
        words = self.__dict__.setdefault("_words", {})
        if label not in words:
            words[label] = decide(self.evidence(key))
        return words[label]

    def change_interval(self, key: str | int) -> tuple[float, float]:
        """95 % Newcombe interval of the option's change (0-1 scale, later − earlier)."""
        row = self.test(key)
        return float(row["diff_low"]), float(row["diff_high"])

    def interval(self, key: str | int) -> Text:
        """The change's 95 % interval in points, e.g. ``"+1 til +20 prosentpoeng"``."""
        return interval_text(*self.change_interval(key))

    def break_text(self, key: str | int | None = None) -> Text:
        """Why the question (or the option) is a break in the series; "" when it is not."""
        if key is None:
            return Text(self.break_reason or "")
        (label,) = self._labels(key)
        return Text(evidence.option_break(self, label) or "")

    @as_text
    def break_sentence(self, key: str | int | None = None) -> str:
        """A sentence for a break in the series: "Tallene kan ikke sammenliknes direkte: i 2025
        kom …." ("" when the question or option is not a break)."""
        reason = self.break_text(key)
        if not reason:
            return ""
        # a full sentence after the colon keeps its capital (Språkrådet)
        return f"Tallene kan ikke sammenliknes direkte: {reason.rstrip('.')}."

    @as_text
    def verdict(self, key: str | int) -> str:
        """One Norwegian clause on the change: what changed (size, 95 % interval), then how sure
        we are, worded from the verdict (:mod:`analysis.report.change_words`)."""
        (label,) = self._labels(key)
        row = self.test(key)
        word = self.verdict_word(key)
        points = printed_change(row["share_a"], row["share_b"])
        if evidence.kind(self) == "ordered" and word is not Verdict.BREAK:
            if points is None:
                return share_clause(Verdict.NOT_TESTABLE, None, 0, 0, self.prev_year)
            head = ("ingen endring for dette svaret" if points == 0 else
                    f"{'en økning' if points > 0 else 'en nedgang'} på {size_text(points)} "
                    f"(95{fmt.NBSP}% KI {interval_text(row['diff_low'], row['diff_high'])})")
            return f"{head}; {whole_clause(word, self.prev_year, False, **self._who(word))}"
        group, shift = None, 0.0
        if word is Verdict.COMPOSITION:
            _, group, shift = evidence.composition(self, row["diff"])
        return share_clause(word, points, row["diff_low"], row["diff_high"], self.prev_year,
                            group, shift, evidence.option_break(self, label))

    def _who(self, word) -> dict:
        if word is not Verdict.COMPOSITION:
            return {}
        counts_a = evidence.ordered_counts(self, self.prev_year)
        counts_b = evidence.ordered_counts(self)
        assert counts_a is not None and counts_b is not None  # a composition verdict had both
        change = sum(counts_b[-2:]) / sum(counts_b) - sum(counts_a[-2:]) / sum(counts_a)
        _, group, shift = evidence.composition(self, change)
        return {"group": group, "group_shift": shift}

    @as_text
    def shift(self, key: str | int) -> str:
        """The change as printed, without a test: e.g. "en økning på 20 prosentpoeng". For
        who answered (role, region): the composition of a self-selected sample is described,
        not tested (see the box «Slik leser du tallene»)."""
        points = self.change_points(key)
        if points is None:
            return f"endringen fra {self.prev_year} er ikke kjent"
        if points == 0:
            return "ingen endring"
        return f"{'en økning' if points > 0 else 'en nedgang'} på {size_text(points)}"

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
            comparison, prev_year = self._compared(), self._previous()[0].year
            table = figures.comparison_table(comparison, prev_year, self.year)
            new = set(comparison.loc[~comparison["option"].map(self.prev_asked), "label"])
            table["note"] = [f"uten motstykke i {prev_year}"
                             if w == prev_year and lb in new else None
                             for lb, w in zip(table["label"], table["wave"], strict=True)]
        else:
            counts = self.counts.copy()
            counts.loc[~counts["known"], ["count", "share"]] = float("nan")
            table = figures.choice_table({self.year: counts})
        unnamed = {o.label for o in self.unnamed()}
        source = self._compared() if self.compared else self.counts
        hidden = set(source.loc[source["option"].isin(unnamed), "label"])
        table = table[~table["label"].isin(hidden)]  # said in a sentence, not drawn
        informative = table.groupby("label", sort=False)["share"].transform(
            lambda shares: shares.notna().any())
        if informative.any():
            table = table[informative]
        return figures.described(figures.choice_bars(table), figures.alt_text_choice_bars(table))

    def ticks(self, year: int | None = None) -> Text:
        """Options ticked in all (multiple choice: more than the respondents), formatted."""
        wave, question = self._wave(year)
        return fmt.num(int(compute.choice_counts(wave.long, question)["count"].sum()))

    def unnamed(self) -> list:
        """Options whose wording the source does not give (labels saying "ukjent")."""
        return [o for o in self.question.options if "ukjent" in o.label.lower()]

    @as_text
    def unnamed_sentence(self) -> str:
        """What the table and figure leave out: "" when every option has its wording, else
        e.g. "Ordlyden til ett av alternativene er ikke kjent; det er ikke vist." """
        count = len(self.unnamed())
        if not count:
            return ""
        if count == 1:
            return "Ordlyden til ett av alternativene er ikke kjent; det er ikke vist."
        return (f"Ordlyden til {fmt.number_word(count, neuter=True)} av alternativene er ikke "
                "kjent; de er ikke vist.")

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
