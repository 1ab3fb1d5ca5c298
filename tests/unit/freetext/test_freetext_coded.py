"""coded_answers lays out the stated number of answers, from quotes and marked placeholders."""

from collections import Counter

import pytest

from analysis.freetext import (
    NOT_USEFUL,
    UNCATEGORISED,
    category_placeholder,
    coded_answers,
    is_placeholder,
)


@pytest.mark.parametrize(
    ("qid", "answered"),
    [("q09", 74), ("q12", 47), ("q13", 34), ("q17", 18), ("q20", 183), ("q22", 183)],
)
def test_length_is_answered(free_text, qid, answered):
    assert len(coded_answers(free_text, qid)) == answered


def test_q09_counts_and_placeholders(free_text):
    answers = coded_answers(free_text, "q09")
    by_category = Counter(c for c, _ in answers)
    assert by_category == {"Positive tilbakemeldinger": 26, "Utfordringer": 21,
                           "Konkrete forbedringsforslag": 11, None: 16}
    assert answers[:4] == [
        ("Positive tilbakemeldinger", "Fungerer fint"),
        ("Positive tilbakemeldinger", "Bra layout"),
        ("Positive tilbakemeldinger", "Under positiv utvikling"),
        ("Positive tilbakemeldinger",
         "[Plassholder: svar i kategorien «Positive tilbakemeldinger» er ikke gjengitt i "
         "rapporten]"),
    ]
    assert answers[-16:] == [(None, "[Plassholder: svar uten innhold, f.eks. «vet ikke»]")] * 16
    assert sum(not is_placeholder(t) for _, t in answers) == 3


def test_q12_multiplier_repeats_quote(free_text):
    texts = [t for _, t in coded_answers(free_text, "q12")]
    assert texts.count("Raskt svar") == 2
    assert texts.count(NOT_USEFUL) == 13
    assert not any(is_placeholder(t) and t != NOT_USEFUL for t in texts)


def test_q12_every_quote_kept(free_text):
    joined = " / ".join(t for _, t in coded_answers(free_text, "q12"))
    for c in free_text.question("q12").categories:
        for q in c.quotes:
            assert q.text in joined


def test_q13_multi_category_answers_are_joined(free_text):
    answers = coded_answers(free_text, "q13")
    assert [t for _, t in answers].count(NOT_USEFUL) == 14
    assert answers[0] == ("Ressurser, kapasitet og ventetid",
                          "Mangler ressurser (kunnskap) til å bidra godt nok med det vi trenger"
                          " / Lite monitoreringshjelp")
    joined = " / ".join(t for _, t in answers)
    assert all(q.text in joined for c in free_text.question("q13").categories for q in c.quotes)


def test_q20_only_placeholders(free_text):
    answers = coded_answers(free_text, "q20")
    assert Counter(t for _, t in answers) == {NOT_USEFUL: 183 - 91, UNCATEGORISED: 91}
    assert all(c is None for c, _ in answers)


def test_larger_answered_fills_uncategorised(free_text):
    answers = coded_answers(free_text, "q17", answered=20)
    assert [t for _, t in answers[-2:]] == [UNCATEGORISED, UNCATEGORISED]
    assert answers[0] == ("Synlighet og informasjon", free_text.question("q17")
                          .categories[0].quotes[0].text)


def test_deterministic(free_text):
    assert coded_answers(free_text, "q13") == coded_answers(free_text, "q13")


def test_too_few_answers_raises(free_text):
    with pytest.raises(ValueError, match="q09: answered=10 is below the 16"):
        coded_answers(free_text, "q09", answered=10)


def test_placeholder_marking():
    assert is_placeholder(category_placeholder("Utfordringer"))
    assert category_placeholder("Utfordringer") == (
        "[Plassholder: svar i kategorien «Utfordringer» er ikke gjengitt i rapporten]"
    )
    assert not is_placeholder("Raskt svar")
