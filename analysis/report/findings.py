"""«Hovedfunn og anbefalinger»: key indicators, a plain verdict each, and the recommendations.

The indicators and the recommendations' wording are given data
(``data/recommendations.yaml``, :mod:`analysis.report.findings_file`); this module computes
each indicator in the previous and the current wave (share, Wilson interval, the test of the
change), words its verdict, and fills the recommendations' placeholders with computed values.
Everything reaches the page as :mod:`analysis.display` objects.

One rule and one vocabulary with the chapters (stated to the reader in the box «Slik leser du
tallene», :mod:`analysis.report.reading`): **a key figure takes its question's verdict**
(:mod:`analysis.report.evidence`, :func:`analysis.compute.verdict.decide`). One option of a
choice question takes the chapter's verdict for that option; a sum of options of an ordered
question ("godt eller litt") or of scores of a rating ("fire eller fem") takes the question's
verdict, the one its chapter prints. The six key figures were chosen after the results were
known, so they are not tested again as a family of their own. The change is printed with its
95 % Newcombe interval; a key figure that is a break in the series shows both shares, no
change and "brudd i serien".

Examples
--------
>>> from analysis.compute.verdict import Verdict
>>> Verdict.BREAK.value
'brudd i serien'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from analysis import compute, fmt
from analysis.compute.verdict import Evidence, Verdict, decide, excludes_zero, newcombe
from analysis.display import UNKNOWN, Block, Table, Text, compose
from analysis.fmt import number_word
from analysis.report import evidence as ev
from analysis.report import option_groups as og
from analysis.report.findings_file import (
    FindingsFile,
    Indicator,
    Placeholder,
    Recommendation,
    findings_path,
    load_findings_file,
    placeholders,
)
from analysis.report.not_asked import NotAskedView
from analysis.report.trends import interval_cell_pp
from analysis.report.values import points_text, printed_change, signed
from analysis.report.views import ChoiceView, RatingView, view

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

NEW_QUESTION = "nytt spørsmål"
UNKNOWN_BEFORE = "forrige tall ukjent"


class FindingsError(ValueError):
    """A recommendation cites something the data do not have (names file and entry)."""


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator in both waves; counts are None when not asked or not known.

    ``test`` is the comparison the verdict is worded from (``share_a``, ``share_b``, ``diff``,
    ``p_value``, ``significant``; ``p_holm`` too when ``adjusted``), None when either count is
    unknown. ``adjusted`` is True when the indicator is one option of a choice question and
    the test is its chapter's: Holm within the question (see the module docstring).
    """

    indicator: Indicator
    n: int
    count: int | None
    n_prev: int | None
    count_prev: int | None
    asked_before: bool
    test: pd.Series | None = None
    adjusted: bool = False

    @property
    def share(self) -> float:
        """Current share (0-1), NaN when unknown."""
        return _share(self.count, self.n)

    @property
    def share_prev(self) -> float:
        """Previous wave's share, NaN when not asked or unknown."""
        return _share(self.count_prev, self.n_prev)

    def interval(self, previous: bool = False) -> tuple[float, float]:
        """95 % Wilson interval of the current (or previous) share."""
        k, n = (self.count_prev, self.n_prev) if previous else (self.count, self.n)
        return (math.nan, math.nan) if k is None or not n else compute.wilson(k, n)

    #: The question's verdict (:class:`Verdict`), set by :func:`indicator_value`.
    word: Verdict | None = None

    @property
    def verdict(self) -> str:
        """Plain verdict on the change, in the chapters' words (see the module docstring)."""
        if not self.asked_before:
            return NEW_QUESTION
        if self.word is Verdict.BREAK:
            return Verdict.BREAK.value
        if self.count_prev is None:
            return UNKNOWN_BEFORE
        return (self.word or Verdict.NOT_TESTABLE).value

    @property
    def is_break(self) -> bool:
        """True when the key figure is a break in the series (no change is printed)."""
        return self.word is Verdict.BREAK

    def change_interval(self) -> tuple[float, float]:
        """95 % Newcombe interval of the change (0-1), NaN when either count is unknown."""
        if self.count is None or self.count_prev is None or self.n_prev is None or self.is_break:
            return (math.nan, math.nan)
        return newcombe(self.count_prev, self.n_prev, self.count, self.n)

    @property
    def change(self):
        """The printed change in points (difference of the printed shares), None if unknown
        or a break in the series."""
        if self.count is None or self.count_prev is None or self.is_break:
            return None
        return printed_change(self.share_prev, self.share)


def _share(k: int | None, n: int | None) -> float:
    return k / n if k is not None and n else math.nan


def _counts(qview, keys: list, year: int | None) -> int | None:
    if isinstance(qview, RatingView):
        return qview.count_value(keys, year)
    return og.count_value(qview, keys, year)


def _asked_before(qview, keys: list) -> bool:
    if not qview.compared:
        return False
    if isinstance(qview, ChoiceView):
        return all(qview.prev_asked(label) for label in qview._labels(keys))
    return True


