"""The project's ledger of published figures, checked against the report it transcribes."""

from __future__ import annotations

import pytest

from analysis.ledger import load_contradictions, load_ledger, load_sources
from analysis.ledger.check import normalise_whitespace, option_problems, quote_problems
from analysis.paths import project_root
from analysis.questionnaire import load_questionnaire


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


@pytest.fixture(scope="module")
def documents():
    base = project_root().parent
    if not (base / "shared" / "seeds").is_dir():
        pytest.skip(f"source documents not present: {base / 'shared' / 'seeds'} is absent")
    return {sid: base / rel for sid, rel in load_sources().items()}


def test_ledger_is_exhaustive_and_ids_unique(ledger):
    assert len(ledger) >= 150
    assert ledger["id"].is_unique
    assert set(ledger["source"]) == {"report-2025", "external-2018", "external-legepanelet"}
    # NorCRIN's own figures describe its survey waves; the Legepanelet context figures are
    # dated by their own article.
    norcrin = ledger[ledger["source"] != "external-legepanelet"]
    assert set(norcrin["year"]) <= {2018, 2020, 2023, 2025}


def test_every_quote_occurs_in_its_source(ledger, documents):
    assert quote_problems(ledger, documents) == []


def test_every_option_exists_in_that_years_questionnaire(ledger):
    forms = {year: load_questionnaire(year) for year in (2023, 2025)}
    assert option_problems(ledger, forms) == []


def test_wave_totals_as_the_report_states_them(ledger):
    # "fikk totalt 186 svar, mot 155 svar i 2023"; 2018: "Responses: 149"
    totals = ledger[ledger["question"].isna() & (ledger["kind"] == "n")
                    & (ledger["basis"] == "respondents")]
    by_year = totals.groupby("year")["value"].agg(set).to_dict()
    assert by_year == {2018: {149.0}, 2023: {155.0}, 2025: {186.0}}


def test_spot_values_match_the_report(ledger):
    fig = ledger.set_index("id")
    # "en gjennomsnittlig vurdering på 4,17 og en median på 4,0 (60 svar)"
    assert (fig.loc["r25-q11-y2023-mean", "value"], fig.loc["r25-q11-y2023-mean", "decimals"]) \
        == (4.17, 2)
    assert fig.loc["r25-q11-y2023-n", "value"] == 60
    # "Nivå 4: 37 %" (Q7) and "Score 4 har gått ned fra 37 til 23" (Q11 counts)
    assert fig.loc["r25-q07-y2025-s4-pct", "option"] == (4,)
    assert fig.loc["r25-q11-y2025-s4-count", "value"] == 23
    # "Totalt 87% kjenner NorCRIN godt eller litt"
    assert fig.loc["r25-q03-y2025-godt-litt-pct", "option"] == ("Kjenner godt", "Kjenner litt")


def test_summary_and_results_are_both_recorded(ledger):
    fig = ledger.set_index("id")
    assert fig.loc["r25-sum-q03-y2025-godt-litt-pct", "section"] == "1"
    assert fig.loc["r25-q03-y2025-godt-litt-pct", "section"] == "4.2"


def test_contradictions_name_existing_figures_and_quote_the_report(ledger, documents):
    items = load_contradictions()
    assert len(items) >= 10
    known = set(ledger["id"])
    text = normalise_whitespace(documents["report-2025"].read_text(encoding="utf-8"))
    for item in items:
        assert set(item.figures) <= known, item.id
        assert normalise_whitespace(item.quote) in text, item.id
    assert {i.kind.value for i in items} == {"wording", "arithmetic", "numbering"}
