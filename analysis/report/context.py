"""Context for the method and comparison chapters: how each wave was run, published figures
quoted as context, and the respondents and regions over time (missing years stay missing)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import yaml

from analysis import compute, figures, fmt
from analysis.display import Block, Text, bullets
from analysis.ledger import wave_totals
from analysis.paths import data_dir
from analysis.report.audit_view import QUALIFIER_NB

#: Survey years on the time axis (the biennial series the 2025 report compares).
YEARS = (2018, 2020, 2023, 2025)


@lru_cache(maxsize=4)
def _waves(root: Path | None) -> dict[int, dict]:
    raw = yaml.safe_load((data_dir(root) / "survey-waves.yaml").read_text(encoding="utf-8"))
    return {int(w["year"]): w for w in raw["waves"]}


def wave_facts(bundle, year: int) -> dict:
    """How a wave was run (``data/survey-waves.yaml``): dates, tool, channels.

    A fresh copy each call, its texts as :class:`~analysis.display.Text`."""
    return _as_text(_waves(bundle.root)[year])


def _as_text(value):
    if isinstance(value, str):
        return Text(value)
    if isinstance(value, dict):
        return {k: _as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_text(v) for v in value]
    return value


def date(value: dt.date) -> Text:
    """A date the Norwegian way: ``11. august 2025`` (:func:`analysis.fmt.date`)."""
    return fmt.date(value)


def published(bundle, figure_id: str) -> Text:
    """A figure as the report printed it, formatted (``"170"``, ``"ca. 300"``).

    For context the data cannot give (recipients, target groups). The audit lists each one.
    """
    row = asdict(bundle.ledger.figure(figure_id))
    text = fmt.num(row["value"], int(row["decimals"]))
    if row["kind"] == "percent":
        text = fmt.pct(row["value"] / 100, int(row["decimals"]))
    prefix = QUALIFIER_NB.get(row.get("qualifier"), "")
    return Text(prefix + text)


def respondents_by_year(bundle) -> pd.DataFrame:
    """Row grain: one survey year of :data:`YEARS`. Columns ``year``, ``respondents``,
    ``source`` ("data" from an export in use, "publisert" from the ledger, NaN when unknown),
    ``approximate`` (True for "rundt 150" and the 2018 figure the report calls approximate)."""
    rows = []
    # Only a wave's own published total counts ("rundt 150" about earlier surveys in general
    # is not a 2020 figure), so a year without one stays missing and is drawn as missing.
    totals = wave_totals(bundle.ledger)
    for year in YEARS:
        if year in bundle.waves:
            rows.append((year, bundle.waves[year].respondents, "data", False))
        elif year in totals:
            rows.append((year, float(totals[year]), "publisert", True))
        else:
            rows.append((year, np.nan, None, False))
    return pd.DataFrame(rows, columns=["year", "respondents", "source", "approximate"])


def regions_by_year(bundle) -> pd.DataFrame:
    """Row grain: one year x region (2025 region labels). Columns ``year``, ``region``,
    ``share`` (of respondents who answered Q2). Years without data have no rows."""
    from analysis.report.views import ChoiceView

    view = ChoiceView(bundle, "q02")
    frames = []
    if view.compared:
        c = view.comparison
        frames.append(pd.DataFrame({"year": view.prev_year, "region": c["label"],
                                    "share": c["share_a"]}))
    counts = compute.choice_counts(bundle.current.long, view.question)
    frames.append(pd.DataFrame({"year": view.year, "region": counts["label"],
                                "share": counts["share"]}))
    return pd.concat(frames, ignore_index=True)


def respondents_figure(bundle):
    """Line of respondents per year (report Figure 1 a); a missing year is a visible gap."""
    return figures.respondents_over_time(respondents_by_year(bundle), years=YEARS)


def regions_figure(bundle):
    """Grouped bars of regional affiliation per year (report Figure 1 b)."""
    return figures.regions_over_time(regions_by_year(bundle), years=YEARS)


def respondents_in(bundle, year: int) -> Text:
    """Respondents of a survey year, formatted ("ingen tall" when none is known)."""
    frame = respondents_by_year(bundle).set_index("year")
    value = frame.loc[year, "respondents"] if year in frame.index else float("nan")
    return Text("ingen tall") if value != value else fmt.num(value)


def respondents_change(bundle) -> dict:
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
    now, before = bundle.current.respondents, bundle.previous.respondents
    return {
        "more": fmt.num(abs(now - before)),
        "relative": fmt.pct(abs(now / before - 1)),
        "direction": Text("flere" if now >= before else "færre"),
    }


def new_questions(bundle) -> list:
    """Questions first asked in the current wave (questionnaire entries)."""
    return [q for q in bundle.current.questionnaire.questions if q.new]


def question_list(questions) -> Block:
    """A bullet list «Spørsmål N: text» (the question text inserted as text)."""
    return bullets([f"Spørsmål {q.number}: «{q.text}»" for q in questions])
