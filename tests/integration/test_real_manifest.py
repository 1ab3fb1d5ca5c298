"""The data decide what the book says about the data.

In a copy of the project, every wave of ``data/exports/MANIFEST.yaml`` is marked as a real
export (``reconstructed: false``, no ``ranges``), and the 2025 coding too; the same files are
read (tests/integration/variant_book.py, rendered once per engine for this module and the
security tests). The rendered book, HTML and PDF, by either engine, must then contain no
sentence saying its data are reconstructed: each such sentence comes from
:mod:`analysis.report.notice` and is chosen by the manifest.
"""

from __future__ import annotations

import re
import shutil

import pytest
from bs4 import BeautifulSoup
from variant_book import pdf_text

#: Any word about a reconstruction: «rekonstruert», «rekonstruksjonen», «Rekonstruerte data» ...
RECONSTRUCTION = re.compile(r"rekonstru\w*", re.IGNORECASE)


@pytest.fixture(scope="module", params=["builtin", "quarto"])
def real_book(request, variant_book):
    """The book of the variant (tests/integration/variant_book.py) in which every input is
    marked real, by each engine (Quarto's when it is on PATH); its export also carries the
    security tests' hostile answers, which the checks below do not depend on."""
    if request.param == "quarto" and shutil.which("quarto") is None:
        pytest.skip("no quarto on PATH (see README, 'Rendering with real Quarto')")
    return variant_book(request.param)


def _hits(text):
    return sorted({m.group(0) for m in RECONSTRUCTION.finditer(text)})


def test_html_says_nothing_about_reconstruction(real_book):
    pages = [real_book / "index.html", *sorted((real_book / "chapters").glob("*.html"))]
    assert len(pages) > 5
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        text = soup.get_text(" ")
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if RECONSTRUCTION.search(s)]
        assert not sentences, f"{page.name}: {sentences[:3]}"


def test_pdf_says_nothing_about_reconstruction(real_book):
    text = pdf_text(real_book)
    assert "Sammendrag" in text
    assert _hits(text) == []


def test_the_method_chapter_names_the_real_exports(real_book):
    page = real_book / "chapters" / "02-bakgrunn-metode.html"
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    assert "regnet direkte fra eksporten fra Microsoft Forms" in " ".join(text.split())
