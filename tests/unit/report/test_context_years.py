"""Survey years come from data: the history file and the manifest, never from code.

Bundles here are hand-built (a later wave 2027, a history with an extra wave) so the expected
years and gaps are hand-computed, not taken from the book's own output.
"""

from __future__ import annotations

import math
from types import MappingProxyType, SimpleNamespace

import pytest

from analysis.bundle import SurveyBundle
from analysis.ledger.figure import Figure, Ledger
from analysis.report import context as ctx
from analysis.survey_history import HistoryError, SurveyHistory, read_history

HISTORY = """\
waves:
  - {year: 2027, source: "a", open_from: 2027-08-02, open_to: 2027-09-01, tool: Nettskjema,
     raw_data: true, announced: [{channel: "Nyhetsbrev", date: 2027-08-05}]}
  - {year: 2018, source: "b", fielded: "september 2018", raw_data: false}
  - {year: 2020, source: "c", raw_data: false}
  - {year: 2025, source: "d", raw_data: true}
"""


def _history(tmp_path, text: str = HISTORY):
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "survey-waves.yaml").write_text(text, encoding="utf-8")
    return read_history(tmp_path)


def _ledger(rows):
    """A ledger of report-level figures ``(year, question, kind, value, basis)``."""
    return Ledger(tuple(Figure(f"f{i}", kind, value, basis=basis, year=year, question=question)
                        for i, (year, question, kind, value, basis) in enumerate(rows)))


def _bundle(tmp_path, waves: dict[int, int], ledger_rows=()):
    """A bundle with waves year -> respondents and the history above."""
    wave = {y: SimpleNamespace(year=y, respondents=n) for y, n in waves.items()}
    return SurveyBundle(waves=MappingProxyType(dict(sorted(wave.items()))),
                        ledger=_ledger(list(ledger_rows)), history=_history(tmp_path))


def test_history_is_sorted_and_typed(tmp_path):
    history = _history(tmp_path)
    assert history.years == [2018, 2020, 2025, 2027]
    wave = history.wave(2027)
    assert wave.open_from.isoformat() == "2027-08-02" and wave.announced[0].channel == "Nyhetsbrev"


@pytest.mark.parametrize(("text", "where"), [
    (HISTORY + "  - {year: 2020, source: x, raw_data: false}\n", "more than one entry for year"),
    ("waves:\n  - {year: 2025, source: x, raw_data: true, tol: Forms}\n", "waves[0].tol"),
    ("waves:\n  - {year: 2025, source: x, raw_data: true, open_from: 31.08.2025}\n",
     "waves[0].open_from"),
    ("waves:\n  - {year: 2025, source: x}\n", "waves[0].raw_data"),
])
def test_a_broken_history_names_the_file_and_the_entry(tmp_path, text, where):
    with pytest.raises(HistoryError) as info:
        _history(tmp_path, text)
    assert "survey-waves.yaml" in str(info.value) and where in str(info.value)


def test_a_missing_history_file_is_a_clear_error(tmp_path):
    with pytest.raises(HistoryError, match="survey-waves.yaml: survey history not found"):
        read_history(tmp_path)


def test_the_time_axis_is_history_and_manifest_together(tmp_path):
    # 2023 has data but no history entry; 2018 and 2020 have history but no data.
    bundle = _bundle(tmp_path, {2023: 150, 2027: 210})
    assert bundle.series_years == [2018, 2020, 2023, 2025, 2027]
    assert ctx.years(bundle) == bundle.series_years
    assert ctx.earlier_years(bundle) == [2018, 2020, 2023, 2025]


def test_respondents_by_year_with_a_later_wave(tmp_path):
    ledger = [(2018, None, "n", 149.0, "respondents"), (2020, None, "n", 150.0, None)]
    bundle = _bundle(tmp_path, {2025: 186, 2027: 210}, ledger)
    frame = ctx.respondents_by_year(bundle)
    assert frame["year"].tolist() == [2018, 2020, 2025, 2027]
    assert frame["respondents"].tolist()[0] == 149.0 and math.isnan(frame["respondents"][1])
    assert frame["source"].tolist()[2:] == ["data", "data"]
    assert ctx.first_year(bundle) == 2018
    assert ctx.years_published_only(bundle) == [2018]
    assert ctx.years_without_figures(bundle) == [2020]
    assert ctx.respondents_in(bundle, 2027) == "210"
    assert ctx.respondents_in(bundle, 2020) == "ingen tall"
    assert ctx.year_list(ctx.years_without_figures(bundle) + [2031]) == "2020 og 2031"


def test_wave_facts_default_to_the_current_wave(tmp_path):
    bundle = _bundle(tmp_path, {2025: 186, 2027: 210})
    facts = ctx.wave_facts(bundle)
    assert facts["tool"] == "Nettskjema" and facts["announced"][0]["channel"] == "Nyhetsbrev"
    assert ctx.wave_facts(bundle, 2018)["fielded"] == "september 2018"
    facts["tool"] = "changed"
    assert ctx.wave_facts(bundle)["tool"] == "Nettskjema"  # a fresh copy each call


def test_a_wave_without_history_entry_is_a_clear_error(tmp_path):
    bundle = _bundle(tmp_path, {2023: 150, 2027: 210})
    with pytest.raises(KeyError, match=r"survey-waves.yaml has no entry for 2023"):
        ctx.wave_facts(bundle, 2023)


def test_a_bundle_without_history_has_only_its_waves_on_the_axis():
    wave = SimpleNamespace(year=2027, respondents=1)
    bundle = SurveyBundle(waves=MappingProxyType({2027: wave}), ledger=_ledger([]))
    assert bundle.series_years == [2027]


def test_the_real_history_covers_every_wave_with_data():
    """Every wave in the manifest has an entry saying how it was run (the method chapter
    quotes it for the current wave)."""
    from analysis.manifest import read_manifest

    history = read_history()
    assert {w.year for w in read_manifest().waves} <= set(history.years)
    assert isinstance(history, SurveyHistory)
