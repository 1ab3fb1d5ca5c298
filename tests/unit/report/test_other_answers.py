"""Texts typed under "Annet": printed only when the wave opts in and the screen kept them."""

from types import SimpleNamespace

import pandas as pd

from analysis.report.other_answers import quoted, sentence, texts


def bundle_with(rows: list[tuple], publish: bool = True, held=()) -> SimpleNamespace:
    long = pd.DataFrame(rows, columns=["respondent", "question", "option", "text"])
    wave = SimpleNamespace(long=long, publish_text=publish,
                           held_back=lambda qid: frozenset(held))
    return SimpleNamespace(current=wave, waves={})


ROWS = [
    (1, "q18", "Annet", "Gjennom NorTrials"),
    (2, "q18", "Annet", " Gjennom NorTrials "),  # same text, stray spaces: once
    (3, "q18", "I stor grad", None),
    (4, "q18", "Annet", "   "),  # blank: ignored
    (5, "q18", "Annet", "Via HF"),
    (6, "q19", "Annet", "Annet spørsmål"),
]
B = bundle_with(ROWS)


def test_texts_are_distinct_stripped_and_in_order():
    assert texts(B, "q18") == ["Gjennom NorTrials", "Via HF"]


def test_quoted_joins_with_og_and_is_empty_without_texts():
    assert quoted(B, "q18") == "«Gjennom NorTrials» og «Via HF»"
    assert quoted(B, "q01") == ""


def test_nothing_is_printed_unless_the_wave_opts_in():
    closed = bundle_with(ROWS, publish=False)
    assert texts(closed, "q18") == []
    assert sentence(closed, "q18").startswith("Hva de skrev, gjengis ikke")


def test_an_answer_the_screen_held_back_is_not_quoted():
    screened = bundle_with(ROWS, held={5})
    assert texts(screened, "q18") == ["Gjennom NorTrials"]
    assert sentence(screened, "q18") == "Blant det de skrev, er «Gjennom NorTrials»."
    all_held = bundle_with(ROWS, held={1, 2, 5})
    assert sentence(all_held, "q18") == ("Hva de skrev, gjengis ikke, fordi svarene kan "
                                         "identifisere personer.")
    assert sentence(B, "q01") == "Ingen skrev noe i fritekstfeltet."
