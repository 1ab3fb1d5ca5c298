"""One changed copy of the project that three test modules render as a whole book, once per
engine and test session (``variant_book`` in tests/integration/conftest.py):

- every wave of ``data/exports/MANIFEST.yaml`` is marked a real export (``reconstructed:
  false``, no ``ranges``), and so is the 2025 coding (tests/integration/test_real_manifest.py:
  the book must then say nothing about reconstructed data);
- the 2025 export's respondents typed hostile text, two rounds of it: markup, code and personal
  data (:data:`ROUND_ONE`, tests/integration/security/test_untrusted_book.py), and disguised
  personal data, invisible and control characters and a 20 000-character answer
  (:data:`ROUND_TWO`, tests/integration/security/test_disguised_and_invisible.py).

The rounds go into rows of their own, so each module's checks see its answers as before. A
whole render takes half a minute (built-in) to a few minutes (Quarto): one shared render
instead of one per module.
"""

from __future__ import annotations

import functools
import io
import os
import sys
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import yaml
from cli_render import cli_render
from pypdf import PdfReader

from analysis.engine.project import copy_project
from analysis.paths import project_root

#: Round one: markup and code (must stay text) and personal data (must be withheld).
MARKUP = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(2)">',
    '<a href="javascript:alert(3)" onclick="alert(4)">klikk</a>',
    "[lenke](javascript:alert(5))",
    "<iframe src=//ramme.example></iframe>",
    "`<b>rå</b>`{=html}",
    'Via `#panic("x")`{=typst} TTO',
    "#panic(\"y\") #set page(fill: red)",
    "@fig-nope og @sec-nope",
    "{{< include /etc/passwd >}}",
    "`{python} __import__('os').system('touch /tmp/pwned')`",
]
PERSONAL = ["Kari Nordmann hjalp meg", "Spør Ola Hansen i Bergen", "ring 9123 4567",
            "fnr 010190-12345", "se www.kari-nordmann.no", "https://www.facebook.com/kari.n"]
ROUND_ONE = MARKUP + PERSONAL
ROUND_ONE_SECRETS = ["Kari Nordmann", "Ola Hansen", "9123 4567", "010190-12345",
                     "kari-nordmann.no", "facebook.com/kari"]

LONG = "LANGTSVAR" + ("abcdefghij" * 2000)[:19_982] + "SLUTT"  # 20 000 characters, no space
ESC, NUL = "\x1b", "\x00"
#: Round two: (answer as typed, what must not appear anywhere in the book).
ROUND_TWO = [
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
ROUND_TWO_SECRETS = [s for _, secrets in ROUND_TWO for s in secrets]

#: Headers of the free-text questions, every one of which gets both rounds.
FREE_TEXT = ("Hva synes du", "Hva var du", "Har du innspill", "Har du andre", "Innspill")
#: The typed «Annet» answers of q18 (column X; the book quotes them): round two in rows 71-87,
#: round one in rows 88-104. Free text: round two in rows 2-18, round one in rows 19-35.
ROUND_TWO_FIRST_ROW, ROUND_ONE_FIRST_ROW = {"annet": 71, "free": 2}, {"annet": 88, "free": 19}


def _excel_escape(text: str) -> str:
    """Control characters as Excel writes them in a workbook (``_x001B_``)."""
    return "".join(f"_x{ord(c):04X}_" if unicodedata.category(c) == "Cc" else c for c in text)


def write_hostile_export(path: Path) -> None:
    """Both rounds into the Forms export at ``path`` (as Forms writes text: never a formula;
    control characters as Excel escapes them, which openpyxl will not write itself)."""
    book = openpyxl.load_workbook(path)
    sheet = book.active
    headers = [c.value or "" for c in sheet[1]]
    placeholders: dict[str, str] = {}

    def put(cell, text: str) -> None:
        if any(unicodedata.category(c) == "Cc" for c in text):
            key = f"PLATZHALTER{len(placeholders):02d}X"
            placeholders[key] = _excel_escape(text)
            text = key
        cell.value = text
        cell.data_type = "s"

    rounds = [([text for text, _ in ROUND_TWO], ROUND_TWO_FIRST_ROW),
              (ROUND_ONE, ROUND_ONE_FIRST_ROW)]
    for answers, first in rounds:
        for i, text in enumerate(answers):
            put(sheet[f"X{first['annet'] + i}"], text)
        for col, header in enumerate(headers, start=1):
            if header.startswith(FREE_TEXT):
                for i, text in enumerate(answers):
                    put(sheet.cell(row=first["free"] + i, column=col), text)
    # round one also types into q01 (several answers: ends with ";") and q19 (one answer)
    put(sheet["G6"], f"{ROUND_ONE[0]};")
    put(sheet["Y5"], " ".join(ROUND_ONE))
    buffer = io.BytesIO()
    book.save(buffer)
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            for key, escaped in placeholders.items():
                data = data.replace(key.encode(), escaped.encode("utf-8"))
            target.writestr(info, data)


def mark_every_input_real(root: Path) -> None:
    """Every wave of the manifest a real export, and the 2025 coding a real one too (a real
    export comes with a coding of its own; the method chapter says which)."""
    manifest_path = root / "data" / "exports" / "MANIFEST.yaml"
    raw = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    assert any(w["reconstructed"] for w in raw["waves"]), "the fixture expects a reconstruction"
    for wave in raw["waves"]:
        wave["reconstructed"] = False
        wave.pop("ranges", None)
        wave.pop("note", None)
    manifest_path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False),
                             encoding="utf-8")
    codebook = root / "data" / "coding" / "2025" / "codebook.yaml"
    text = codebook.read_text(encoding="utf-8")
    assert "\nreconstructed: true\n" in text
    codebook.write_text(text.replace("\nreconstructed: true\n", "\nreconstructed: false\n"),
                        encoding="utf-8")


@functools.cache
def pdf_text(book: Path) -> str:
    """The text layer of the PDF in ``book`` (a ``_book/``), its pages joined by line breaks:
    extracted once per rendered book and shared by the modules (pypdf takes seconds for it;
    the tests do not modify the book)."""
    (pdf,) = book.glob("*.pdf")
    return "\n".join(page.extract_text() or "" for page in PdfReader(pdf).pages)


def render_variant(engine: str, folder: Path) -> Path:
    """The variant in a copy of the project under ``folder``, rendered cold (HTML and PDF) by
    ``engine`` (``"builtin"``: ``python -m analysis render``, in a process of its own; or
    ``"quarto"``): its ``_book/``."""
    root = copy_project(project_root(), folder / "project")
    mark_every_input_real(root)
    write_hostile_export(root / "data" / "reconstructed" / "forms-2025.xlsx")
    if engine == "quarto":
        from analysis.engine.quarto import find_quarto, render_with_quarto

        os.environ.setdefault("QUARTO_PYTHON", sys.executable)
        render_with_quarto(root, find_quarto(), ("html", "pdf"), use_cache=False,
                           log=lambda line: None, quiet=True)
    else:
        cli_render(root, "--to", "html,pdf", "--no-cache")
    return root / "_book"