def one_option(qview, keys: list) -> bool:
    """True when the indicator is exactly one option of a choice question, so that its test
    is the one its chapter reports (Holm within the question)."""
    return isinstance(qview, ChoiceView) and len(keys) == 1


def _test(qview, keys: list, counts: tuple) -> pd.Series | None:
    """The comparison the verdict comes from: the chapter's row for one option, or one
    Fisher's exact test of its own for a sum of options or scores (see the module docstring)."""
    n_prev, count_prev, n, count = counts
    if count is None or count_prev is None:
        return None
    if one_option(qview, keys):
        return qview.test(keys[0])
    return og.compare_counts(count_prev, n_prev, count, n)


def indicator_value(bundle: SurveyBundle, indicator: Indicator) -> IndicatorValue:
    """Compute one indicator from the bundle.

    Raises
    ------
    KeyError
        If the question or an option does not exist in the current questionnaire.
    """
    qview = view(bundle, indicator.question)
    if isinstance(qview, NotAskedView):
        raise KeyError(f"{indicator.question} is not asked in {bundle.current.year}")
    keys = list(indicator.options)
    before = _asked_before(qview, keys)
    prev = qview.prev_year if before else None
    counts = (qview.n_value(prev) if before else None,
              _counts(qview, keys, prev) if before else None,
              qview.n_value(), _counts(qview, keys, None))
    return IndicatorValue(indicator, counts[2], counts[3], counts[0], counts[1], before,
                          _test(qview, keys, counts), one_option(qview, keys),
                          _word(qview, keys, counts) if before else None)


def _word(qview, keys: list, counts: tuple) -> Verdict:
    """The question's verdict for the key figure (see the module docstring)."""
    if isinstance(qview, RatingView):
        return qview.verdict_word()
    kind = ev.kind(qview)
    labels = qview._labels(keys)
    if one_option(qview, keys) or kind == "ordered":
        return qview.verdict_word(labels[0])
    breaks = [ev.option_break(qview, label) for label in labels]
    if any(b is not None for b in breaks):
        return Verdict.BREAK
    n_prev, count_prev, n, count = counts
    if count is None or count_prev is None:
        return Verdict.NOT_TESTABLE
    low, high = newcombe(count_prev, n_prev, count, n)
    points = printed_change(count_prev / n_prev, count / n)
    assert points is not None  # two shares of known counts
    d, _, _ = ev.composition(qview, count / n - count_prev / n_prev)
    return decide(Evidence(change=float(points), beyond_chance=excludes_zero(low, high),
                           direction=(points > 0) - (points < 0), break_even=d))


@lru_cache(maxsize=4)
def _file(path: Path) -> FindingsFile:
    return load_findings_file(path)


@dataclass(frozen=True)
class KeyFindings:
    """What the chapter shows: the indicators' values and the recommendations' source."""

    bundle: SurveyBundle
    path: Path
    spec: FindingsFile
    values: tuple[IndicatorValue, ...]

    @property
    def year(self) -> int:
        """The current wave's year."""
        return self.bundle.current.year

    @property
    def prev_year(self) -> int:
        """The previous wave's year."""
        previous = self.bundle.previous
        assert previous is not None  # key findings compare two waves
        return previous.year

    def value(self, indicator_id: str) -> IndicatorValue:
        """The computed indicator by id."""
        return next(v for v in self.values if v.indicator.id == indicator_id)

    def count_words(self) -> Text:
        """How many indicators, as a word ("sju")."""
        return Text(number_word(len(self.values)))


def key_findings(bundle: SurveyBundle, path: Path | None = None) -> KeyFindings:
    """Load ``data/recommendations.yaml`` and compute every indicator.

    Raises
    ------
    FindingsError
        If an indicator names a question or option the questionnaire does not have
        (the message names the file and the entry).
    """
    path = path or findings_path(bundle.root)
    spec = _file(path)
    values = []
    for pos, ind in enumerate(spec.indicators):
        try:
            values.append(indicator_value(bundle, ind))
        except (KeyError, TypeError) as exc:
            raise FindingsError(f"{path}: indicators[{pos}] id={ind.id!r}: "
                                f"{exc.args[0] if exc.args else exc}") from exc
    return KeyFindings(bundle, path, spec, tuple(values))


def indicator_frame(key: KeyFindings) -> pd.DataFrame:
    """Row grain: one indicator. Columns ``label``, ``share_a``, ``share_b`` (NaN where not
    asked or not known), ``change``, ``low``, ``high`` (the change and its 95 % Newcombe
    interval, 0-1; NaN when there is no change to show), ``note`` (why not: "nytt spørsmål",
    "brudd i serien", "forrige tall ukjent"; None otherwise) and ``verdict``."""
    rows = []
    for v in key.values:
        low, high = v.change_interval()
        note = None if v.change is not None else (
            NEW_QUESTION if not v.asked_before else v.verdict if v.is_break else UNKNOWN_BEFORE)
        rows.append({"label": v.indicator.label, "share_a": v.share_prev, "share_b": v.share,
                     "change": (float(v.change) / 100 if v.change is not None else math.nan),
                     "low": low, "high": high, "note": note, "verdict": v.verdict})
    return pd.DataFrame(rows)


