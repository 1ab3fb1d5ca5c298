"""Header normalisation and matching of export columns to questions."""

import pytest

from analysis.ingest.headers import (
    column_label,
    fixed_role,
    match_columns,
    normalise_header,
    normalise_value,
)


@pytest.mark.parametrize("raw, expected", [
    ("Hvor fornøyd var du?", "hvor fornøyd var du?"),
    ("  Hvor\u00a0fornøyd  var du?\u00a0\u00a0", "hvor fornøyd var du?"),
    ("3. Hvor fornøyd\nvar du?", "hvor fornøyd var du?"),
    ("12) Hvor fornøyd var du?", "hvor fornøyd var du?"),
    ("Kommentarer:", "kommentarer"),
    ("Kommentarer :  ", "kommentarer"),
    ("\u201cNorCRIN\u201d \u2013 alt i alt", '"norcrin" - alt i alt'),
    ("Hva er NorCRIN\u2019s rolle", "hva er norcrin's rolle"),
])
def test_normalise_header(raw, expected):
    assert normalise_header(raw) == expected


def test_decimal_number_is_not_a_question_number():
    # "1.5 timer" starts with a number but not a "1. " question number
    assert normalise_header("1.5 timer eller mer") == "1.5 timer eller mer"


def test_normalise_value_keeps_colons_and_numbers():
    assert normalise_value("1. Ja:") == "1. ja:"


@pytest.mark.parametrize("header, role", [
    ("ID", "id"), ("Id", "id"), ("Start time", "start"), ("Starttidspunkt", "start"),
    ("Fullføringstidspunkt", "completion"), ("Completion time", "completion"),
    ("E-postadresse", "email"), ("Email", "email"), ("Navn", "name"), ("Name", "name"),
    ("Tidspunkt for siste endring", "modified"), ("Last modified time", "modified"),
    ("Total points", "quiz"), ("Points - Hvor fornøyd", "quiz"), ("Feedback - X", "quiz"),
    ("Hvor fornøyd var du?", None), ("Name2", None),
])
def test_fixed_role(header, role):
    assert fixed_role(header) == role


def test_column_label_names_letter_and_header():
    assert column_label(0, "ID") == "A ('ID')"
    assert column_label(27, "Navn") == "AB ('Navn')"


def test_match_by_normalised_text_in_any_order():
    keys = {"hvor fornøyd var du?": ["q02"], "rolle": ["q01"]}
    found = match_columns({4: "Rolle ", 3: "2. Hvor\u00a0fornøyd var du?", 7: "Noe annet"}, keys)
    assert found.questions == {"q01": 4, "q02": 3}
    assert found.unknown == [7]
    assert found.duplicates == []


def test_duplicate_titles_get_numeric_suffix():
    # Two questions share a title; Forms writes "Påstand" then "Påstand2".
    keys = {"påstand": ["q05", "q06"]}
    found = match_columns({10: "Påstand2", 9: "Påstand"}, keys)
    assert found.questions == {"q05": 9, "q06": 10}


def test_suffix_alone_still_matches_a_single_question():
    # A question titled "Name" collides with the fixed Name column and becomes "Name2".
    found = match_columns({6: "Name2"}, {"name": ["q01"]})
    assert found.questions == {"q01": 6}


def test_second_column_for_the_same_question_is_a_duplicate():
    found = match_columns({3: "Rolle", 4: "rolle "}, {"rolle": ["q01"]})
    assert found.questions == {"q01": 3}
    assert found.duplicates == [(4, "q01")]
