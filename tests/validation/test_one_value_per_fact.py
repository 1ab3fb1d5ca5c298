"""One value per fact: every percentage the rendered book prints for one ledger figure agrees.

The fact: the share of metodebok.no's respondents who find it hard to find their way (score 1
or 2 of question 8; ledger figure ``r25-q08-y2025-s12-pct``, printed «rundt 26 %» by the
report). The book prints it in the chapter (an inline expression), in the figure's alt text
and in the appendix's explanation of the report's contradiction. The 2025 report printed 21 and
28 persons for scores 1 and 2 (ledger figures, hand-read from the report): whatever the share
is, it is (21 + 28) / n of the n the book says answered, and every place prints that one value.
"""

from __future__ import annotations

import html
import re

import pytest

from analysis.report.book_map import printed_inline

HARD = 21 + 28  # the report's counts for scores 1 and 2 (page of section 4.3)


def _text(path) -> str:
    """A page's text: tags dropped, entities decoded, no-break spaces as spaces."""
    raw = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", html.unescape(raw).replace("\u00a0", " "))


def _alts(path, figure: str) -> list[str]:
    """The alt texts of the images of figure ``figure`` (its file is named by the label)."""
    tags = re.findall(r"<img[^>]*>", path.read_text(encoding="utf-8"))
    return [html.unescape(re.search(r'\balt="([^"]*)"', t).group(1)).replace("\u00a0", " ")
            for t in tags if figure in t and 'alt="' in t]


@pytest.fixture(scope="module")
def book(book_render):
    return book_render("first") / "_book"


def test_the_metodebok_share_is_one_value_everywhere(book):
    printed: dict[str, set[int]] = {}
    inline = printed_inline(book / "inline-values.json")
    for (chapter, expression), values in inline.items():
        if expression == "q08.share([1, 2])":
            printed.setdefault(f"{chapter} (inline)", set()).update(
                int(v.replace("\u00a0", " ").split()[0]) for v in values)
    assert printed, "the chapter no longer prints q08.share([1, 2])"

    alts = _alts(book / "chapters" / "04-3-nettsider.html", "fig-nettsider-q08")
    assert len(alts) == 1, alts
    n = int(re.search(r"\(n = (\d+)\)", alts[0]).group(1))
    printed["figure alt text"] = {int(m) for m in re.findall(r"(\d+) % under midten", alts[0])}

    appendix = _text(book / "chapters" / "a1-etterproving.html")
    found = re.findall(r"(\d+) av de (\d+) som svarte, altså (\d+) %", appendix)
    assert found, "the appendix no longer explains the metodebok share"
    for count, total, share in found:
        assert (int(count), int(total)) == (HARD, n)
        printed.setdefault("appendix", set()).add(int(share))

    expected = round(100 * HARD / n)
    assert all(values == {expected} for values in printed.values()), (expected, printed)


def _number(text: str) -> float:
    return float(text.replace(" ", "").replace(",", "."))


def test_the_appendix_arithmetic_agrees_with_its_operands(book):
    # The contradiction explanations print sums and shares of the report's own figures
    # ("37 av 186 … 20 %", "62/86 = 72 %", "57 + 34 = 91", "239/60 = 3,98"): each printed
    # result is recomputed here from the operands printed beside it.
    appendix = _text(book / "chapters" / "a1-etterproving.html")
    checked = 0
    for a, b, share in re.findall(r"\b(\d+) av (\d+)(?: respondenter)?(?: hadde [^,]*,"
                                  r" og det)? (?:er|=) (\d+) %", appendix):
        assert round(100 * int(a) / int(b)) == int(share), (a, b, share)
        checked += 1
    for a, b, result, percent in re.findall(r"\b(\d+)/(\d+) = (\d+(?:,\d+)?)( %)?", appendix):
        value = int(a) / int(b) * (100 if percent else 1)
        decimals = len(result.split(",")[1]) if "," in result else 0
        assert round(value, decimals) == _number(result), (a, b, result)
        checked += 1
    for terms, total in re.findall(r"((?:\d+(?: %)? \+ )+\d+(?: %)?) = (\d+)", appendix):
        assert sum(int(t.strip(" %")) for t in terms.split("+")) == int(total), (terms, total)
        checked += 1
    assert checked >= 8, checked
