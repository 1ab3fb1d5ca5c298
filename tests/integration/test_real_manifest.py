"""The data decide what the book says about the data.

In a copy of the project, every wave of ``data/exports/MANIFEST.yaml`` is marked as a real
export (``reconstructed: false``, no ``ranges``); the same files are read. The rendered book,
HTML and PDF, must then contain no sentence saying its data are reconstructed: each such
sentence comes from :mod:`analysis.report.notice` and is chosen by the manifest.
"""

from __future__ import annotations

import re

import pytest
import yaml
from bs4 import BeautifulSoup
from pypdf import PdfReader

from analysis.engine.project import copy_project
from analysis.engine.render import render_book
from analysis.paths import project_root

#: Any word about a reconstruction: «rekonstruert», «rekonstruksjonen», «Rekonstruerte data» ...
RECONSTRUCTION = re.compile(r"rekonstru\w*", re.IGNORECASE)


def _mark_real(manifest_path):
    raw = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    assert any(w["reconstructed"] for w in raw["waves"]), "the fixture expects a reconstruction"
    for wave in raw["waves"]:
        wave["reconstructed"] = False
        wave.pop("ranges", None)
        wave.pop("note", None)
    manifest_path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False),
                             encoding="utf-8")


@pytest.fixture(scope="module")
def real_book(tmp_path_factory):
    root = copy_project(project_root(), tmp_path_factory.mktemp("real") / "project")
    _mark_real(root / "data" / "exports" / "MANIFEST.yaml")
    # Every input marked real: the bundled 2025 codebook says its coding is reconstructed too
    # (the method chapter then says so); a real export comes with a coding of its own.
    codebook = root / "data" / "coding" / "2025" / "codebook.yaml"
    text = codebook.read_text(encoding="utf-8")
    assert "\nreconstructed: true\n" in text
    codebook.write_text(text.replace("\nreconstructed: true\n", "\nreconstructed: false\n"),
                        encoding="utf-8")
    render_book(root, ("html", "pdf"), use_cache=False, log=lambda line: None)
    return root / "_book"


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
    (pdf,) = real_book.glob("*.pdf")
    text = " ".join(page.extract_text() or "" for page in PdfReader(pdf).pages)
    assert "Sammendrag" in text
    assert _hits(text) == []


def test_the_method_chapter_names_the_real_exports(real_book):
    page = real_book / "chapters" / "02-bakgrunn-metode.html"
    text = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").get_text(" ")
    assert "regnet direkte fra eksporten fra Microsoft Forms" in " ".join(text.split())
