"""The deck's view: chart alt text and markers on hand-made charts, and the slides of the
bundled data against the published report's figures and hand-computed values."""

from __future__ import annotations

import pytest

from analysis.display import to_plain
from analysis.report import deck
from analysis.report.findings_file import findings_path, load_findings_file

NBSP = "\u00a0"


def test_alt_text_names_the_chart_and_every_value():
    chart = deck.Chart("q9", "kjennskap", ("A", "B"), (("2023", (0.25, None)),
                                                       ("2025", (0.5, 0.125))))
    # 0.125 prints as 13 % (half up, as the book rounds)
    assert chart.alt == (f"Stolpediagram, kjennskap. 2023: A 25{NBSP}%. "
                         f"2025: A 50{NBSP}%; B 13{NBSP}%.")


def test_the_marker_carries_the_chart_and_nothing_else():
    chart = deck.Chart("q9", "x «y»", ("Æ", "B/C"), (("2025", (0.1, None)),))
    marker = deck.chart_marker(chart)
    assert marker.startswith(deck.MARKER) and " " not in marker
    assert deck.read_marker(marker) == chart
    assert deck.read_marker("Kjenner godt: 42 %") is None


def test_slide_markdown_escapes_its_text_and_puts_notes_apart():
    chart = deck.Chart("q9", "t", ("A",), (("2025", (0.5,)),))
    slide = deck.Slide("k", "*Tittel*", ("<b>1</b>",), notes=("Merk",), chart=chart)
    md = slide.markdown().markdown
    assert md.startswith("## []{.data-text")
    assert "*Tittel*" not in md and "<b>" not in md
    assert ":::: {.columns}" in md and "::: {.notes}" in md
    assert slide.texts() == ["*Tittel*", "<b>1</b>"]


@pytest.fixture(scope="module")
def slides():
    from analysis import report

    return deck.by_key(report.load())


def test_respondents_as_published(slides):
    # the 2025 report: 186 answers, against 155 in 2023 -> 31 more
    assert slides["svar"].bullets[:2] == ("186 svarte i 2025", "31 flere enn i 2023 (155 svar)")


def test_about_a_dozen_slides_in_the_issue_order(slides):
    assert list(slides) == ["svar", "hvem", "nokkeltall", "seksjon-q03", "seksjon-q08",
                            "seksjon-q10", "seksjon-q15", "seksjon-q18", "flaskehalser",
                            "anbefalinger", "videre"]


def test_key_figures_and_recommendations_follow_the_given_file(slides):
    spec = load_findings_file(findings_path())
    table = slides["nokkeltall"].table
    assert [row[0] for row in table.rows()] == [i.label for i in spec.indicators]
    recs = slides["anbefalinger"].table
    assert list(recs.columns) == ["Anbefaling", "Hvem"]
    # who acts, as data/recommendations.yaml's `who` names them (authored, not typed in code)
    assert [row[1] for row in recs.rows()] == [r.who for r in spec.recommendations]
    assert recs.rows()[0][1] == "Sekretariatet og arbeidspakken for prosedyrene"
    # every indicator's interval is in the notes, not on the slide
    assert sum("konfidensintervall" in n for n in slides["nokkeltall"].notes) == len(
        spec.indicators)


def test_what_happens_next(slides):
    # presented 23 Oct and 13 Nov 2025 (data/survey-waves.yaml); every other year -> 2027
    assert slides["videre"].bullets == ("Styremøte 23. oktober 2025",
                                        "Brukermøte 13. november 2025",
                                        "Neste undersøkelse: 2027")


def test_short_lines_on_the_slide_long_ones_in_the_notes(slides):
    for s in slides.values():
        assert len(s.bullets) <= 5, s.key
        assert all(len(to_plain(b)) <= 110 for b in s.bullets), s.key
        assert s.notes, f"{s.key}: no speaker notes"
