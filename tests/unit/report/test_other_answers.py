"""Texts typed under "Annet": a hand-made long frame."""

from types import SimpleNamespace

import pandas as pd

from analysis.report.other_answers import quoted, texts


def bundle_with(rows: list[tuple]) -> SimpleNamespace:
    long = pd.DataFrame(rows, columns=["respondent", "question", "option", "text"])
    return SimpleNamespace(current=SimpleNamespace(long=long), waves={})


B = bundle_with([
    (1, "q18", "Annet", "Gjennom NorTrials"),
    (2, "q18", "Annet", " Gjennom NorTrials "),  # same text, stray spaces: once
    (3, "q18", "I stor grad", None),
    (4, "q18", "Annet", "   "),  # blank: ignored
    (5, "q18", "Annet", "Via HF"),
    (6, "q19", "Annet", "Annet spørsmål"),
])


def test_texts_are_distinct_stripped_and_in_order():
    assert texts(B, "q18") == ["Gjennom NorTrials", "Via HF"]


def test_quoted_joins_with_og_and_is_empty_without_texts():
    assert quoted(B, "q18") == "«Gjennom NorTrials» og «Via HF»"
    assert quoted(B, "q01") == ""