def figure(key: KeyFindings):
    """The change of each indicator with its 95 % interval (see
    :func:`analysis.figures.indicators.indicator_changes`)."""
    from analysis.figures import described
    from analysis.figures.indicators import alt_text_indicators, indicator_changes

    frame = indicator_frame(key)
    return described(indicator_changes(frame, key.prev_year, key.year),
                     Text(alt_text_indicators(frame, key.prev_year, key.year)))


def table(key: KeyFindings) -> Table:
    """Display table: indicator, share per wave, change (pp) and the verdict, in the words of
    the chapters' comparison table (see the module docstring)."""
    rows = []
    for v in key.values:
        rows.append({
            "Indikator": v.indicator.label,
            str(key.prev_year): (fmt.pct(v.share_prev) if v.count_prev is not None
                                 else ("–" if not v.asked_before else UNKNOWN)),
            str(key.year): fmt.pct(v.share) if v.count is not None else UNKNOWN,
            "Endring (pp)": signed(v.change) if v.change is not None else "–",
            f"95{fmt.NBSP}% KI (pp)": interval_cell_pp(*v.change_interval()),
            "Vurdering": v.verdict,
        })
    return Table(pd.DataFrame(rows), left=["Indikator", "Vurdering"])


def _located(key: KeyFindings, pos: int, rec: Recommendation, ph: Placeholder, why: str):
    return FindingsError(f"{key.path}: recommendations[{pos}] id={rec.id!r}: placeholder "
                         f"{ph.raw!r}: {why}")


def resolve(key: KeyFindings, ph: Placeholder) -> str:
    """The computed text of one placeholder.

    Raises
    ------
    KeyError
        If it names a question, option or category the data do not have.
    """
    if ph.kind in ("year", "previous_year"):
        return str(key.year if ph.kind == "year" else key.prev_year)
    if ph.kind == "indicator":
        v = key.value(ph.args[0])
        field = ph.args[1] if len(ph.args) > 1 else "current"
        if field == "verdict":
            return v.verdict
        if field == "change":
            return points_text(v.change) if v.change is not None else UNKNOWN
        share = v.share_prev if field == "previous" else v.share
        return UNKNOWN if share != share else fmt.pct(share)
    if ph.kind == "category":
        from analysis.coding import code_counts
        from analysis.report.free_text import wave_coding

        coded = wave_coding(key.bundle)
        counts = code_counts(coded.codebook, coded.decisions, ph.args[0])
        names = counts["label"].tolist()
        if ph.args[1] not in names:
            raise KeyError(f"{ph.args[0]} has no category {ph.args[1]!r}; categories: "
                           f"{', '.join(names)}")
        coded_count = int(counts.loc[counts["label"] == ph.args[1], "count"].iloc[0])
        # no answer coded with any category (themes without counts): the count is unknown
        return UNKNOWN if counts["count"].sum() == 0 else number_word(coded_count)
    qview = view(key.bundle, ph.args[0])
    if ph.kind == "n":
        return qview.n()
    if ph.kind == "mean":
        if not isinstance(qview, RatingView):
            raise KeyError(f"{ph.args[0]} is not a rating question; it has no mean")
        return qview.mean()
    if isinstance(qview, NotAskedView):
        raise KeyError(f"{ph.args[0]} is not asked in {key.year}: it has no count or share")
    count = _counts(qview, ph.options, None)
    if count is None:
        return UNKNOWN
    return fmt.num(count) if ph.kind == "count" else fmt.pct(count / qview.n_value())


def filled(key: KeyFindings, pos: int, rec: Recommendation, text: str) -> Text:
    """``text`` (a recommendation's title or text) with every placeholder filled in."""
    out, rest = [], text
    for ph in placeholders(text):
        head, rest = rest.split(ph.raw, 1)
        try:
            out += [head, resolve(key, ph)]
        except (KeyError, TypeError) as exc:
            raise _located(key, pos, rec, ph, exc.args[0] if exc.args else str(exc)) from exc
    return Text("".join(out) + rest)


def recommendations(key: KeyFindings) -> Block:
    """The numbered list of recommendations: bold title, text, and a reference to the
    section that shows the finding. Titles and texts are data text (never read as markup);
    the section id is checked by the schema (``sec-…``) before it enters the template."""
    lines = []
    for pos, rec in enumerate(key.spec.recommendations):
        item = compose("**{title}** {text} (@" + rec.section + ")",
                       title=filled(key, pos, rec, rec.title),
                       text=filled(key, pos, rec, rec.text))
        lines.append(f"{pos + 1}. {item}")
    return Block("\n".join(lines) + "\n")
