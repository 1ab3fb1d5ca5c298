"""The questionnaire files of 2025 and 2023: structure the published 2025 report states."""

from __future__ import annotations

import pytest

from analysis.questionnaire import QuestionnaireError, QuestionType, load_questionnaire


@pytest.fixture(scope="module")
def q2025():
    return load_questionnaire(2025)


@pytest.fixture(scope="module")
def q2023():
    return load_questionnaire(2023)


def test_2025_has_the_22_questions_in_order(q2025):
    # "Brukerundersøkelsen 2025 består av totalt 22 spørsmål"
    assert q2025.ids == [f"q{i:02d}" for i in range(1, 23)]
    assert [q.number for q in q2025.questions] == list(range(1, 23))


def test_2025_q01_has_the_seven_role_categories_of_the_method_section(q2025):
    labels = [o.label for o in q2025.question("q01").options]
    assert len(labels) == 7
    assert labels[0] == "Forsker/utprøver (for eksempel PI)"
    assert labels[-1] == "Annet"
    assert q2025.question("q01").other_option.label == "Annet"


def test_2025_option_counts_stated_in_the_method_section(q2025):
    # "(9 alternativer)", "(14 alternativer)", "(7 alternativer)"
    assert len(q2025.question("q04").options) == 9
    assert len(q2025.question("q10").options) == 14
    assert len(q2025.question("q14").options) == 7


def test_2025_q04_takes_exactly_three_choices(q2025):
    q4 = q2025.question("q04")
    assert q4.type is QuestionType.MULTIPLE
    assert (q4.min_choices, q4.max_choices) == (3, 3)


def test_2025_q01_q02_are_multiple_choice(q2025):
    # their 2025 counts sum past 186: 75+30+29+29+28+3+6 = 200 and 66+29+66+17+12 = 190
    assert q2025.question("q01").type is QuestionType.MULTIPLE
    assert q2025.question("q02").type is QuestionType.MULTIPLE


def test_2025_rating_questions_and_their_end_labels(q2025):
    ratings = {q.id for q in q2025.questions if q.type is QuestionType.RATING}
    assert ratings == {"q07", "q08", "q11", "q16"}
    for qid in ratings:
        assert q2025.question(qid).scale.points == [1, 2, 3, 4, 5]
    assert q2025.question("q07").scale.low_label == "Svært vanskelig"
    assert q2025.question("q08").scale.high_label == "Svært lett"
    assert q2025.question("q11").scale.high_label == "Svært fornøyd"
    assert q2025.question("q16").scale.low_label == "Svært misfornøyd"


def test_2025_new_and_free_text_questions(q2025):
    # "Dette er et nytt spørsmål" at Q6, Q8, Q9 and Q17; "fire nye spørsmål"
    assert {q.id for q in q2025.questions if q.new} == {"q06", "q08", "q09", "q17"}
    texts = {q.id for q in q2025.questions if q.type is QuestionType.TEXT}
    assert texts == {"q09", "q12", "q13", "q17", "q20", "q21", "q22"}


def test_2025_q11_is_routed_past_those_without_contact(q2025):
    cond = q2025.question("q11").condition
    assert cond.question == "q10"
    for label in cond.not_options:
        q2025.question("q10").option(label)  # raises KeyError if the label is unknown


def test_2025_degree_questions_have_annet_as_typed_other(q2025):
    for qid in ("q18", "q19"):
        assert q2025.question(qid).other_option.label == "Annet"


def test_2023_lacks_the_new_questions_and_has_its_own_options(q2023):
    assert not {"q06", "q08", "q09", "q17"} & set(q2023.ids)
    assert "Innovasjon" in {o.label for o in q2023.question("q01").options}
    assert "Annet" in {o.label for o in q2023.question("q02").options}
    for qid in ("q18", "q19"):
        assert "Annet" not in {o.label for o in q2023.question(qid).options}
    assert all(q.derived for q in q2023.questions)


def test_2023_mapping_targets_exist_in_2025(q2023, q2025):
    mapping = q2023.compare_to
    assert mapping.target_year == 2025
    for src, dst in mapping.questions.items():
        q2023.question(src)
        q2025.question(dst)
    for src, options in mapping.options.items():
        source_labels = {o.label for o in q2023.question(src).options}
        target_labels = {o.label for o in q2025.question(mapping.questions[src]).options}
        assert set(options) == source_labels, f"{src}: every 2023 option is mapped"
        for label, target in options.items():
            assert target is None or target in target_labels, f"{src}: {label!r} -> {target!r}"
    assert mapping.options["q01"]["Innovasjon"] is None
    assert mapping.options["q02"]["Annet"] is None


def test_schema_error_names_file_and_entry(tmp_path):
    broken = tmp_path / "broken.yaml"
    broken.write_text(
        "year: 2025\ntitle: t\nsource: s\nquestions:\n"
        "  - {id: q01, number: 1, text: a, type: single, options: [{label: Ja}]}\n"
        "  - {id: q03, number: 2, text: b, type: rating, scale: {low_label: x, high_label: y}}\n",
        encoding="utf-8",
    )
    with pytest.raises(QuestionnaireError) as err:
        load_questionnaire(broken)
    message = str(err.value)
    assert str(broken) in message
    assert "questions[1]" in message
    assert "does not match number 2" in message
