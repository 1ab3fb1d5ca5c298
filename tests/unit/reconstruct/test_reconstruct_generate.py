"""Laying solved counts out as respondents: every margin exact, structure respected."""

import datetime as dt
from collections import Counter

import pytest

from analysis.questionnaire.schema import Questionnaire
from analysis.reconstruct.generate import GenerationError, QuestionCounts, generate_rows

WINDOW = (dt.date(2025, 8, 11), dt.date(2025, 9, 8))
Q = Questionnaire.model_validate({
    "year": 2025, "title": "t", "source": "hand-made",
    "questions": [
        {"id": "q01", "number": 1, "text": "Kontakt?", "type": "single",
         "options": [{"label": "Ja"}, {"label": "Ingen kontakt"}]},
        {"id": "q02", "number": 2, "text": "Fornøyd?", "type": "rating",
         "scale": {"low_label": "Lite", "high_label": "Mye"},
         "condition": {"question": "q01", "not_options": ["Ingen kontakt"]}},
        {"id": "q03", "number": 3, "text": "Velg tre", "type": "multiple",
         "min_choices": 3, "max_choices": 3,
         "options": [{"label": x} for x in "ABCDE"]},
        {"id": "q04", "number": 4, "text": "Rolle", "type": "multiple",
         "options": [{"label": "Forsker"}, {"label": "Sykepleier"},
                     {"label": "Annet", "other": True}]},
    ],
})
COUNTS = {
    "q01": QuestionCounts(10, {"Ja": 6, "Ingen kontakt": 4}),
    "q02": QuestionCounts(5, {1: 1, 2: 0, 3: 1, 4: 1, 5: 2}),
    "q03": QuestionCounts(10, {"A": 9, "B": 8, "C": 7, "D": 4, "E": 2}),  # 30 = 3 x 10
    "q04": QuestionCounts(10, {"Forsker": 5, "Sykepleier": 6, "Annet": 2}, several=3,
                          other_texts=("Student", "Pensjonist")),
}


@pytest.fixture(scope="module")
def rows():
    return generate_rows(Q, COUNTS, 10, seed=7, window=WINDOW)


def test_every_margin_is_exact(rows):
    assert Counter(r["q01"] for r in rows) == {"Ja": 6, "Ingen kontakt": 4}
    assert Counter(r["q02"] for r in rows if r["q02"] is not None) == {1: 1, 3: 1, 4: 1, 5: 2}
    ticks = Counter(x for r in rows for x in r["q03"])
    assert ticks == {"A": 9, "B": 8, "C": 7, "D": 4, "E": 2}


def test_routing_keeps_the_no_contact_group_out_of_the_satisfaction_question(rows):
    assert all(r["q02"] is None for r in rows if r["q01"] == "Ingen kontakt")


def test_exactly_three_choices_each_without_repeats(rows):
    assert all(len(r["q03"]) == 3 == len(set(r["q03"])) for r in rows)


def test_the_published_number_ticking_several_options_is_kept(rows):
    # 13 ticks over 10 respondents with exactly 3 ticking more than one: 7 x 1 + 3 x 2.
    assert sorted(len(r["q04"]) for r in rows) == [1] * 7 + [2] * 3


def test_other_answers_carry_the_typed_text(rows):
    typed = sorted(x for r in rows for x in r["q04"] if x not in ("Forsker", "Sykepleier"))
    assert typed == ["Pensjonist", "Student"]


def test_same_seed_same_rows_other_seed_other_layout(rows):
    assert generate_rows(Q, COUNTS, 10, seed=7, window=WINDOW) == rows
    assert generate_rows(Q, COUNTS, 10, seed=8, window=WINDOW) != rows


def test_rows_are_anonymous(rows):
    assert {(r["email"], r["name"]) for r in rows} == {("anonymous", "")}


def test_impossible_layouts_are_errors_naming_the_question():
    too_many = {"q01": QuestionCounts(10, {"Ja": 1, "Ingen kontakt": 9}),
                "q02": QuestionCounts(5, {5: 5})}
    with pytest.raises(GenerationError, match="q02: 5 answers but only 1 respondents"):
        generate_rows(Q, too_many, 10, seed=1, window=WINDOW)
    with pytest.raises(GenerationError, match="q03: 29 choices cannot be spread"):
        generate_rows(Q, {"q03": QuestionCounts(10, {"A": 10, "B": 10, "C": 9})}, 10,
                      seed=1, window=WINDOW)
