"""A question the current wave did not ask: its view never raises, and the filter replaces its
chapter section with the sentence (hand-made 2025/2027 bundle: q02 asked in 2025 only)."""

from __future__ import annotations

import pypandoc
import pytest
from bs4 import BeautifulSoup
from test_comparability import _bundle

from analysis.display import FILTER, Block, Text
from analysis.report import asked_marker, view
from analysis.report.not_asked import NotAskedView, asked_marker_markdown, section_left_out

SENTENCE = ("Spørsmål 2 («Hvor lett?») ble ikke stilt i 2027, så her er ingen resultater "
            "å vise.")


def _html(markdown: str) -> str:
    return pypandoc.convert_text(markdown, "html5", format="markdown",
                                 extra_args=[f"--lua-filter={FILTER}"])


def _chapter(marker: str) -> str:
    return (f"{marker}\n\nInnledning.\n\n"
            '::: {.question qid="q01"}\n## Kjenner du oss?\n\nEtt svar.\n:::\n\n'
            '::: {.question qid="q02"}\n## Hvor lett?\n\nTo svar.\n\n'
            "::: {#tbl-x}\n| a |\n|---|\n| 1 |\n:::\n:::\n\nSlutt.\n")


def test_the_sentence_names_the_question_as_the_last_wave_that_asked_it():
    assert section_left_out(_bundle(), "q02") == SENTENCE
    with pytest.raises(KeyError, match="q01"):
        section_left_out(_bundle(), "q01")  # asked now


def test_the_view_of_a_question_not_asked_never_raises():
    v = view(_bundle(), "q02")
    assert isinstance(v, NotAskedView)
    assert (v.year, v.prev_year, v.compared) == (2027, None, False)
    for value in (v.n(), v.share([4, 5], 2025), v.verdict(), v.text, v.headers[0],
                  v.count("x"), v.mean(decimals=1)):
        assert isinstance(value, Text) and value == "–"
    assert isinstance(v.table(), Block) and "data-text" in v.table().markdown
    assert v.figure().axes[0].texts[0].get_text() == SENTENCE


def test_a_question_no_wave_asked_is_still_an_error():
    with pytest.raises(KeyError, match="q99"):
        view(_bundle(), "q99")


def test_the_filter_keeps_asked_sections_and_of_the_others_only_the_heading():
    html = _html(_chapter(asked_marker(_bundle()).markdown))
    soup = BeautifulSoup(html, "html.parser")
    assert [h.get_text() for h in soup.find_all("h2")] == ["Kjenner du oss?", "Hvor lett?"]
    paragraphs = [" ".join(p.get_text().split()) for p in soup.find_all("p")]
    assert paragraphs == ["Innledning.", "Ett svar.", SENTENCE, "Slutt."]
    assert not soup.find_all("table") and "asked" not in html and "question" not in html


def test_the_marker_paragraph_leaves_no_trace():
    plain = _html("Tekst.\n\n" + asked_marker_markdown(["q01"], {}) + "\n")
    assert plain.strip() == "<p>Tekst.</p>"


def test_the_sentence_is_text_even_when_the_question_holds_markup():
    marker = asked_marker_markdown(["q01"], {"q02": "<script>x</script> *y* @tbl-z"})
    html = _html(_chapter(marker))
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt; *y* @tbl-z" in html


@pytest.mark.parametrize("markdown, message", [
    ('::: {.question qid="q02"}\nx\n:::\n', "needs the chapter's marker"),
    ('[]{.asked qids="q01"}\n\n::: {.question}\nx\n:::\n', "needs a qid"),
    ('[]{.asked qids="q01"}\n\n::: {.question qid="q07"}\nx\n:::\n', "q07"),
])
def test_a_wrong_question_div_stops_the_render_with_a_reason(markdown, message):
    with pytest.raises(RuntimeError, match=message):
        _html(markdown)
