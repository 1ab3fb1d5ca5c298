"""A whole render of an export whose answers disguise personal data and carry invisible text.

Round two of the hostile export (``ROUND_TWO`` in tests/integration/variant_book.py; round
one: ``test_untrusted_book.py``; one render of both, per engine). Its typed «Annet»
answers (quoted in the book, since the wave publishes text) and its free-text answers hold:
a fødselsnummer with a zero-width space, a D-nummer with a word joiner, a spaced one and one in
full-width digits; e-mail addresses with a zero-width space, spelled out («punktum»,
«krøllalfa») and with «(at)»/«(dot)»; a name with soft hyphens; a phone number with a zero-width
space; U+202E and the other bidirectional controls, U+200B/U+200E/U+2066/U+2069, ESC, NUL
(written as Excel writes them, ``_x001B_``), tag characters; a 20 000-character answer without
a space; and an answer that starts with ``=``.

Whatever the engine (the built-in one always; real Quarto when it is on PATH), no file of
``_book/`` -- pages, the trace files, Quarto's ``search.json``, the Typst source, the PDF's
text, the Excel annex -- may hold any of the personal data or any format or control character,
and the long answer must be printed whole in the PDF and the HTML.
"""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from variant_book import LONG, ROUND_TWO_SECRETS, pdf_text

SECRETS = ROUND_TWO_SECRETS
#: The national ids, which must not appear even with every non-digit of a file removed (the
#: phone number is too short for that: eight digits occur by chance in a figure's path data).
ID_DIGITS = ["01019000083", "41019000077", "15078512323"]
ENGINES = ["builtin", "quarto"]


def _bad_characters(text: str) -> set[str]:
    """Format (Cf), control (Cc, except tab and line breaks) and surrogate characters."""
    return {f"U+{ord(c):04X}" for c in set(text)
            if (unicodedata.category(c) in ("Cf", "Cs")
                or (unicodedata.category(c) == "Cc" and c not in "\t\n\r"))}


@pytest.fixture(scope="module", params=ENGINES)
def hostile(request, variant_book):
    """``(engine, _book/)`` of the variant export (round two of its answers is this module's);
    Quarto's from the background render when one was started."""
    engine = request.param
    if engine == "quarto" and shutil.which("quarto") is None:
        pytest.skip("no quarto on PATH (see README, 'Rendering with real Quarto')")
    return engine, variant_book(engine)


def _text_files(book: Path) -> list[Path]:
    """Every file of ``_book/`` made from the book's content (not Quarto's site libraries)."""
    return [p for p in book.rglob("*") if p.is_file() and "site_libs" not in p.parts
            and p.suffix in (".html", ".json", ".typ", ".svg", ".xml", ".txt", ".md")]


@pytest.mark.slow
def test_the_answers_reached_the_book(hostile):
    # Guard against a test that passes because nothing was printed: the harmless cases are
    # quoted in the chapter on cooperation, normalised.
    _, book = hostile
    page = BeautifulSoup((book / "chapters" / "04-6-samarbeid.html").read_text("utf-8"),
                         "html.parser").get_text()
    for shown in ("Bra kurs slutt, takk", "GCP-kurs var bra og fint", "farge [31mrød [0m",
                  "null byte i svaret", "=SUM(A1:A9)*2 er ikke en formel", "LANGTSVAR"):
        assert shown in page, shown
    assert (book / "search.json").is_file() == (hostile[0] == "quarto")


@pytest.mark.slow
def test_no_format_or_control_character_in_any_file(hostile):
    _, book = hostile
    for path in _text_files(book):
        text = path.read_text(encoding="utf-8", errors="strict")
        assert not _bad_characters(text), (path.relative_to(book), _bad_characters(text))


@pytest.mark.slow
def test_no_format_or_control_character_in_thepdf_text(hostile):
    # The one exception is U+00AD, which is how the PDF's text layer may name Typst's hyphen
    # glyph: the built-in engine's PDF at a word hyphenated at a line end, Quarto's (its own
    # Typst) for every hyphen of the text ("GCP\xadkurs"). No answer brings one: the answers
    # are normalised before printing, which the Typst source and the trace files show.
    text = pdf_text(hostile[1])
    if hostile[0] == "builtin":
        text = text.replace("\u00ad\n", "\n")
    else:
        text = text.replace("\u00ad", "-")
    assert not _bad_characters(text)


@pytest.mark.slow
def test_no_formula_and_no_bad_character_in_the_excel_annex(hostile):
    _, book = hostile
    (annex,) = book.glob("*-tabellvedlegg.xlsx")
    workbook = openpyxl.load_workbook(annex)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert not _bad_characters(cell.value), (sheet.title, cell.coordinate)
                    for secret in SECRETS:
                        assert secret not in cell.value


@pytest.mark.slow
def test_no_personal_data_in_any_file_or_the_pdf(hostile):
    _, book = hostile
    texts = {str(p.relative_to(book)): p.read_text("utf-8") for p in _text_files(book)}
    texts["PDF text"] = pdf_text(book)
    for name, text in texts.items():
        for secret in SECRETS:
            assert secret not in text, (name, secret)
        digits = re.sub(r"\D", "", unicodedata.normalize("NFKC", text))
        for number in ID_DIGITS:
            assert number not in digits, (name, number)


@pytest.mark.slow
def test_the_long_answer_is_printed_whole(hostile):
    _, book = hostile
    # Across pages the running footer stands between its lines: keep the lines of the answer
    # (its letters only), from the one that starts it to the one that ends it.
    lines = pdf_text(book).splitlines()
    first = next((i for i, line in enumerate(lines) if "LANGTSVAR" in line), None)
    assert first is not None, "the long answer is not in the PDF"
    last = next((i for i in range(first, len(lines)) if "SLUTT" in lines[i]), None)
    assert last is not None, "the end of the long answer is not in the PDF"
    middle = [line.strip() for line in lines[first + 1:last]]
    printed = ("LANGTSVAR" + lines[first].split("LANGTSVAR", 1)[1].strip()
               + "".join(line for line in middle if re.fullmatch(r"[a-j]+", line))
               + lines[last].split("SLUTT", 1)[0].strip() + "SLUTT")
    assert printed == LONG
    assert len(middle) > 100  # it wraps: some 250 lines, not one line off the page
    page = BeautifulSoup((book / "chapters" / "04-6-samarbeid.html").read_text("utf-8"),
                         "html.parser").get_text()
    assert LONG in page


@pytest.mark.slow
def test_the_method_chapter_counts_withheld_answers_per_reason(hostile):
    _, book = hostile
    page = (book / "chapters" / "02-bakgrunn-metode.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    rows = {r.find("td").get_text(" ", strip=True): [c.get_text(strip=True)
                                                     for c in r.find_all("td")][1:]
            for r in soup.find_all("tr") if r.find("td")}
    # 2023 untouched; 2025: the four national ids (and the name) in the «Annet» answers of q18
    # and in each free-text question are withheld, for their reason
    assert rows["– holdt tilbake fordi svaret har fødselsnummer"][0] == "0"
    assert int(rows["– holdt tilbake fordi svaret har fødselsnummer"][1]) >= 4
    assert int(rows["– holdt tilbake fordi svaret har navn"][1]) >= 1
