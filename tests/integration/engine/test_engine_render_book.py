"""Render a tiny book end to end: HTML, PDF, inline values, cross-references, cache."""

from __future__ import annotations

import json
import re

from analysis.engine.render import render_book


def _page(root, name="chapters/01-tall.html"):
    return (root / "_book" / name).read_text(encoding="utf-8")


def test_inline_values_render_without_quotes_and_are_traced(rendered_book):
    page = _page(rendered_book)
    assert '<span class="inline-value" title="6 * 7">42</span>' in page
    assert ">75 %<" in page or ">75%<" in page
    index = _page(rendered_book, "index.html")
    assert ('<span class="inline-value" title="Text(&quot;ærlig&quot;)">ærlig</span>'
            in index)
    values = json.loads((rendered_book / "_book" / "inline-values.json").read_text("utf-8"))
    assert values[0] == {"chapter": "index.qmd", "line": 8, "expression": 'Text("ærlig")',
                         "value": "ærlig"}
    assert [(v["chapter"], v["line"], v["value"]) for v in values[1:]] == [
        ("chapters/01-tall.qmd", 17, "42"), ("chapters/01-tall.qmd", 17, "75%")]


def test_cross_references_are_numbered_per_chapter(rendered_book):
    page = _page(rendered_book)
    # the unnumbered preface takes no number, so "Tall" is chapter 1
    assert '<span class="header-section-number">1</span> Tall' in page
    assert '<span class="header-section-number">1.1</span> Resultater' in page
    assert '<a href="#fig-tall-kurve">Figur 1.1</a>' in page
    assert '<a href="#tbl-tall-svar">Tabell 1.1</a>' in page
    assert '<a href="#sec-tall-res">avsnitt 1.2</a>' in page
    index = _page(rendered_book, "index.html")
    assert '<a href="chapters/01-tall.html#fig-tall-kurve">Figur 1.1</a>' in index
    assert '<a href="chapters/01-tall.html#sec-tall">Kapittel 1</a>' in index
    assert 'header-section-number">' not in index.split("<main>")[1].split("Forord")[0]


def test_figure_has_caption_alt_and_svg_file(rendered_book):
    page = _page(rendered_book)
    figure = re.search(r'<figure id="fig-tall-kurve">.*?</figure>', page, re.S).group(0)
    assert 'alt="Linje som stiger"' in figure
    assert "Figur 1.1: Kurve over svar" in figure
    svg = rendered_book / "_book/chapters/01-tall_files/figure-html/fig-tall-kurve-1.svg"
    assert svg.read_text("utf-8").lstrip().startswith("<?xml")
    # the PDF's figure is vector too (SVG, embedded by Typst as it is)
    pdf_svg = rendered_book / "_book/chapters/01-tall_files/figure-typst/fig-tall-kurve-1.svg"
    assert pdf_svg.read_text("utf-8").lstrip().startswith("<?xml")


def test_table_becomes_a_captioned_table(rendered_book):
    page = _page(rendered_book)
    table = re.search(r'<div id="tbl-tall-svar">.*?</div>', page, re.S).group(0)
    assert "<caption>Tabell 1.1: Svar fordelt</caption>" in table
    assert re.search(r"<td[^>]*>Nei</td>\s*<td[^>]*>4</td>", table)


def test_cell_options(rendered_book):
    page = _page(rendered_book)
    assert "<strong>Fet tekst fra cellen</strong>" in page  # output: asis
    # echo: true shows the code, highlighted, and then its output
    assert re.search(r'class="sourceCode python">.*print.*&quot;synlig utskrift&quot;', page)
    assert "<pre><code>synlig utskrift</code></pre>" in page
    assert "counter.write_text" not in page  # include: false, echo off by default
    assert "skjult utskrift" not in page  # output: false
    assert "skal aldri" not in page and "SystemExit" not in page  # eval: false
    assert "synlig advarsel" in page  # warning: true
    assert "stille advarsel" not in page  # warning default false


def test_pdf_and_typst_source(rendered_book):
    out = rendered_book / "_book"
    pdf = out / "Provebok-aeoa.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-"
    assert pdf.stat().st_size > 10_000
    typ = (out / "Provebok-aeoa.typ").read_text("utf-8")
    for text in ("Prøvebok æøå", "Blåbærsyltetøy", "ærlig", "= 1 Tall", "Summen er 42",
                 "Figur 1.1: Kurve over svar", "Tabell 1.1: Svar fordelt", "Fet tekst"):
        assert text in typ, text
    assert "inline-value" not in typ
    assert ('image("chapters/01-tall_files/figure-typst/fig-tall-kurve-1.svg", '
            'alt: "Linje som stiger")') in typ


def test_cache_hit_then_miss_after_edit(tiny_book):
    root = tiny_book()
    render_book(root, ("html",), log=lambda line: None)
    figure = root / "_book/chapters/01-tall_files/figure-html/fig-tall-kurve-1.svg"
    first_svg = figure.read_bytes()
    first_values = (root / "_book/inline-values.json").read_bytes()
    assert (root / "executions.txt").read_text() == "x"

    lines: list[str] = []
    render_book(root, ("html",), log=lines.append)
    assert (root / "executions.txt").read_text() == "x"  # nothing re-executed
    assert any("01-tall.qmd: frozen (cache)" in line for line in lines)
    log = json.loads((root / "_book/render-log.json").read_text())
    assert [c["cached"] for c in log["chapters"]] == [True, True]

    chapter = root / "chapters/01-tall.qmd"
    # a code edit (a prose edit alone executes nothing: test_engine_output_cache.py)
    text = chapter.read_text("utf-8")
    chapter.write_text(text.replace("Ferdig.", "Helt ferdig.")
                       .replace('print("synlig utskrift")', 'print("synlig utskrift 2")'), "utf-8")
    render_book(root, ("html",), log=lambda line: None)
    assert (root / "executions.txt").read_text() == "xx"  # only the edited chapter ran
    log = json.loads((root / "_book/render-log.json").read_text())
    assert [c["cached"] for c in log["chapters"]] == [True, False]
    assert "Helt ferdig." in _page(root) and "synlig utskrift 2" in _page(root)
    # a fresh kernel on the same data gives byte-identical figures and values
    assert figure.read_bytes() == first_svg
    assert (root / "_book/inline-values.json").read_bytes() == first_values
