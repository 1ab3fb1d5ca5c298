"""Open rendered HTML pages in Debian's Chromium and run axe-core's WCAG 2.1 A/AA rules.

The accessibility tier (this folder): the built-in engine's book in a browser (axe-core, a
390 px phone, alt text) and its PDF as PDF/UA-1. Quarto's book gets the same browser checks in
the parity tier (tests/parity/test_accessibility_quarto.py).

Shared by the accessibility tier (the built-in engine's book) and the parity tier (Quarto's).
Playwright drives the system browser (``/usr/bin/chromium``, installed by ``.ci/run`` with
``apt-get install chromium``), so no browser is downloaded; without it the tests skip with one
line.
"""

from __future__ import annotations

import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-dev-shm-usage", "--no-first-run"]
#: axe-core tags: WCAG 2.0 and 2.1, levels A and AA (what the Norwegian regulation requires).
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SKIP_REASON = ("no Chromium at /usr/bin/chromium: the accessibility checks need it "
               "(apt-get install chromium; .ci/run installs it)")


def require_browser() -> None:
    """Skip the calling test, with one line, when the browser is missing."""
    if not Path(CHROMIUM).exists():
        pytest.skip(SKIP_REASON)


@contextmanager
def browser_page(width: int = 1280, height: int = 900):
    """A Playwright page of a headless Chromium ``width`` CSS pixels wide."""
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as play:
        browser = play.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            yield page
        finally:
            browser.close()


def html_pages(book: Path) -> list[Path]:
    """The book's pages: ``index.html`` and every chapter page."""
    return [book / "index.html", *sorted((book / "chapters").glob("*.html"))]


def axe_violations(page, path: Path) -> list[str]:
    """WCAG 2.1 A/AA violations on one page, one line per rule: ``rule (n nodes): target``."""
    from axe_playwright_python.sync_playwright import Axe

    page.goto(path.as_uri())
    # resultTypes: the passing and inapplicable nodes are not collected and sent back (what
    # the library does by default, and most of the time on a long page); every violating node
    # still is.
    result = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS},
                                      "resultTypes": ["violations"]})
    return [f"{v['id']} ({len(v['nodes'])}): {v['nodes'][0]['target']}"
            for v in result.response["violations"]]


def horizontal_overflow(page, path: Path) -> int:
    """How many CSS pixels the page is wider than the window (0: no sideways scrolling)."""
    page.goto(path.as_uri())
    return int(page.evaluate("document.documentElement.scrollWidth - window.innerWidth"))


def images_without_alt(page, path: Path) -> list[str]:
    """``src`` of every image a screen reader cannot describe (no or empty ``alt``)."""
    page.goto(path.as_uri())
    return page.evaluate(
        "[...document.querySelectorAll('img')]"
        ".filter(i => !(i.getAttribute('alt') || '').trim()).map(i => i.getAttribute('src'))")


def pdf_figure_alts(reader) -> list[str]:
    """The /Alt of every /Figure structure element of a PDF (pypdf ``PdfReader``), "" where a
    figure has none: the alt text a screen reader gets (PDF/UA-1 7.3)."""
    alts, stack = [], [reader.trailer["/Root"]["/StructTreeRoot"]]
    while stack:
        node = stack.pop()
        node = node.get_object() if hasattr(node, "get_object") else node
        if not hasattr(node, "get"):
            continue
        if node.get("/S") == "/Figure":
            alts.append(str(node.get("/Alt", "")).strip())
        kids = node.get("/K")
        if kids is not None:
            stack.extend(kids if isinstance(kids, list) else [kids])
    return alts
