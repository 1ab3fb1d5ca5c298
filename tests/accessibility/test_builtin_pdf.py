"""The built-in engine's PDF is accessible by construction: it compiles as PDF/UA-1 (tagged,
every figure with alt text, a title viewers show, language nb)."""

from __future__ import annotations

import a11y_browser
import pytest
from pypdf import PdfReader

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pdf(book_render):
    (path,) = (book_render("first") / "_book").glob("*.pdf")
    return PdfReader(path)


def test_declares_pdf_ua_1(pdf):
    metadata = pdf.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8")
    assert "pdfuaid:part" in metadata and ">1<" in metadata.split("pdfuaid:part")[1][:10] \
        or 'pdfuaid:part="1"' in metadata


def test_viewer_shows_the_title_and_language_is_norwegian(pdf):
    root = pdf.trailer["/Root"]
    assert root["/ViewerPreferences"]["/DisplayDocTitle"] == True  # noqa: E712 (BooleanObject)
    assert str(root["/Lang"]).lower().startswith("nb")
    assert "brukerundersøkelse" in pdf.metadata.title


def test_every_figure_has_alt_text(pdf):
    """Every /Figure structure element carries /Alt (PDF/UA-1 7.3)."""
    alts = a11y_browser.pdf_figure_alts(pdf)
    figures, missing = len(alts), sum(not a for a in alts)
    assert figures >= 10
    assert missing == 0


def test_figure_alt_texts_state_the_numbers_they_draw(pdf):
    """The alt text is computed from the figure's data: it carries its shares, e.g. the
    metodebok figure's 27 % below the middle (21 + 28 of 180 persons gave score 1 or 2)."""
    import re

    alts = [a.replace("\u00a0", " ") for a in a11y_browser.pdf_figure_alts(pdf)]
    with_shares = [a for a in alts if re.search(r"\d+ %", a)]
    assert len(with_shares) >= len(alts) - 2 and len(alts) >= 10, alts
    assert any("27 % under midten" in a for a in alts), alts
