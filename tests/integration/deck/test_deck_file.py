"""The presentation as a reader gets it: rendered once (built-in engine, a project copy), then
opened with python-pptx and through LibreOffice's PDF.

- every number on every slide (text, table cells, chart data, speaker notes) is the number the
  deck's views give for that slide (:mod:`analysis.report.deck`), and the respondent counts are
  the published report's (the ledger);
- every picture and chart has alt text that names what it shows and holds no file path;
- only the template's layouts are used, and nothing is left of the chart markers;
- no text lies outside its shape or the slide (word boxes of LibreOffice's PDF);
- LibreOffice opens the file (the handout has one page per slide) and the package has what
  PowerPoint checks before it offers a repair (well-formed parts with a content type, unique
  shape ids).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from collections import Counter
from pathlib import Path

import pytest
import yaml
from lxml import etree

from analysis import fmt
from analysis.engine.deck import deck_names
from analysis.report import deck as deck_view
from analysis.slides import read_deck, soffice
from analysis.slides.charts import PATH_LIKE
from analysis.slides.inspect import numbers

#: Tolerance of the text-position check, in points (LibreOffice's glyph boxes).
SLACK = 3.0


pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def rendered(deck_render):
    """(project root, pptx, handout pdf or None) of the session's cold built-in render of the
    deck (``deck_render`` in tests/conftest.py)."""
    root, pptx = deck_render
    pdf = root / "_book" / deck_names(root)[1]
    return root, pptx, pdf if pdf.is_file() else None


@pytest.fixture(scope="module")
def model(rendered):
    """The slides the views give (after the title slide), computed in this process."""
    from analysis.bundle import load_bundle

    return deck_view.deck(load_bundle(rendered[0]))


@pytest.fixture(scope="module")
def slides(rendered):
    return read_deck(rendered[1])


def _chart_numbers(chart) -> list[str]:
    return [fmt.pct(v) for _, values in chart.series for v in values if v is not None]


def _shown_chart_numbers(charts) -> list[str]:
    return [fmt.pct(v) for _, series in charts for _, values in series for v in values
            if v is not None]


def test_one_slide_per_view_after_the_title(slides, model):
    shown, _, _ = slides
    assert [s.texts[0] for s in shown[1:]] == [s.title for s in model]
    assert 12 <= len(shown) <= 15


def test_every_number_on_every_slide_is_the_views(slides, model):
    shown, _, _ = slides
    wrong = []
    for slide, expected in zip(shown[1:], model, strict=True):
        got = Counter(n for t in slide.texts for n in numbers(t))
        got += Counter(_shown_chart_numbers(slide.charts))
        want = Counter(n for t in expected.texts() for n in numbers(t))
        if expected.chart is not None:
            want += Counter(_chart_numbers(expected.chart))
        if got != want:
            wrong.append(f"slide {slide.number} ({expected.title}): extra "
                         f"{sorted((got - want).elements())}, missing "
                         f"{sorted((want - got).elements())}")
        notes = Counter(numbers(slide.notes))
        if notes != Counter(n for line in expected.notes for n in numbers(line)):
            wrong.append(f"slide {slide.number} ({expected.title}): speaker notes' numbers "
                         f"{sorted(notes.elements())}")
    assert not wrong, "\n".join(wrong)


def test_chart_data_are_the_views_unrounded(slides, model):
    shown, _, _ = slides
    for slide, expected in zip(shown[1:], model, strict=True):
        if expected.chart is None:
            assert not slide.charts, f"slide {slide.number}: a chart the views do not give"
            continue
        ((categories, series),) = slide.charts
        assert categories == expected.chart.categories
        for (name, values), (want_name, want) in zip(series, expected.chart.series,
                                                     strict=True):
            assert name == want_name
            assert [v is None for v in values] == [v is None for v in want], name
            assert [v for v in values if v is not None] == pytest.approx(
                [v for v in want if v is not None], abs=1e-12)


def test_respondents_are_the_published_report(slides, rendered):
    """Anchored outside the code: the 2025 report's respondent counts (ledger, section 1)."""
    ledger = yaml.safe_load((rendered[0] / "data/published/report-2025.yaml").read_text(
        encoding="utf-8"))
    figures = {f["id"]: f["value"] for f in ledger["figures"]}
    text = " ".join(slides[0][1].texts)
    assert fmt.num(figures["r25-sum-y2025-respondents-n"]) in numbers(text)
    assert fmt.num(figures["r25-sum-y2023-respondents-n"]) in numbers(text)


