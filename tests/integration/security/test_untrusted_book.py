"""A whole render of an export whose respondents typed markup, code and personal data.

The survey is an open link, so its typed answers are hostile input. Every string of
``ROUND_ONE`` in tests/integration/variant_book.py goes into the typed «Annet» answers (which
the book quotes when the wave opts in) and into the free-text answers (which it counts); the
book must render (HTML and PDF) by either engine (real Quarto when it is on PATH), and no file
of ``_book/`` may hold a tag, an event handler or a ``javascript:`` link made from them, any
of the Typst code unescaped, or any of the personal data.
"""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from variant_book import ROUND_ONE_SECRETS, pdf_text

SECRETS = ROUND_ONE_SECRETS


@pytest.fixture(scope="module", params=["builtin", "quarto"])
def hostile_book(request, variant_book):
    """Each engine's book of the variant export: round one of its hostile answers
    (``variant_book.ROUND_ONE``) in the typed «Annet» answers of q01, q18 and q19 and in every
    free-text question."""
    if request.param == "quarto" and shutil.which("quarto") is None:
        pytest.skip("no quarto on PATH (see README, 'Rendering with real Quarto')")
    return variant_book(request.param)


def _files(book):
    return [p for p in book.rglob("*") if p.is_file() and p.suffix in (".html", ".json",
                                                                         ".typ", ".svg")]


@pytest.mark.slow
def test_the_book_renders_html_and_pdf(hostile_book):
    assert (hostile_book / "index.html").is_file()
    assert list(hostile_book.glob("*.pdf"))


@pytest.mark.slow
def test_no_tag_handler_or_javascript_link_comes_from_the_answers(hostile_book):
    # Every attack calls alert(): a handler or link made from an answer would carry it (Quarto's
    # own page furniture has handlers of its own, none of them from the answers).
    for path in hostile_book.rglob("*.html"):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        assert not soup.find_all(["script", "iframe", "img"], src=re.compile("ramme|^x$")), path
        for tag in soup.find_all(True):
            handlers = [a for a, v in tag.attrs.items()
                        if a.lower().startswith("on") and "alert(" in str(v)]
            assert not handlers, (path, tag.name, handlers)
            for attr in ("href", "src"):
                assert not str(tag.get(attr, "")).lower().startswith("javascript:"), (path, tag)
    for path in _files(hostile_book):  # pages, the trace files, the Typst source, figures
        raw = path.read_text(encoding="utf-8", errors="replace")
        if path.suffix == ".typ":  # Typst's own escape of "<" is a backslash: text, not markup
            raw = raw.replace("\\<", "")
        for attack in ("<script>alert", "<img src=x", "<iframe", "<b>rå</b>"):
            assert attack not in raw, (path, attack)


@pytest.mark.slow
def test_typst_code_in_an_answer_stays_text(hostile_book):
    # In the Typst source (the built-in engine keeps it): escaped. In the PDF (both engines): the
    # code printed as the text it is (run, #panic would have stopped the PDF).
    for typ in hostile_book.glob("*.typ"):
        source = typ.read_text(encoding="utf-8")
        assert "#panic(" not in source.replace("\\#panic(", "")
        assert "#set page(fill: red)" not in source.replace("\\#set page(fill: red)", "")
    text = " ".join(pdf_text(hostile_book).split())
    assert "#set page(fill: red)" in text


@pytest.mark.slow
def test_the_quoted_answers_are_printed_as_text(hostile_book):
    page = (hostile_book / "chapters" / "04-6-samarbeid.html").read_text(encoding="utf-8")
    text = BeautifulSoup(page, "html.parser").get_text()
    assert "<script>alert(1)</script>" in text  # shown, as characters
    assert "@fig-nope" in text and "{{< include /etc/passwd >}}" in text


@pytest.mark.slow
def test_no_personal_data_reaches_any_file_of_the_book(hostile_book):
    for path in _files(hostile_book):
        raw = path.read_text(encoding="utf-8", errors="replace")
        for secret in SECRETS:
            assert secret not in raw, (path, secret)
    text = pdf_text(hostile_book)
    for secret in SECRETS:
        assert secret not in text, secret


@pytest.mark.slow
def test_the_review_record_lists_what_was_held_back_without_the_values(hostile_book):
    from analysis.bundle import load_bundle
    from analysis.screening import write_review

    root = hostile_book.parent
    (path_2023, path_2025) = sorted(write_review(load_bundle(root)))
    assert path_2025.parent.name == "_review" and not path_2025.is_relative_to(hostile_book)
    record = path_2025.read_text(encoding="utf-8")
    lines = record.splitlines()
    assert lines[0] == "respondent,question,action,kinds"
    assert any(",q18,withhold,name" in line for line in lines)
    assert any("phone" in line for line in lines) and any("national_id" in line for line in lines)
    for secret in SECRETS:
        assert secret not in record


@pytest.mark.slow
def test_the_method_chapter_counts_the_held_back_answers(hostile_book):
    page = (hostile_book / "chapters" / "02-bakgrunn-metode.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    rows = {r.find("td").get_text(" ", strip=True): [c.get_text(strip=True) for c in
                                                     r.find_all("td")][1:]
            for r in soup.find_all("tr") if r.find("td")}
    held = rows["Fritekstsvar holdt tilbake (kan identifisere en person)"]
    assert held[0] == "0" and int(held[1]) > 0  # 2023 untouched, 2025 has the hostile answers
