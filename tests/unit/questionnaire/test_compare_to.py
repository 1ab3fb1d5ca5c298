"""compare_to: validated on its own side by the schema, against the other wave by the link."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from questionnaire_pair import RAW_2027, q2025, q2027, raw

from analysis.questionnaire import QuestionnaireError, load_questionnaire
from analysis.questionnaire.compare import comparison_link
from analysis.questionnaire.schema import Questionnaire


def _with_mapping(**mapping):
    data = raw(RAW_2027)
    data["compare_to"] = {"target_year": 2025, **mapping}
    return data


def test_a_mapping_back_pairs_renamed_options_and_drops_null_ones():
    link = comparison_link(q2027(), q2025(), "q02")
    assert link.previous_id == "q02"
    # previous label -> current label; «Aldri hørt om» has nothing mapping onto it
    assert link.option_map == {"Kjenner godt": "Kjenner svært godt", "Usikker": None,
                               "Aldri hørt om": None}


def test_unlisted_options_keep_their_own_label():
    link = comparison_link(q2027(), q2025(), "q01")
    assert link.option_map == {"Sykehus": "Sykehus", "Industri": "Industri"}
    data = _with_mapping(questions={"q01": "q01"})
    assert comparison_link(Questionnaire.model_validate(data), q2025(), "q01").option_map == {
        "Sykehus": "Sykehus", "Industri": "Industri"}


def test_a_question_mapped_to_null_or_not_listed_has_no_counterpart():
    assert comparison_link(q2027(), q2025(), "q04") is None
    data = _with_mapping(questions={"q02": "q02"})
    assert comparison_link(Questionnaire.model_validate(data), q2025(), "q01") is None


def test_the_forward_mapping_of_2023_still_links_2025():
    link = comparison_link(load_questionnaire(2025), load_questionnaire(2023), "q02")
    assert link.previous_id == "q02" and link.option_map["Annet"] is None
    assert comparison_link(load_questionnaire(2025), load_questionnaire(2023), "q06") is None


@pytest.mark.parametrize(("mapping", "message"), [
    ({"questions": {"q09": "q01"}}, "compare_to.questions: q09 is not a question of 2027"),
    ({"questions": {"q01": "q01"}, "options": {"q01": {"Kontor": "Sykehus"}}},
     "compare_to.options.q01: 'Kontor' is not an option of q01 in 2027"),
    ({"questions": {"q01": None}, "options": {"q01": {"Sykehus": "Sykehus"}}},
     "q01 is not mapped in compare_to.questions"),
    ({"questions": {"q01": "Q1"}}, "'Q1' is not a question id"),
])
def test_the_schema_rejects_a_mapping_whose_keys_this_wave_lacks(mapping, message):
    with pytest.raises(ValidationError, match=message.replace("(", r"\(")):
        Questionnaire.model_validate(_with_mapping(**mapping))


def test_the_schema_rejects_a_mapping_onto_its_own_year():
    data = raw(RAW_2027)
    data["compare_to"]["target_year"] = 2027
    with pytest.raises(ValidationError, match="is this wave's own year"):
        Questionnaire.model_validate(data)


def test_a_target_the_earlier_wave_lacks_is_an_error_naming_file_and_entry():
    data = _with_mapping(questions={"q01": "q07"})
    with pytest.raises(QuestionnaireError) as err:
        comparison_link(Questionnaire.model_validate(data), q2025(), "q01")
    assert str(err.value) == ("data/questionnaires/2027.yaml (compare_to, q01): maps to q07, "
                              "which the 2025 questionnaire does not have; give one of its "
                              "questions or null")
    data = _with_mapping(questions={"q02": "q02"}, options={"q02": {"Vet ikke": "Usikkert"}})
    with pytest.raises(QuestionnaireError, match="'Vet ikke' maps to 'Usikkert', which is not "
                                                 "an option of q02 in 2025"):
        comparison_link(Questionnaire.model_validate(data), q2025(), "q02")


def test_two_options_onto_one_and_a_changed_type_are_refused():
    data = _with_mapping(questions={"q02": "q02"},
                         options={"q02": {"Vet ikke": "Usikker", "Ny kanal": "Usikker"}})
    with pytest.raises(QuestionnaireError, match="a split option cannot be compared"):
        comparison_link(Questionnaire.model_validate(data), q2025(), "q02")
    data = _with_mapping(questions={"q01": "q03"})
    with pytest.raises(QuestionnaireError, match="a single question cannot be compared with "
                                                 "q03 of 2025, a rating question"):
        comparison_link(Questionnaire.model_validate(data), q2025(), "q01")


def test_a_rating_on_another_scale_is_refused():
    data = _with_mapping(questions={"q04": None})
    data["questions"].append({"id": "q03", "number": 3, "text": "Hvor lett var det?",
                              "type": "rating", "scale": {"min": 1, "max": 7,
                                                          "low_label": "V", "high_label": "L"}})
    data["compare_to"]["questions"]["q03"] = "q03"
    with pytest.raises(QuestionnaireError, match="the scale 1-7 cannot be compared with q03 of "
                                                 "2025 on 1-5; map it to null"):
        comparison_link(Questionnaire.model_validate(data), q2025(), "q03")
    data["questions"][-1]["scale"]["max"] = 5
    assert comparison_link(Questionnaire.model_validate(data), q2025(), "q03").previous_id == "q03"