def test_every_picture_and_chart_says_what_it_shows(slides, model):
    shown, _, _ = slides
    problems = []
    for slide, expected in zip(shown[1:], model, strict=True):
        for name, alt in slide.alt:
            if not alt.strip():
                problems.append(f"slide {slide.number}: {name} has no alt text")
            elif PATH_LIKE.search(alt):
                problems.append(f"slide {slide.number}: {name}'s alt text is a path: {alt!r}")
            elif expected.chart is not None and expected.chart.title not in alt:
                problems.append(f"slide {slide.number}: {name}'s alt text does not name "
                                f"{expected.chart.title!r}: {alt!r}")
    graphics = sum(len(s.alt) for s in shown)
    assert graphics == sum(s.chart is not None for s in model), "a chart is missing"
    assert not problems, "\n".join(problems)


def test_only_the_template_layouts_and_no_marker(slides, rendered):
    shown, layouts, _ = slides
    template, _, _ = read_deck(rendered[0] / "assets/pptx/reference.pptx")
    from pptx import Presentation

    own = [lay.name for lay in Presentation(str(rendered[0] / "assets/pptx/reference.pptx"))
           .slide_layouts]
    assert layouts == own, "the deck's master has layouts the template does not"
    for slide in shown:
        assert slide.layout in own
        assert not any(deck_view.MARKER in t for t in slide.texts), slide.number


def _words(pdf: Path) -> list[list[tuple]]:
    """Per page, (word, x0, y0, x1, y1) in points, from poppler's ``pdftotext -bbox``."""
    html = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    pages = []
    for page in re.split(r"<page ", html)[1:]:
        pages.append([(m[4], *map(float, m[:4])) for m in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)',
            page)])
    return pages


def test_no_text_outside_its_shape(slides, rendered):
    """LibreOffice draws text that does not fit below its box (the template never shrinks
    it): every word of the handout must lie inside a shape of its slide (the text boxes' and
    charts' frames), and every word of the slide must be on the page."""
    if rendered[2] is None:
        pytest.skip("LibreOffice (soffice) not installed: no handout to measure")
    if shutil.which("pdftotext") is None:
        pytest.skip("poppler's pdftotext not installed: cannot read the handout's word boxes")
    shown, _, (width, height) = slides
    pages = _words(rendered[2])
    assert len(pages) == len(shown)
    scale = 12700  # EMU per point
    outside = []
    for slide, words in zip(shown, pages, strict=True):
        boxes = [(x0 / scale, y0 / scale, x1 / scale, y1 / scale)
                 for _, x0, y0, x1, y1 in slide.boxes]
        for word, x0, y0, x1, y1 in words:
            inside = any(x0 >= bx0 - SLACK and y0 >= by0 - SLACK and x1 <= bx1 + SLACK
                         and y1 <= by1 + SLACK for bx0, by0, bx1, by1 in boxes)
            if not inside or x1 > width / scale or y1 > height / scale:
                outside.append(f"slide {slide.number}: {word!r} at ({x0:.0f}, {y0:.0f})–"
                               f"({x1:.0f}, {y1:.0f}) pt")
    assert not outside, "text outside its shape:\n" + "\n".join(outside[:20])


def test_the_package_opens_without_repair(rendered, slides):
    shown, _, _ = slides
    if rendered[2] is not None:
        from pypdf import PdfReader

        assert len(PdfReader(rendered[2]).pages) == len(shown)
    elif soffice() is None:
        print("LibreOffice not installed: only the package checks ran")
    with zipfile.ZipFile(rendered[1]) as package:
        assert package.testzip() is None
        types = etree.fromstring(package.read("[Content_Types].xml"))
        ns = {"t": "http://schemas.openxmlformats.org/package/2006/content-types"}
        defaults = {d.get("Extension") for d in types.findall("t:Default", ns)}
        overrides = {o.get("PartName") for o in types.findall("t:Override", ns)}
        for name in package.namelist():
            if name.endswith("/"):
                continue
            assert f"/{name}" in overrides or name.rsplit(".", 1)[-1] in defaults, name
            if name.endswith((".xml", ".rels")):
                etree.fromstring(package.read(name))
            if re.fullmatch(r"ppt/slides/slide\d+\.xml", name):
                ids = etree.fromstring(package.read(name)).xpath("//p:cNvPr/@id", namespaces={
                    "p": "http://schemas.openxmlformats.org/presentationml/2006/main"})
                assert len(ids) == len(set(ids)), f"{name}: duplicate shape ids {ids}"


def test_the_title_slide_carries_the_survey_year_of_the_data(slides, rendered):
    """The title slide's date placeholder is filled from the data (deck.title_metadata): the
    latest wave of data/survey-waves.yaml, not a year typed into deck/presentasjon.qmd."""
    waves = yaml.safe_load((rendered[0] / "data/survey-waves.yaml").read_text(encoding="utf-8"))
    latest = max(w["year"] for w in waves["waves"])
    shown, _, _ = slides
    assert f"Undersøkelsen {latest}" in shown[0].texts
    source = (rendered[0] / "deck/presentasjon.qmd").read_text(encoding="utf-8")
    assert str(latest) not in source
