"""The project's ledger of published figures, checked against the report it transcribes."""

from __future__ import annotations

import re

import pytest

from analysis.ledger import Basis, load_contradictions, load_ledger, load_sources, wave_totals
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
    ids = [f.id for f in ledger]
    assert len(set(ids)) == len(ids)
    assert {f.source for f in ledger} == {"report-2025", "external-2018", "external-legepanelet"}
    # NorCRIN's own figures describe its survey waves; the Legepanelet context figures are
    # dated by their own article.
    norcrin = {f.year for f in ledger if f.source != "external-legepanelet"}
    assert norcrin <= {2018, 2020, 2023, 2025}


def test_every_quote_occurs_in_its_source(ledger, documents):
    assert quote_problems(ledger, documents) == []


def test_every_option_exists_in_that_years_questionnaire(ledger):
    forms = {year: load_questionnaire(year) for year in (2023, 2025)}
    assert option_problems(ledger, forms) == []


def test_wave_totals_as_the_report_states_them(ledger):
    # "fikk totalt 186 svar, mot 155 svar i 2023"; 2018: "Responses: 149"
    totals = [f for f in ledger
              if f.question is None and f.kind == "n" and f.basis is Basis.RESPONDENTS]
    by_year = {y: {f.value for f in totals if f.year == y} for y in {f.year for f in totals}}
    assert by_year == {2018: {149.0}, 2023: {155.0}, 2025: {186.0}}
    assert wave_totals(ledger) == {2018: 149, 2023: 155, 2025: 186}


def test_structured_bases_as_the_report_words_them(ledger):
    # "Det er 74 (av 186) som har svart på spørsmålet"
    q09 = ledger.figure("r25-q09-y2025-n")
    assert (q09.basis, q09.of) == (Basis.RESPONDENTS, 186)
    # "en økning på 12% sammenliknet med 2023"
    change = ledger.figure("r25-sum-q03-y2025-godt-litt-change-pct")
    assert (change.basis, change.from_wave) == (Basis.CHANGE, 2023)
    # "Nesten halvparten av respondentene (44 %) krysset av for flere svar"
    assert ledger.figure("r25-q10-y2025-flere-svar-pct").basis is Basis.SEVERAL_OPTIONS
    # "Totalt ca. 170 mottakere": context, described in words no code reads
    recipients = ledger.figure("r25-met-recipients-b-count")
    assert (recipients.basis, recipients.what) == (Basis.CONTEXT, "recipients of group b")


def test_spot_values_match_the_report(ledger):
    fig = ledger.frame().set_index("id")
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
    fig = ledger.frame().set_index("id")
    assert fig.loc["r25-sum-q03-y2025-godt-litt-pct", "section"] == "1"
    assert fig.loc["r25-q03-y2025-godt-litt-pct", "section"] == "4.2"


def test_contradictions_name_existing_figures_and_quote_the_report(ledger, documents):
    items = load_contradictions()
    assert len(items) >= 10
    known = {f.id for f in ledger}
    text = normalise_whitespace(documents["report-2025"].read_text(encoding="utf-8"))
    for item in items:
        assert set(item.figures) <= known, item.id
        assert normalise_whitespace(item.quote) in text, item.id
    assert {i.kind.value for i in items} == {"wording", "arithmetic", "numbering"}


def test_contradiction_explanations_are_written_in_the_books_number_style():
    """The appendix prints the explanations as they stand (bokmål, style sheet §2-3). Outside
    «…» quotations from the report: no straight double quotes, no «Q7» for «spørsmål 7», a
    no-break space between a number and % (as ``fmt.pct`` writes it, so a line never breaks
    there), and a decimal point only in a heading number of the report («4.2»)."""
    for item in load_contradictions():
        own_words = re.sub(r"«[^»]*»", "«»", item.explanation)
        assert '"' not in own_words, item.id
        assert not re.search(r"\bQ\d", own_words), item.id
        assert not re.search(r"\d[^\S\u00a0]*%", own_words), item.id
        for number in re.findall(r"\d+\.\d+", own_words):
            assert re.fullmatch(r"[1-5]\.[1-9]", number), (item.id, number)
