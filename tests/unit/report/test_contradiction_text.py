"""Contradiction explanations read their numbers from the views and the ledger."""

import re

import pytest

from analysis import report
from analysis.report.contradiction_text import fill


@pytest.fixture(scope="module")
def bundle():
    return report.load()


def test_placeholders_read_the_ledger_and_the_views(bundle):
    text = fill(bundle, "{fig r25-q08-y2025-s1-count} og {fig r25-q08-y2025-s12-pct}; "
                        "{q08 count 1,2} av {q08 n} er {q08 share 1,2}")
    view = report.view(bundle, "q08")
    # the ledger: the report printed 21 and «rundt 26 %» (section 4.3)
    assert text.replace("\u00a0", " ").startswith("21 og 26 %; ")
    assert text.endswith(f"{view.count([1, 2])} av {view.n()} er {view.share([1, 2])}")


def test_a_bad_placeholder_names_the_entry_and_the_placeholder(bundle):
    with pytest.raises(ValueError, match=r"c-x: placeholder '\{q08 total 1\}'"):
        fill(bundle, "{q08 total 1}", "contradictions.yaml: c-x")
    with pytest.raises(ValueError, match="r25-nope"):
        fill(bundle, "{fig r25-nope}", "contradictions.yaml: c-y")


def test_no_explanation_keeps_an_unfilled_placeholder(bundle):
    from analysis.report.audit_view import contradictions

    for text in contradictions(bundle)["Forklaring"]:
        assert "{" not in text and "}" not in text, text


def test_calc_does_the_explanations_arithmetic_on_ledger_figures(bundle):
    # the report printed 75 % (2023) and 87 % (2025) for Q3 «godt eller litt» (section 4.2)
    a, b = "r25-q03-y2023-godt-litt-pct", "r25-q03-y2025-godt-litt-pct"
    text = fill(bundle, f"{{calc int {b} - {a}}}; {{calc pct ( {b} - {a} ) / {a}}}; "
                        f"{{calc num2 {b} / {a}}}; {{year {a}}}; {{calc words {a} / 25}}; "
                        f"{{calc words {a} - 75}}")
    assert text.replace("\u00a0", " ") == "12; 16 %; 1,16; 2023; tre; ingen"
    with pytest.raises(ValueError, match="not arithmetic"):
        fill(bundle, f"{{calc int {a} ** 2}}")
    with pytest.raises(ValueError, match="format"):
        fill(bundle, f"{{calc big {a}}}")


#: Digits an explanation may type: what a number *names*, not a figure of the report — a
#: question, chapter or score (score 1 to 5 of the rating scale), a heading number quoted in
#: guillemets, the whole (100 %), and Q4's three ticks per respondent.
_STRUCTURAL = re.compile(
    r"(?i)\b(?:spørsmål|kapittel|score)\s+\d+(?:(?:,\s*|\s+og\s+|\s+eller\s+)\d+)*"
    r"|«\d+(?:\.\d+)*\.?[^»]*»|\b100\s+−|/3\b|\beller\s+5\b")


def test_no_explanation_types_a_figure():
    import yaml

    from analysis.paths import published_dir

    data = yaml.safe_load((published_dir() / "contradictions.yaml").read_text(
        encoding="utf-8"))
    typed = {}
    for entry in data["contradictions"]:
        text = re.sub(r"\{[^{}]*\}", " ", entry["explanation"])
        text = _STRUCTURAL.sub(" ", text)
        if re.search(r"\d", text):
            typed[entry["id"]] = re.findall(r"\S*\d\S*", text)
    assert not typed, typed
