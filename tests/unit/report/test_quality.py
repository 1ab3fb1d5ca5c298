"""The data-quality table counts every kind of warning and every screened answer, per wave."""

from types import SimpleNamespace

from analysis.freetext import ReviewRow
from analysis.ingest import DataProblem
from analysis.report.quality import data_quality_table


def _problem(kind):
    return DataProblem("x.xlsx", "Sheet1", 3, None, None, None, "...", kind=kind)


def test_counts_per_wave_with_zeros_listed():
    new = SimpleNamespace(
        export=SimpleNamespace(problems=[_problem("empty_response"), _problem("empty_response"),
                                         _problem("completion_before_start")]),
        review_rows=(ReviewRow(4, "q18", "withhold", "name"),
                     ReviewRow(9, "q09", "redact", "phone")))
    old = SimpleNamespace(export=SimpleNamespace(problems=[_problem("formula_without_value")]),
                          review_rows=())
    bundle = SimpleNamespace(waves={2023: old, 2025: new}, years=[2023, 2025])
    table = data_quality_table(bundle)
    assert table.columns == ["Kontroll", "2023", "2025"]
    assert table.cell("Svar uten et eneste svar (ikke regnet som respondent)", "2025") == "2"
    assert table.cell("Svar fullført før de ble påbegynt", "2025") == "1"
    assert table.cell("Formelceller uten lagret verdi (lest som ubesvart)", "2023") == "1"
    assert table.cell("Fritekstsvar holdt tilbake (kan identifisere en person)", "2025") == "1"
    assert table.cell("Fritekstsvar der kontaktopplysninger er fjernet", "2025") == "1"
    assert table.cell("Tidspunkt som ikke kan leses", "2023") == "0"


def test_withheld_answers_counted_per_reason_and_the_total_not_twice():
    from analysis.report.quality import problems_sentence

    wave = SimpleNamespace(
        export=SimpleNamespace(problems=[_problem("outside_field_period")]),
        review_rows=(ReviewRow(1, "q18", "withhold", "name"),
                     ReviewRow(2, "q18", "withhold", "national_id;phone"),
                     ReviewRow(3, "q19", "withhold", "name;national_id"),
                     ReviewRow(4, "q19", "redact", "email")))
    bundle = SimpleNamespace(waves={2025: wave}, years=[2025])
    table = data_quality_table(bundle)
    assert table.cell("Fritekstsvar holdt tilbake (kan identifisere en person)", "2025") == "3"
    assert table.cell("– holdt tilbake fordi svaret har navn", "2025") == "2"
    assert table.cell("– holdt tilbake fordi svaret har fødselsnummer", "2025") == "2"
    assert table.cell("Svar påbegynt eller fullført utenfor perioden undersøkelsen var åpen",
                      "2025") == "1"
    # 1 warning + 3 withheld + 1 redacted; the per-reason rows are not counted again
    assert "funnet fem slike tilfeller" in problems_sentence(bundle)


def test_the_sentence_says_none_in_words_and_counts_in_words():
    from analysis.report.quality import problems_sentence

    clean = SimpleNamespace(export=SimpleNamespace(problems=[]), review_rows=())
    none = SimpleNamespace(waves={2025: clean}, years=[2025])
    assert problems_sentence(none) == ("I dataene som brukes her, ble det ikke funnet noen "
                                       "slike tilfeller.")
    three = SimpleNamespace(export=SimpleNamespace(problems=[_problem("empty_response")] * 3),
                            review_rows=())
    some = SimpleNamespace(waves={2025: three}, years=[2025])
    assert "funnet tre slike tilfeller" in problems_sentence(some)
