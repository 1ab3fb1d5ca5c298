"""Contradiction explanations read their numbers from the views and the ledger."""

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
