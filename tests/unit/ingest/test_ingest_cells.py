"""Parsing single cells: choices (incl. commas, trailing ';', other text), ratings, text."""

import pytest

from analysis.ingest.cells import CellError, CellParser, is_blank
from analysis.questionnaire.schema import Question


def _multiple(other=True, **limits):
    options = [{"label": "Monitorering"}, {"label": "Rådgivning, planlegging"},
               {"label": "Data; lagring"}]
    if other:
        options.append({"label": "Annet", "other": True})
    return CellParser(Question(id="q03", number=3, text="Tjenester?", type="multiple",
                               options=options, **limits))


def test_option_with_comma_is_one_option():
    assert _multiple().parse("Rådgivning, planlegging;") == ((1, None, None),)


def test_trailing_semicolon_and_option_order():
    assert _multiple().parse("Rådgivning, planlegging;Monitorering;") == (
        (0, None, None), (1, None, None))


def test_option_containing_semicolon_is_matched_whole():
    assert _multiple().parse("Data; lagring;Monitorering;") == ((0, None, None), (2, None, None))


def test_unknown_text_becomes_other_text_with_original_case():
    assert _multiple().parse("Monitorering;Egen Tjeneste, med komma;") == (
        (0, None, None), (3, None, "Egen Tjeneste, med komma"))


def test_unknown_text_without_other_option_is_an_error():
    with pytest.raises(CellError) as caught:
        _multiple(other=False).parse("Monitorering;Noe annet;")
    assert caught.value.message == "unknown option 'Noe annet'"
    assert "'Monitorering'" in caught.value.expected


def test_labels_match_despite_case_and_spaces():
    assert _multiple().parse(" monitorering ;RÅDGIVNING,  planlegging;") == (
        (0, None, None), (1, None, None))


def test_too_many_and_too_few_choices():
    parser = _multiple(min_choices=2, max_choices=2)
    with pytest.raises(CellError) as caught:
        parser.parse("Monitorering;Rådgivning, planlegging;Data; lagring;")
    assert (caught.value.message, caught.value.expected) == ("3 choices", "2 to 2 choices")
    with pytest.raises(CellError):
        parser.parse("Monitorering;")


def _single(other):
    options = [{"label": "Ja"}, {"label": "Nei"}] + ([{"label": "Annet", "other": True}]
                                                     if other else [])
    return CellParser(Question(id="q01", number=1, text="?", type="single", options=options))


def test_single_choice():
    assert _single(False).parse("nei") == ((1, None, None),)
    assert _single(True).parse(" Kanskje ") == ((2, None, "Kanskje"),)
    with pytest.raises(CellError, match="unknown option"):
        _single(False).parse("Kanskje")


def _rating():
    return CellParser(Question(id="q04", number=4, text="?", type="rating",
                               scale={"min": 1, "max": 5, "low_label": "lav",
                                      "high_label": "høy"}))


@pytest.mark.parametrize("value", [4, 4.0, "4", " 4 ", "4,0"])
def test_rating_accepts_integers_in_several_forms(value):
    assert _rating().parse(value) == ((-1, 4, None),)


@pytest.mark.parametrize("value, message", [
    (6, "rating outside the scale"), (0, "rating outside the scale"),
    (3.5, "not an integer rating"), ("fire", "not an integer rating"),
    (True, "not an integer rating"),
])
def test_rating_errors(value, message):
    with pytest.raises(CellError) as caught:
        _rating().parse(value)
    assert caught.value.message == message
    assert caught.value.expected == "an integer from 1 to 5"


def test_text_is_stripped_and_blank_is_unanswered():
    parser = CellParser(Question(id="q05", number=5, text="?", type="text"))
    assert parser.parse("  Bra, takk \n") == ((-1, None, "Bra, takk"),)
    assert parser.parse("   ") is None
    assert is_blank(None) and is_blank(float("nan")) and not is_blank(0)
