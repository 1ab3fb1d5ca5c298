"""Text from data reaches the page only as text: pandoc reads back exactly what was sent.

For any string -- a respondent's answer with HTML, Typst, shortcodes, references, math or
list markers -- the Markdown :func:`text_markdown` writes is read by pandoc with the book's
filter (as Quarto and the built-in engine read it) into plain text equal to the input, in
HTML and in Typst, wherever in a paragraph it stands.
"""

from __future__ import annotations

import re

import pypandoc
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from analysis.display import FILTER, Table, Text, bullets, compose, pipe_table, text_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    '<a href="javascript:alert(1)" onclick="x()">klikk</a>',
    "[lenke](javascript:alert(1))",
    "<iframe src=//evil></iframe>",
    "`<b>rå</b>`{=html}",
    'Via `#panic("x")`{=typst} TTO',
    "#panic(\"x\") og #set page(fill: red)",
    "@fig-nope og [@sec-x]",
    "{{< include /etc/passwd >}}",
    "`{python} __import__('os').system('id')`",
    "$x^2$ og \\(y\\)",
    "1. plass",
    "- punkt",
    "# Overskrift",
    "| a | b |",
    "::: {.callout}",
    "**fet** _kursiv_ ~~streket~~ ^opphøyd^ ~senket~",
    'sitat "rett" og \'enkelt\' -- og ...',
    "trailing backslash \\",
    "<!-- kommentar -->",
]


def _html(markdown: str) -> str:
    return pypandoc.convert_text(markdown, "html5", format="markdown",
                                 extra_args=[f"--lua-filter={FILTER}"])


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text()).strip()


def _expected(text: str) -> str:
    return re.sub(r"[ \t\n\r\f\v]+", " ", text).strip()


def test_every_attack_string_reads_back_as_the_same_text_in_one_paragraph():
    for attack in ATTACKS:
        # at the start of a line after a paragraph line, mid-line, and alone
        for markdown in (f"Svar:\n{text_markdown(attack)}", f"Ja {text_markdown(attack)}.",
                         text_markdown(attack)):
            html = _html(markdown)
            soup = BeautifulSoup(html, "html.parser")
            assert [t.name for t in soup.find_all(True)] == ["p"], (attack, html)
            assert _expected(attack) in _plain(html), attack


def test_attack_strings_in_typst_are_text_not_code():
    markdown = "\n\n".join(text_markdown(a) for a in ATTACKS)
    typst = pypandoc.convert_text(markdown, "typst", format="markdown",
                                  extra_args=[f"--lua-filter={FILTER}"])
    for code in ("#panic(", "#set page", "#include"):
        assert code not in typst.replace("\\#", "")
    assert "\\#panic" in typst  # the hash is escaped: Typst prints it


def test_composed_blocks_and_tables_keep_values_as_text():
    block = compose("**{name}**: {quote}", name="<b>x</b>", quote="@fig-a `#panic()`")
    assert _plain(_html(block)) == "<b>x</b>: @fig-a `#panic()`"
    items = bullets(["<i>a</i>", "{{< x >}}"]).markdown
    assert _plain(_html(items)) == "<i>a</i> {{< x >}}"
    table = pipe_table(["Svar", "n"], [["a | <b>b</b>", "1"]], ["l", "r"])
    soup = BeautifulSoup(_html(table), "html.parser")
    assert [c.get_text() for c in soup.find_all("td")] == ["a | <b>b</b>", "1"]


def test_text_and_table_display_as_markdown_only():
    t = Text("40\u00a0%")
    assert "<p>40\u00a0%</p>" in _html(t._repr_markdown_())  # the no-break space stays
    table = Table(__import__("pandas").DataFrame({"Svar": ["<x>"], "n": ["1"]}))
    assert not hasattr(table, "_repr_html_")
    assert "<x>" not in table._repr_markdown_()
    assert "<x>" in _plain(_html(table._repr_markdown_()))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=60))
def test_any_text_reads_back_as_itself(text):
    html = _html(text_markdown(text))
    assert _plain(html) == re.sub(r"\s+", " ", _expected(text)).strip()


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")),
                        max_size=40), min_size=1, max_size=25))
def test_any_texts_compile_to_a_pdf(tmp_path_factory, texts):
    import typst

    markdown = "\n\n".join(f"Svar: {text_markdown(t)}" for t in texts)
    source = pypandoc.convert_text(markdown, "typst", format="markdown", extra_args=[
        "--standalone", f"--lua-filter={FILTER}"])
    folder = tmp_path_factory.mktemp("typst")
    (folder / "svar.typ").write_text(source, encoding="utf-8")
    pdf = typst.compile(str(folder / "svar.typ"))
    assert pdf[:5] == b"%PDF-"
