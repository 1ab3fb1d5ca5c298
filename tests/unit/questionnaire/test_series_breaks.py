"""Series breaks as data: ``compare_to.breaks`` marks a question or an option, with a reason;
the link carries it onto the current wave's labels; bad breaks are refused with where and why."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from analysis.questionnaire import load_questionnaire
from analysis.questionnaire.compare import comparison_link
from analysis.questionnaire.schema import Questionnaire, SeriesBreak


def _raw(breaks):
    return {"year": 2023, "title": "t", "source": "s",
            "questions": [{"id": "q01", "number": 1, "text": "?", "type": "single",
                           "options": [{"label": "Ja"}, {"label": "Nei"}]}],
            "compare_to": {"target_year": 2025, "questions": {"q01": "q01"},
                           "breaks": breaks}}


def test_the_bundled_questionnaires_mark_q5_and_q10_ingen_kontakt():
    now, before = load_questionnaire(2025), load_questionnaire(2023)
    q05 = comparison_link(now, before, "q05")
    assert q05.break_reason and "nye nettsidene" in q05.break_reason
    q10 = comparison_link(now, before, "q10")
    assert q10.break_reason is None
    assert list(q10.option_breaks) == ["Ingen kontakt med forskningsstøtte"]
    reason = q10.option_breaks["Ingen kontakt med forskningsstøtte"]
    assert "Jobber selv i forskningsstøtte" in reason
    assert comparison_link(now, before, "q14").option_breaks == {}


def test_a_break_needs_a_reason_for_the_question_or_its_options_not_both():
    with pytest.raises(ValidationError, match="needs a reason"):
        SeriesBreak()
    with pytest.raises(ValidationError, match="not both"):
        SeriesBreak(reason="Spørsmålet er endret.", options={"Ja": "Ordlyden er endret."})


def test_a_break_on_an_unknown_option_or_an_uncompared_question_is_refused():
    with pytest.raises(ValidationError, match="'Kanskje' is not an option of q01"):
        Questionnaire.model_validate(_raw({"q01": {"options": {"Kanskje": "Nytt alternativ."}}}))
    raw = _raw({"q01": {"reason": "Spørsmålet er endret."}})
    raw["compare_to"]["questions"] = {"q01": None}
    with pytest.raises(ValidationError, match="not compared"):
        Questionnaire.model_validate(raw)


def test_ordered_is_for_single_choice_only():
    raw = _raw({})
    raw["questions"][0].update(type="multiple", ordered=True)
    with pytest.raises(ValidationError, match="only a single-choice question can be ordered"):
        Questionnaire.model_validate(raw)
