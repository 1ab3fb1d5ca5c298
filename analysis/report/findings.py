"""«Hovedfunn og anbefalinger»: key indicators, a plain verdict each, and the recommendations.

The indicators and the recommendations' wording are given data
(``data/recommendations.yaml``, :mod:`analysis.report.findings_file`); this module computes
each indicator in the previous and the current wave (share, Wilson interval, Fisher's exact
test), words a plain verdict from the test, and fills the recommendations' placeholders with
computed values. Everything reaches the page as :mod:`analysis.display` objects.

The verdict says the direction and how sure we are, without the word "signifikant" (the
statistics are explained in the method chapter):

- p < :data:`CLEAR_P`: "tydelig økning" / "tydelig nedgang";
- p < :data:`analysis.compute.change.ALPHA`: "trolig en reell økning" / "... nedgang";
- otherwise "ingen tydelig endring", or "omtrent uendret" when the change rounds to zero
  percentage points; "nytt spørsmål" or "forrige tall ukjent" when there is nothing to test.

Examples
--------
>>> verdict_words(diff=0.12, p_value=0.005)
'tydelig økning'
>>> verdict_words(diff=-0.10, p_value=0.03)
'trolig en reell nedgang'
>>> verdict_words(diff=0.10, p_value=0.08)
'ingen tydelig endring'
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from analysis import compute, fmt
from analysis.compute.change import is_significant
from analysis.display import Block, Table, Text, compose
from analysis.fmt import number_word
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
from analysis.report.values import points_text, printed_change, signed
from analysis.report.views import UNKNOWN, ChoiceView, RatingView, view

#: Below this p-value a change is "tydelig" (clear); between it and ALPHA "trolig" (probable).
CLEAR_P = 0.01
NEW_QUESTION = "nytt spørsmål"
UNKNOWN_BEFORE = "forrige tall ukjent"


class FindingsError(ValueError):
    """A recommendation cites something the data do not have (names file and entry)."""


def verdict_words(diff: float, p_value: float) -> str:
    """The plain verdict for a change in share ``diff`` (0-1) tested with ``p_value``;
    ``diff`` is the printed change (difference of the printed shares) over 100."""
    if round(abs(diff) * 100) == 0:
        return "omtrent uendret"
    direction = "økning" if diff > 0 else "nedgang"
    if p_value < CLEAR_P:
        return f"tydelig {direction}"
    if is_significant(p_value):
        return f"trolig en reell {direction}"
    return "ingen tydelig endring"


@dataclass(frozen=True)
class IndicatorValue:
    """One indicator in both waves; counts are None when not asked or not known."""

    indicator: Indicator
    n: int
    count: int | None
    n_prev: int | None
    count_prev: int | None
    asked_before: bool

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

    @property
    def test(self) -> pd.Series | None:
        """Fisher's exact test of the change (``diff``, ``p_value``), None when untestable."""
        if self.count is None or self.count_prev is None:
            return None
        return og.compare_counts(self.count_prev, self.n_prev, self.count, self.n)

    @property
    def verdict(self) -> str:
        """Plain verdict on the change (see the module docstring)."""
        if not self.asked_before:
            return NEW_QUESTION
        test = self.test
        if test is None:
            return UNKNOWN_BEFORE
        return verdict_words(float(self.change) / 100, float(test["p_value"]))

    @property
    def change(self):
        """The printed change in points (difference of the printed shares), None if unknown."""
        if self.count is None or self.count_prev is None:
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


def indicator_value(bundle, indicator: Indicator) -> IndicatorValue:
    """Compute one indicator from the bundle.

    Raises
    ------
    KeyError
        If the question or an option does not exist in the current questionnaire.
    """
    qview = view(bundle, indicator.question)
    keys = list(indicator.options)
    before = _asked_before(qview, keys)
    prev = qview.prev_year if before else None
    return IndicatorValue(indicator, qview.n_value(), _counts(qview, keys, None),
                          qview.n_value(prev) if before else None,
                          _counts(qview, keys, prev) if before else None, before)


@lru_cache(maxsize=4)
def _file(path: Path) -> FindingsFile:
    return load_findings_file(path)


@dataclass(frozen=True)
class KeyFindings:
    """What the chapter shows: the indicators' values and the recommendations' source."""

    bundle: object
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
        return self.bundle.previous.year

    def value(self, indicator_id: str) -> IndicatorValue:
        """The computed indicator by id."""
        return next(v for v in self.values if v.indicator.id == indicator_id)

    def count_words(self) -> Text:
        """How many indicators, as a word ("sju")."""
        return Text(number_word(len(self.values)))


def key_findings(bundle, path: Path | None = None) -> KeyFindings:
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
    """Row grain: one indicator x wave (previous, then current). Columns ``label``, ``wave``,
    ``share``, ``low``, ``high`` (NaN where not asked or not known) and ``new`` (not asked in
    the previous wave)."""
    rows = []
    for v in key.values:
        for wave, previous in ((key.prev_year, True), (key.year, False)):
            share = v.share_prev if previous else v.share
            low, high = v.interval(previous)
            rows.append({"label": v.indicator.label, "wave": wave, "share": share,
                         "low": low, "high": high, "new": not v.asked_before})
    return pd.DataFrame(rows)


def figure(key: KeyFindings):
    """The indicators, previous and current wave with Wilson intervals (see
    :func:`analysis.figures.indicators.indicator_intervals`)."""
    from analysis.figures.indicators import indicator_intervals

    return indicator_intervals(indicator_frame(key))


def alt_text(key: KeyFindings) -> Text:
    """A factual sentence describing :func:`figure`."""
    from analysis.figures.indicators import alt_text_indicators

    return Text(alt_text_indicators(indicator_frame(key)))


def table(key: KeyFindings) -> Table:
    """Display table: indicator, share per wave, change (pp) and the plain verdict."""
    rows = []
    for v in key.values:
        test = v.test
        rows.append({
            "Indikator": v.indicator.label,
            str(key.prev_year): (fmt.pct(v.share_prev) if v.count_prev is not None
                                 else ("–" if not v.asked_before else UNKNOWN)),
            str(key.year): fmt.pct(v.share) if v.count is not None else UNKNOWN,
            "Endring (pp)": signed(v.change) if test is not None else "–",
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
            return points_text(v.change) if v.test is not None else UNKNOWN
        share = v.share_prev if field == "previous" else v.share
        return UNKNOWN if share != share else fmt.pct(share)
    if ph.kind == "category":
        from analysis.report.free_text import coding

        question = coding(key.bundle).question(ph.args[0])
        names = [c.name for c in question.categories]
        if ph.args[1] not in names:
            raise KeyError(f"{ph.args[0]} has no category {ph.args[1]!r}; categories: "
                           f"{', '.join(names)}")
        count = next(c.count for c in question.categories if c.name == ph.args[1])
        return UNKNOWN if count is None else number_word(count)
    qview = view(key.bundle, ph.args[0])
    if ph.kind == "n":
        return qview.n()
    if ph.kind == "mean":
        if not isinstance(qview, RatingView):
            raise KeyError(f"{ph.args[0]} is not a rating question; it has no mean")
        return qview.mean()
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
