"""Quarto's book in Chromium, as the accessibility tier checks the built-in one
(tests/accessibility/): axe-core's WCAG 2.1 A/AA rules on every page, a 390 px phone without
sideways scrolling, every image with alt text, and its PDF tagged with the same alt text."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest
from pypdf import PdfReader

_SPEC = importlib.util.spec_from_file_location(
    "a11y_browser", Path(__file__).parents[1] / "accessibility" / "a11y_browser.py")
browser = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(browser)

#: Violations from Quarto's own page furniture that no setting or post-render step fixes,
#: each with its upstream issue: none at present.
KNOWN_UPSTREAM: dict[str, str] = {}


def _browser_findings(book: Path) -> dict[str, dict]:
    """What Chromium finds on each page of Quarto's ``book``, one browser for all checks:
    axe-core's violations and images without alt text at 1280 px, sideways scrolling at
    390 px (pages with none left out)."""
    browser.require_browser()
    found: dict[str, dict] = {"axe": {}, "no_alt": {}, "wide": {}}
    pages = browser.html_pages(book)
    with browser.browser_page() as page:
        for path in pages:
            violations = [v for v in browser.axe_violations(page, path)
                          if v.split(" ")[0] not in KNOWN_UPSTREAM]
            if violations:
                found["axe"][path.name] = violations
            if bad := browser.images_without_alt(page, path):
                found["no_alt"][path.name] = bad
        page.set_viewport_size({"width": 390, "height": 844})
        for path in pages:
            if (px := browser.horizontal_overflow(page, path)) > 0:
                found["wide"][path.name] = px
    return found


def request_background_renders(background, items) -> None:
    """The browser checks run in the background (``BackgroundRenders`` in tests/conftest.py)
    as soon as Quarto's book is rendered, while the rest of the suite runs; the tests below
    assert on what they found."""
    if shutil.which("quarto") is None:
        return  # the tier is skipped
    background.request("parity-quarto-browser",
                       lambda folder: _browser_findings(background.result("parity-quarto")),
                       items[0][0])


@pytest.fixture(scope="module")
def findings(request, books) -> dict[str, dict]:
    background = request.config.pluginmanager.get_plugin("norcrin-background-renders")
    if "parity-quarto-browser" in background:
        return background.result("parity-quarto-browser")
    return _browser_findings(books["quarto"])


def test_no_axe_violations_on_any_quarto_page(findings):
    assert findings["axe"] == {}


def test_quarto_pages_fit_a_phone(findings):
    assert findings["wide"] == {}


def test_every_quarto_image_has_alt_text(findings):
    assert findings["no_alt"] == {}


def test_quarto_pdf_figures_carry_alt_text(books):
    (path,) = books["quarto"].glob("*.pdf")
    reader = PdfReader(path)
    alts = browser.pdf_figure_alts(reader)
    figures, missing = len(alts), sum(not a for a in alts)
    assert figures >= 10
    assert missing == 0
