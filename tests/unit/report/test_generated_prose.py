"""Prose that code writes, on the bundled data, against the style sheet (docs/style-sheet.md).

The chapter linter reads chapter *sources*; the lists of free-text answers, the sentences on
what cannot be tested and the counts the views print are written by ``analysis.report`` and
never appear there. These tests call the functions the chapters call and check the strings:
no «Tema:» label on a bullet, quotation marks «…» with ‹…› inside and never doubled, and
small counts in words. Expected strings are written by hand from the published report
(``data/published/``), not copied from our output.
"""

from __future__ import annotations

import re

import pytest

from analysis import display, fmt, report
from analysis.report import audit_view, comparability, context, other_answers, trends
from analysis.report import free_text as ft

#: A count under 13 written in digits, as a word of its own (not a decimal, percentage,
#: percentage points, question number or part of a longer number).
SMALL_DIGITS = re.compile(r"(?<![\d,.\w])(?:[0-9]|1[0-2])(?![\d,.]\d|\w)(?!\s*(?:%|prosentpoeng))")


@pytest.fixture(scope="module")
def bundle():
    return report.load()


def _plain(block) -> str:
    return display.to_plain(block.markdown)


def _coded(bundle) -> list[str]:
    return sorted(ft.coding(bundle).questions)


def _outside_quotes(text: str) -> str:
    """The text with every «…» quotation taken out (respondents' words may hold digits)."""
    return re.sub(r"«[^«»]*»", "«»", text)


def test_the_digit_pattern_itself():
    assert SMALL_DIGITS.findall("mens 1 ikke kan testes, og 12 rader") == ["1", "12"]
    assert SMALL_DIGITS.findall("42 %, +5 prosentpoeng, 3,99, 13 rader, 2023, q07") == []


def test_free_text_lists_have_no_tema_label(bundle):
    for qid in _coded(bundle):
        text = _plain(ft.examples(bundle, qid))
        assert not re.search(r"(?mi)^\s*[-*+]\s*\**\s*tema\s*:", text), qid
    # the report's summary of a bottleneck (section 4.7), as the bullet itself
    q20 = _plain(ft.examples(bundle, "q20")).splitlines()
    assert "- Lang behandlingstid for godkjenninger (REK KULMU, DMP)" in q20


def test_a_summary_that_quotes_gets_norwegian_marks():
    assert fmt.guillemets('Kommentarer som "Fungerer fint" tyder på') == (
        "Kommentarer som «Fungerer fint» tyder på")


def test_quotes_inside_a_quotation_take_single_guillemets(bundle):
    lines = _plain(ft.examples(bundle, "q13")).splitlines()
    # the report prints these two answers with quotation marks of their own (section 4.4)
    assert ("- «‹Politimann›- holdning (hvis de tror at det er en liten mulighet for brudd på "
            "regler så nekter de å hjelpe deg)»") in lines
    assert "- «SOPene er ikke ‹nøytrale› nok, passer best til forsknings i somatikken»" in lines


def test_no_quotation_gets_a_second_pair(bundle):
    texts = [_plain(ft.examples(bundle, qid)) for qid in _coded(bundle)]
    texts += [str(other_answers.sentence(bundle, q.id))
              for q in bundle.current.questionnaire.questions
              if q.type.name in ("SINGLE", "MULTIPLE")]
    texts.append(_plain(comparability.questionnaire_changes(bundle)))
    for text in texts:
        assert "««" not in text and "»»" not in text, text[:80]
        for line in text.splitlines():
            if line.startswith("- «"):  # one quoted answer per bullet: one outer pair
                quote = re.sub(r" \(\d+\)$", "", line[2:])
                assert quote.endswith("»") and quote.count("«") == 1, line
    assert fmt.quote("«Gjennom NorTrials»") == "«Gjennom NorTrials»"
    assert fmt.quote('Han skrev "ved behov"') == "«Han skrev ‹ved behov›»"


def test_what_cannot_be_tested_is_named_with_its_reason(bundle):
    q07, q03 = report.view(bundle, "q07"), report.view(bundle, "q03")
    changes = trends.change_table([
        ("Lett å finne fram på norcrin.no", q07, None),
        ("Kjenner NorCRIN godt", q03, "Kjenner godt"),
    ])
    # the report gives only the mean and the median of Q7 for the previous round
    assert trends.untestable_sentence(changes) == (
        "For «Lett å finne fram på norcrin.no» kan endringen ikke testes, fordi "
        f"svarfordelingen for {bundle.previous.year} ikke er kjent.")
    assert trends.untestable_sentence(trends.change_table([
        ("Kjenner NorCRIN godt", q03, "Kjenner godt")])) == ""


def test_small_counts_are_words(bundle):
    prev = bundle.previous.year
    q01, q16 = report.view(bundle, "q01"), report.view(bundle, "q16")
    # the report: three target groups (section 5); three from industry; Q16 answered by
    # eleven this year and twelve last time (section 4.5)
    assert context.published(bundle, "r25-s5-target-groups-count", words=True) == "tre"
    assert q01.count("Industri", words=True) == "tre"
    assert (q16.n(words=True), q16.n(prev, words=True)) == ("elleve", "tolv")
    # 75 studiesykepleiere (section 4.1): above twelve, digits
    assert q01.count("Studiesykepleier/-koordinator", words=True) == "75"
    with pytest.raises(ValueError, match="not a count"):
        context.published(bundle, "r25-q16-y2025-mean", words=True)


def test_generated_sentences_write_no_small_count_in_digits(bundle):
    q07 = report.view(bundle, "q07")
    sentences = [
        trends.untestable_sentence(trends.change_table([("Lett å finne fram", q07, None)])),
        audit_view.count(bundle, "not-reproducible", words=True),
        audit_view.inconsistent_count(bundle, words=True),
        audit_view.contradiction_count(bundle, words=True),
        *(str(other_answers.sentence(bundle, qid)) for qid in ("q01", "q06", "q18", "q19")),
    ]
    for sentence in sentences:
        assert not SMALL_DIGITS.search(_outside_quotes(str(sentence))), sentence
