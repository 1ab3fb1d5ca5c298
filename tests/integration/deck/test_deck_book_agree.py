"""The slides and the book cannot drift apart: every number a slide shows that the book also
prints inline is the book's printed value (``_book/inline-values.json`` of a cold built-in
render), and every other number on a slide is declared here as one the book shows only in a
table or chart (those are held to the views by ``test_deck_file.py``).

The links name the *book's* expressions (normalised: ``v["q03"].share(...)`` and
``q03.share(...)`` are one; ``fmt.num(x)`` is ``x``), so a chapter that stops printing a value,
or prints another one, fails here by name.
"""

from __future__ import annotations

import json
import re

import pytest

from analysis.slides import read_deck
from analysis.slides.inspect import numbers

pytestmark = pytest.mark.slow

#: slide key -> book expressions whose printed value the slide must show.
LINKS = {
    "svar": ["n_now", "n_prev", 'growth["more"]', "prev", "year"],
    "hvem": ["q01.share(nurses)", "q01.shift(nurses)"],
    "seksjon-q03": ["q03.n()", 'q03.share("Kjenner godt")', 'q03.share("Kjenner godt", prev)',
                    "prev"],
    "seksjon-q08": ["q08.n()", "q08.share([4, 5])", "q08.share([1, 2])", "q08.mean()"],
    "seksjon-q10": ["q10.n()", 'q10.share("Ingen kontakt")',
                    'q10.share("Ingen kontakt", prev)', "prev"],
    "seksjon-q15": ["q15.n()", 'q15.share("Aldri hørt om")',
                    'q15.share("Aldri hørt om", prev)', "prev"],
    "seksjon-q18": ["q18.n()", 'q18.share("Usikker")', 'q18.share("Usikker", prev)', "prev"],
    "videre": ['ctx.date(wave["presented"][0]["date"])',
               'ctx.date(wave["presented"][1]["date"])'],
}
#: slide key -> numbers the book prints only in tables or charts, or not as a number at all
#: (held to the views, not to the inline trace). Anything else unlinked fails.
VIEWS_ONLY = {
    "hvem": {"16\u00a0%", "+3", "3"},  # the second role: the book's table of roles (q01)
    "seksjon-q08": {"1", "5"},  # the scale's ends, «(1–5)»
    "videre": {"2027"},  # the next wave: year + gap, not printed inline
}
#: Slides whose numbers are all in a table of the book (Hovedfunn's key figures).
TABLE_SLIDES = {"nokkeltall"}


def _normalise(expression: str) -> str:
    e = re.sub(r'v\["(q\d\d)"\]', r"\1", expression.strip())
    e = re.sub(r"^fmt\.num\((.*)\)$", r"\1", e)
    return re.sub(r"\bq(\d\d)\.prev_year\b", "prev", e)


@pytest.fixture(scope="module")
def book_values(book_render):
    """Normalised expression -> the set of texts the book printed for it."""
    root = book_render("first")
    trace = json.loads((root / "_book" / "inline-values.json").read_text(encoding="utf-8"))
    values: dict[str, set[str]] = {}
    for entry in trace:
        values.setdefault(_normalise(entry["expression"]), set()).add(entry["value"])
    return values


@pytest.fixture(scope="module")
def shown(deck_render):
    """Slide key -> the numbers its text and table cells show (title slide left out), in the
    session's cold built-in render of the deck (``deck_render``)."""
    from analysis.bundle import load_bundle
    from analysis.report import deck as deck_view

    root, pptx = deck_render
    slides, _, _ = read_deck(pptx)
    keys = [s.key for s in deck_view.deck(load_bundle(root))]
    return {key: {n for t in s.texts for n in numbers(t)}
            for key, s in zip(keys, slides[1:], strict=True)}


def test_the_links_name_what_the_book_prints(book_values):
    missing = sorted({e for links in LINKS.values() for e in links} - set(book_values))
    assert not missing, f"the book no longer prints {missing}"
    ambiguous = {e: v for links in LINKS.values() for e in links
                 if len(v := book_values[e]) > 1}
    assert not ambiguous, f"the book prints these with different values: {ambiguous}"


def test_every_linked_number_on_a_slide_is_the_books(shown, book_values):
    wrong = []
    for key, links in LINKS.items():
        for expression in links:
            (printed,) = book_values[expression]
            want = set(numbers(printed))
            if not want <= shown[key]:
                wrong.append(f"{key}: the book prints {expression} as {printed!r}, the slide "
                             f"shows {sorted(shown[key])}")
    assert not wrong, "\n".join(wrong)


def test_no_number_on_a_slide_is_neither_the_books_nor_declared(shown, book_values):
    loose = {}
    for key, got in shown.items():
        if key in TABLE_SLIDES:
            continue
        linked = {n for e in LINKS.get(key, ()) for v in book_values[e] for n in numbers(v)}
        extra = got - linked - VIEWS_ONLY.get(key, set())
        if extra:
            loose[key] = sorted(extra)
    assert not loose, f"numbers on slides the book does not print inline: {loose}"
