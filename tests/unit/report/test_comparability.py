"""The report layer follows compare_to mapped back from the new wave (hand-made 2025/2027)."""

from __future__ import annotations

from types import MappingProxyType, SimpleNamespace

import pandas as pd

from analysis.bundle import SurveyBundle, Wave
from analysis.display import to_plain
from analysis.questionnaire.schema import Questionnaire
from analysis.report import view
from analysis.report.comparability import not_compared, questionnaire_changes

NBSP = "\u00a0"


def _questionnaire(year):
    labels = ["Ja", "Nei", "Vet ikke"] if year == 2025 else ["Ja", "Nei, aldri", "Kanskje"]
    raw = {
        "year": year, "title": "t", "source": "hand-made",
        "questions": [
            {"id": "q01", "number": 1, "text": "Kjenner du oss?", "type": "single",
             "options": [{"label": x} for x in labels]},
        ],
    }
    if year == 2025:
        raw["questions"].append({"id": "q02", "number": 2, "text": "Hvor lett?",
                                 "type": "rating",
                                 "scale": {"low_label": "Vanskelig", "high_label": "Lett"}})
    else:  # «Nei» reworded but the same; «Vet ikke» dropped; «Kanskje» new; q02 not asked
        raw["compare_to"] = {"target_year": 2025, "questions": {"q01": "q01"},
                             "options": {"q01": {"Nei, aldri": "Nei", "Kanskje": None}}}
    return Questionnaire.model_validate(raw)


def _wave(year, answers):
    long = pd.DataFrame({"respondent": range(len(answers)), "question": "q01",
                         "option": answers, "score": pd.NA, "text": pd.NA})
    export = SimpleNamespace(long=long, wide=None, respondents=len(answers))
    return Wave(year, _questionnaire(year), export, None, False, None)


def _bundle():
    waves = {
        2025: _wave(2025, ["Ja"] * 2 + ["Nei"] * 6 + ["Vet ikke"] * 2),  # 2 of 10 say yes
        2027: _wave(2027, ["Ja"] * 5 + ["Nei, aldri"] * 4 + ["Kanskje"]),  # 5 of 10
    }
    return SurveyBundle(waves=MappingProxyType(waves), ledger=pd.DataFrame(), root=None)


def test_the_new_wave_is_compared_with_the_one_its_mapping_names():
    v = view(_bundle(), "q01")
    assert v.year == 2027 and v.prev_year == 2025
    assert v.share("Ja", 2025) == f"20{NBSP}%"
    assert v.share("Nei, aldri", 2025) == f"60{NBSP}%"  # counted under the 2025 label «Nei»
    assert v.prev_asked("Nei, aldri") and not v.prev_asked("Kanskje")


def test_the_table_shows_a_dash_for_the_option_without_counterpart():
    table = view(_bundle(), "q01").table()
    assert "Andel 2025" in table.columns and "Andel 2027" in table.columns
    assert table.cell("Kanskje", "Andel 2025") == "–"
    assert table.cell("Kanskje", "Andel 2027") == f"10{NBSP}%"


def test_the_sentences_name_what_is_left_out():
    bundle = _bundle()
    assert not_compared(view(bundle, "q01")) == (
        "Alternativet «Kanskje» har ikke noe motstykke i 2025 og sammenliknes ikke. "
        "Alternativet «Vet ikke» fra 2025 finnes ikke i 2027 og er ikke med i "
        "sammenlikningen.")
    block = to_plain(questionnaire_changes(bundle).markdown)
    assert "Spørsmål 2 fra 2025" in block and "ble ikke stilt i 2027" in block
    assert "Spørsmål 1: Alternativet" in block


def test_the_figure_marks_the_option_without_counterpart_as_such():
    texts = [t.get_text().strip() for t in view(_bundle(), "q01").figure().axes[0].texts]
    assert texts.count("uten motstykke i 2025") == 1  # «Kanskje»'s 2025 bar
    assert "ingen tall" not in texts


def test_options_without_a_known_wording_are_counted_not_quoted(monkeypatch):
    # «Ukjent alternativ 4»: the source gives no wording; readers get a count, not the label
    def questionnaire(year):
        labels = (["Ja", "Ukjent alternativ 3", "Ukjent alternativ 4"] if year == 2027
                  else ["Ja", "Ukjent alternativ 7 (ukjent ordlyd)"])
        raw = {"year": year, "title": "t", "source": "hand-made",
               "questions": [{"id": "q01", "number": 1, "text": "Hva?", "type": "single",
                              "options": [{"label": x} for x in labels]}]}
        if year == 2027:
            raw["compare_to"] = {"target_year": 2025, "questions": {"q01": "q01"},
                                 "options": {"q01": {"Ukjent alternativ 3": None,
                                                     "Ukjent alternativ 4": None}}}
        return Questionnaire.model_validate(raw)

    monkeypatch.setattr(__import__(__name__), "_questionnaire", questionnaire)
    waves = {2025: _wave(2025, ["Ja"] * 3), 2027: _wave(2027, ["Ja"] * 2)}
    bundle = SurveyBundle(waves=MappingProxyType(waves), ledger=pd.DataFrame(), root=None)
    sentence = not_compared(view(bundle, "q01"))
    assert "Ukjent alternativ" not in sentence
    assert sentence == (
        "To alternativer uten kjent ordlyd har ikke noe motstykke i 2025 og sammenliknes ikke. "
        "Ett alternativ uten kjent ordlyd fra 2025 finnes ikke i 2027 og er ikke med i "
        "sammenlikningen.")
