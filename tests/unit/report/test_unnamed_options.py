"""Options whose wording the report does not give are said in a sentence, never shown as rows
or bars (issue 20: no placeholder rows shown to readers)."""

import pytest

from analysis import report


@pytest.fixture(scope="module")
def bundle():
    return report.load()


def test_question_14_shows_no_unnamed_row_or_bar_and_says_so(bundle):
    q14 = report.view(bundle, "q14")
    # the 2025 report names four courses and «Ingen»; two options have no wording in it
    assert len(q14.unnamed()) == 2
    rows = list(q14.table().frame["Svaralternativ"])
    assert not [r for r in rows if "ukjent" in str(r).lower()], rows
    bars = {label.get_text() for label in q14.figure().axes[0].get_yticklabels()}
    assert "GCP-kurs" in bars
    assert not [b for b in bars if "ukjent" in b.lower()], bars
    assert q14.unnamed_sentence() == ("Ordlyden til to av alternativene er ikke kjent; de er "
                                      "ikke vist.")


def test_a_question_with_every_wording_known_says_nothing(bundle):
    assert report.view(bundle, "q03").unnamed_sentence() == ""
