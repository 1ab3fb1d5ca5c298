"""Context for the method and comparison chapters: how each wave was run, published figures
quoted as context, and the respondents and regions over time (missing years stay missing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from analysis import compute, figures, fmt
from analysis.display import NO_DATA, Block, Text, bullets, is_missing
from analysis.ledger import wave_totals
from analysis.report.audit_view import QUALIFIER_NB

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle


def wave_facts(bundle: SurveyBundle, year: int | None = None) -> dict:
    """How a wave was run (``data/survey-waves.yaml``, held by the bundle): dates, tool,
    channels. ``year`` defaults to the current wave.

    A fresh copy each call, its texts as :class:`~analysis.display.Text`.
    """
    year = bundle.current.year if year is None else year
    return _as_text(bundle.wave_facts(year).model_dump())


def _as_text(value):
    if isinstance(value, str):
        return Text(value)
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_as_text(v) for v in value]
    return value


def years(bundle: SurveyBundle) -> list[int]:
    """The book's time axis: every wave run and every wave with data, oldest first
    (:attr:`analysis.bundle.SurveyBundle.series_years`)."""
    return bundle.series_years


def date(value: dt.date) -> Text:
    """A date the Norwegian way, e.g. ``11. august`` and the year (:func:`analysis.fmt.date`)."""
    return fmt.date(value)


def published(bundle: SurveyBundle, figure_id: str, words: bool = False) -> Text:
    """A figure as the report printed it, formatted (``"170"``, ``"ca. 300"``); ``words=True``
    for a count in a sentence ("tre målgrupper", :func:`analysis.fmt.number_word`).

    For context the data cannot give (recipients, target groups). The audit lists each one.
    """
    row = asdict(bundle.ledger.figure(figure_id))
    if words and (row["kind"] == "percent" or int(row["decimals"]) != 0):
        raise ValueError(f"{figure_id} is not a count ({row['kind']}, {row['decimals']} "
                         "decimals): words=True is for counts")
    text = (fmt.number_word(row["value"]) if words
            else fmt.num(row["value"], int(row["decimals"])))
    if row["kind"] == "percent":
        text = fmt.pct(row["value"] / 100, int(row["decimals"]))
    prefix = QUALIFIER_NB.get(row["qualifier"], "")
    return Text(prefix + text)


def respondents_by_year(bundle: SurveyBundle) -> pd.DataFrame:
    """Row grain: one survey year of :func:`years`. Columns ``year``, ``respondents``,
    ``source`` ("data" from an export in use, "publisert" from the ledger, NaN when unknown),
    ``approximate`` (True for every published total: the report calls the first wave's
    approximate, and "rundt 150" is an estimate)."""
    rows: list[tuple[int, float, str | None, bool]] = []
    # Only a wave's own published total counts ("rundt 150" about earlier surveys in general
    # is not one wave's figure), so a year without one stays missing and is drawn as missing.
    totals = wave_totals(bundle.ledger)
    for year in years(bundle):
        if year in bundle.waves:
            rows.append((year, bundle.waves[year].respondents, "data", False))
        elif year in totals:
            rows.append((year, float(totals[year]), "publisert", True))
        else:
            rows.append((year, np.nan, None, False))
    return pd.DataFrame(rows, columns=["year", "respondents", "source", "approximate"])


def regions_by_year(bundle: SurveyBundle) -> pd.DataFrame:
    """Row grain: one year x region (the current wave's region labels). Columns ``year``,
    ``region``, ``share`` (of respondents who answered Q2). Years without data have no rows."""
    from analysis.report.views import ChoiceView

    view = ChoiceView(bundle, "q02")
    frames = []
    if view.compared:
        c = view._compared()
        frames.append(pd.DataFrame({"year": view.prev_year, "region": c["label"],
                                    "share": c["share_a"]}))
    counts = compute.choice_counts(bundle.current.long, view.question)
    frames.append(pd.DataFrame({"year": view.year, "region": counts["label"],
                                "share": counts["share"]}))
    return pd.concat(frames, ignore_index=True)


def respondents_figure(bundle: SurveyBundle):
    """Line of respondents per year (report Figure 1 a); a missing year is a visible gap."""
    frame, span = respondents_by_year(bundle), years(bundle)
    return figures.described(figures.respondents_over_time(frame, years=span),
                             figures.alt_text_respondents(frame, years=span))


def regions_figure(bundle: SurveyBundle):
    """Grouped bars of regional affiliation per year (report Figure 1 b)."""
    frame, span = regions_by_year(bundle), years(bundle)
    return figures.described(figures.regions_over_time(frame, years=span),
                             figures.alt_text_regions(frame, years=span))


def respondents_in(bundle: SurveyBundle, year: int) -> Text:
    """Respondents of a survey year, formatted ("ingen tall" when none is known)."""
    frame = respondents_by_year(bundle).set_index("year")
    value = frame.loc[year, "respondents"] if year in frame.index else float("nan")
    return Text(NO_DATA) if is_missing(value) else fmt.num(value)


def respondents_change(bundle: SurveyBundle) -> dict:
    """The change in respondents from the previous wave to the current one, formatted.

    Returns
    -------
    dict
        ``more`` (difference, e.g. "31"), ``relative`` (e.g. "20 %"), ``direction``
        ("flere" or "færre").

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> b = NS(current=NS(respondents=186), previous=NS(respondents=155))
    >>> respondents_change(b)["more"], respondents_change(b)["direction"]
    ('31', 'flere')
    """
    previous = bundle.previous
    assert previous is not None  # a change needs two waves
    now, before = bundle.current.respondents, previous.respondents
    return {
        "more": fmt.num(abs(now - before)),
        "relative": fmt.pct(abs(now / before - 1)),
        "direction": Text("flere" if now >= before else "færre"),
    }


def new_questions(bundle: SurveyBundle) -> list:
    """Questions new in the current wave (questionnaire entries): flagged ``new: true``, or
    without a counterpart in the previous wave by the questionnaires' ``compare_to`` (the
    pairing ``diff-questionnaires`` prints and the comparisons follow)."""
    from analysis.questionnaire.diff import diff_questionnaires

    added: set[str] = set()
    if bundle.previous is not None:
        diff = diff_questionnaires(bundle.previous.questionnaire, bundle.current.questionnaire)
        if diff.linked:
            added = {qid for qid, _ in diff.questions_added}
    return [q for q in bundle.current.questionnaire.questions if q.new or q.id in added]


def question_list(questions) -> Block:
    """A bullet list «Spørsmål N: text» (the question text inserted as text)."""
    return bullets([f"Spørsmål {q.number}: {fmt.quote(q.text)}" for q in questions])


def year_list(years) -> Text:
    """Years joined the Norwegian way: ``"2018 og 2020"`` (no thousands separator).

    Examples
    --------
    >>> year_list([2018, 2020]), year_list([2031])
    ('2018 og 2020', '2031')
    """
    return Text(fmt.join([str(int(y)) for y in years]))


def first_year(bundle: SurveyBundle) -> int:
    """The first survey year with a known number of respondents (data or published)."""
    frame = respondents_by_year(bundle)
    return int(frame.loc[frame["respondents"].notna(), "year"].iloc[0])


def years_published_only(bundle: SurveyBundle) -> list[int]:
    """Survey years whose number of respondents is only published, with no answer data."""
    frame = respondents_by_year(bundle)
    return [int(y) for y in frame.loc[frame["source"] == "publisert", "year"]]


def years_without_figures(bundle: SurveyBundle) -> list[int]:
    """Survey years with no known number of respondents (a gap on the time axis)."""
    frame = respondents_by_year(bundle)
    return [int(y) for y in frame.loc[frame["respondents"].isna(), "year"]]


def years_without_regions(bundle: SurveyBundle) -> list[int]:
    """Survey years with no regional figures (empty slots in :func:`regions_figure`)."""
    known = set(regions_by_year(bundle)["year"])
    return [y for y in years(bundle) if y not in known]


def earlier_years(bundle: SurveyBundle) -> list[int]:
    """Survey years before the current wave (with or without data), oldest first."""
    return [y for y in years(bundle) if y < bundle.current.year]
