"""A whole render of an export whose answers disguise personal data and carry invisible text.

Round two of the hostile export (round one: ``test_untrusted_book.py``). Its typed «Annet»
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

import functools
import io
import os
import re
import shutil
import sys
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

from analysis.engine.project import copy_project
from analysis.paths import project_root

LONG = "LANGTSVAR" + ("abcdefghij" * 2000)[:19_982] + "SLUTT"  # 20 000 characters, no space
ESC, NUL = "\x1b", "\x00"
#: (answer as typed, what must not appear anywhere in the book)
CASES = [
    ("Mitt fnr er 010190\u200b00083, ring meg", ["010190\u200b00083"]),
    ("D-nr: 4101\u20609000077", ["4101\u20609000077"]),
    ("fødselsnr 15.07.85 123 23 for ordens skyld", ["15.07.85 123 23"]),
    ("nr ０１０１９０ ０００８３ i fullbredde", ["０１０１９０", "010190 00083"]),
    ("skriv til kari\u200b@hemmelig-domene.no", ["hemmelig-domene", "kari@"]),
    ("ola punktum nordmann krøllalfa skjult-adresse punktum no", ["skjult-adresse"]),
    ("kari (at) tredje-domene (dot) no", ["tredje-domene"]),
    ("Hjelp fra Ka\u00adri Nord\u00admann var god", ["Nordmann", "Nord\u00admann"]),
    ("ring 9123\u200b4567 etter kl 16", ["91234567", "9123\u200b4567"]),
    ("Bra kurs \u202eslutt\u202c, takk", []),
    ("GCP\u200b-kurs\u200e var \u2066bra\u2069 og \u2067fint\u2069", []),
    (f"farge {ESC}[31mrød{ESC}[0m i terminalen", []),
    (f"null{NUL}byte i svaret", []),
    ("tagger \U000e0041\U000e0042 og \ufeffBOM og myk\u00adbindestrek", []),
    ("=SUM(A1:A9)*2 er ikke en formel", []),
    ('=HYPERLINK("http://evil.example","klikk her")', ["evil.example"]),
    (LONG, []),
]
SECRETS = [s for _, secrets in CASES for s in secrets]
#: The national ids, which must not appear even with every non-digit of a file removed (the
#: phone number is too short for that: eight digits occur by chance in a figure's path data).
ID_DIGITS = ["01019000083", "41019000077", "15078512323"]
FREE_TEXT = ("Hva synes du", "Hva var du", "Har du innspill", "Har du andre", "Innspill")
ENGINES = ["builtin", "quarto"]


def _bad_characters(text: str) -> set[str]:
    """Format (Cf), control (Cc, except tab and line breaks) and surrogate characters."""
    return {f"U+{ord(c):04X}" for c in set(text)
            if (unicodedata.category(c) in ("Cf", "Cs")
                or (unicodedata.category(c) == "Cc" and c not in "\t\n\r"))}


def _excel_escape(text: str) -> str:
    """Control characters as Excel writes them in a workbook (``_x001B_``)."""
    return "".join(f"_x{ord(c):04X}_" if unicodedata.category(c) == "Cc" else c for c in text)


def _write_hostile_export(path: Path) -> None:
    book = openpyxl.load_workbook(path)
    sheet = book.active
    headers = [c.value or "" for c in sheet[1]]
    placeholders = {}
    answers = [text for text, _ in CASES]

    def put(cell, text):
        if any(unicodedata.category(c) == "Cc" for c in text):  # openpyxl refuses them
            key = f"PLATZHALTER{len(placeholders):02d}X"
            placeholders[key] = _excel_escape(text)
            text = key
        cell.value = text
        cell.data_type = "s"  # Forms writes text, never a formula

    for i, row in enumerate(range(71, 71 + len(answers))):  # typed «Annet» answers of q18
        put(sheet[f"X{row}"], answers[i])
    for col, header in enumerate(headers, start=1):
        if header.startswith(FREE_TEXT):
            for i, text in enumerate(answers):
                put(sheet.cell(row=2 + i, column=col), text)
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            for key, escaped in placeholders.items():
                data = data.replace(key.encode(), escaped.encode("utf-8"))
            target.writestr(info, data)


def _quarto_ready() -> bool:
    return shutil.which("quarto") is not None


def render_hostile(engine: str, folder: Path) -> Path:
    """A copy of the project in ``folder`` with the hostile export, rendered (HTML and PDF)
    by ``engine``: its ``_book/``."""
    root = copy_project(project_root(), folder / "project")
    _write_hostile_export(root / "data" / "reconstructed" / "forms-2025.xlsx")
    if engine == "quarto":
        from analysis.engine.quarto import find_quarto, render_with_quarto

        os.environ.setdefault("QUARTO_PYTHON", sys.executable)
        render_with_quarto(root, find_quarto(), ("html", "pdf"), use_cache=False,
                           log=lambda line: None, quiet=True)
    else:
        from analysis.engine.render import render_book

        render_book(root, ("html", "pdf"), use_cache=False, log=lambda line: None)
    return root / "_book"


def request_background_renders(background, items) -> None:
    """Quarto's render takes minutes: it starts in the background when the tests are collected
    (``BackgroundRenders`` in tests/conftest.py) and the fixture awaits it."""
    if not _quarto_ready():
        return  # the fixture skips the Quarto case and says why
    for n, item in items:
        callspec = getattr(item, "callspec", None)
        if callspec is not None and callspec.params.get("hostile") == "quarto":
            background.request("invisible-quarto", functools.partial(render_hostile, "quarto"),
                               n)
            return


@pytest.fixture(scope="module", params=ENGINES)
def hostile(request, tmp_path_factory):
    """``(engine, _book/)``; Quarto's from the background render when one was started."""
    engine = request.param
    if engine == "quarto" and not _quarto_ready():
        pytest.skip("no quarto on PATH (see README, 'Rendering with real Quarto')")
    background = request.config.pluginmanager.get_plugin("norcrin-background-renders")
    if f"invisible-{engine}" in background:
        return engine, background.result(f"invisible-{engine}")
    return engine, render_hostile(engine, tmp_path_factory.mktemp(f"invisible-{engine}"))


def _text_files(book: Path) -> list[Path]:
    """Every file of ``_book/`` made from the book's content (not Quarto's site libraries)."""
    return [p for p in book.rglob("*") if p.is_file() and "site_libs" not in p.parts
            and p.suffix in (".html", ".json", ".typ", ".svg", ".xml", ".txt", ".md")]


@functools.cache
def _pdf_text(book: Path) -> str:
    """The PDF's text layer, extracted once per rendered book (pypdf takes seconds for it;
    the book is not modified by the tests, so every test reads the same text)."""
    (pdf,) = book.glob("*.pdf")
    return "\n".join(page.extract_text() for page in PdfReader(pdf).pages)


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
def test_no_format_or_control_character_in_the_pdf_text(hostile):
    # The one exception is U+00AD, which is how the PDF's text layer may name Typst's hyphen
    # glyph: the built-in engine's PDF at a word hyphenated at a line end, Quarto's (its own
    # Typst) for every hyphen of the text ("GCP\xadkurs"). No answer brings one: the answers
    # are normalised before printing, which the Typst source and the trace files show.
    text = _pdf_text(hostile[1])
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
    texts["PDF text"] = _pdf_text(book)
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
    lines = _pdf_text(book).splitlines()
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
