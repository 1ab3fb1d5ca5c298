"""The built-in engine's HTML in Chromium: no WCAG 2.1 A/AA violation (axe-core) on any page,
no sideways scrolling on a 390 px phone, no image without alt text."""

from __future__ import annotations

import pytest
from a11y_browser import (
    axe_violations,
    browser_page,
    horizontal_overflow,
    html_pages,
    images_without_alt,
    require_browser,
)

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def book(book_render):
    require_browser()
    return book_render("first") / "_book"


def test_no_axe_violations_on_any_page(book):
    found = {}
    with browser_page() as page:
        for path in html_pages(book):
            if violations := axe_violations(page, path):
                found[path.name] = violations
    assert found == {}


def test_pages_fit_a_phone_without_sideways_scrolling(book):
    with browser_page(width=390, height=844) as page:
        wide = {p.name: px for p in html_pages(book) if (px := horizontal_overflow(page, p)) > 0}
        # the chapter list starts folded, so the chapter's text is on the first screen
        folded = page.evaluate("!document.querySelector('details.chapter-menu').open")
    assert wide == {}
    assert folded


def test_every_figure_has_alt_text(book):
    with browser_page() as page:
        images = 0
        missing = {}
        for path in html_pages(book):
            if bad := images_without_alt(page, path):
                missing[path.name] = bad
            images += page.evaluate("document.images.length")  # the page it just opened
    assert images >= 10, "the book should have its figures"
    assert missing == {}
