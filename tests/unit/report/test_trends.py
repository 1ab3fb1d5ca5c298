"""Display tables of development over time, checked against values worked out by hand."""

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.report.trends import change_table, choice_verdict, format_respondents

NAN = float("nan")


def test_respondents_table_marks_approximate_missing_and_reconstructed_years():
    frame = pd.DataFrame({
        "year": [2018, 2020, 2023, 2025],
        "respondents": [149.0, NAN, 155.0, 186.0],
        "source": ["publisert", None, "data", "data"],
        "approximate": [True, False, False, False],
    })
    table = format_respondents(frame, reconstructed=[2025])
    assert table["År"].tolist() == ["2018", "2020", "2023", "2025"]
    assert table["Respondenter"].tolist() == ["ca. 149", "ingen tall", "155", "186"]
    assert table["Kilde"].tolist() == [
        "publisert tall, omtrentlig",
        "ingen publiserte tall",
        "svardata",
        "svardata, rekonstruert fra publiserte tall",
    ]


def test_respondents_table_names_a_published_estimate():
    # "Tidligere undersøkelser har fått rundt 150 svar", filed under 2020
    frame = pd.DataFrame({"year": [2020], "respondents": [150.0], "source": ["publisert"],
                          "approximate": [True]})
    table = format_respondents(frame, estimates=[2020])
    assert table.iloc[0].tolist() == ["2020", "ca. 150", "publisert anslag"]


class FakeChoice:
    """Two options: A went from 20,4 % to 40,4 % (significant after Holm), B is unknown in
    2023; C went from 57,4 % to 77,6 % (printed 57 % and 78 %: +21, not the unrounded +20)."""

    prev_year, year = 2023, 2025
    rows = {
        "A": {"share_a": 0.204, "share_b": 0.404, "diff": 0.20, "p_value": 0.0021,
              "p_holm": 0.0042, "significant": True},
        "B": {"share_a": NAN, "share_b": 0.07, "diff": NAN, "p_value": NAN, "p_holm": NAN,
              "significant": False},
        "C": {"share_a": 0.574, "share_b": 0.776, "diff": 0.202, "p_value": 0.03,
              "p_holm": 0.09, "significant": False},
    }
    shares = {("A", 2023): "20 %", ("A", 2025): "40 %", ("B", 2023): "ukjent", ("B", 2025): "7 %",
              ("C", 2023): "57 %", ("C", 2025): "78 %"}

    def share(self, key, year=None):
        return self.shares[(key, year or self.year)]

    def test(self, key):
        return pd.Series(self.rows[key])


def fake_rating(known_prev=True, p=0.21, significant=False, rb=0.05):
    means = {2023: "3,98" if known_prev else "ukjent", 2025: "3,99"}
    return SimpleNamespace(
        prev_year=2023, year=2025,
        mean=lambda y=None: means[y or 2025],
        known=lambda y=None: known_prev if y == 2023 else True,
        comparison=SimpleNamespace(p_value=p, p_holm=p, significant=significant,
                                   rank_biserial=rb),
    )


def test_change_table_words_each_row_from_its_test():
    table = change_table([
        ("A", FakeChoice(), "A"),
        ("B", FakeChoice(), "B"),
        ("C", FakeChoice(), "C"),
        ("Snitt", fake_rating(), None),
        ("Snitt ukjent", fake_rating(known_prev=False), None),
        ("Snitt lavere", fake_rating(p=0.004, significant=True, rb=-0.3), None),
    ])
    assert list(table.columns) == ["Tema", "2023", "2025", "Endring (pp)", "p", "p (Holm)",
                                   "Vurdering"]
    rows = table.frame.set_index("Tema")
    # A: 20 % -> 40 % is +20 points; p = 0,0021 prints with three decimals as 0,002
    assert rows.loc["A"].tolist() == ["20 %", "40 %", "+20", "0,002", "0,004",
                                      "trolig reell økning"]
    assert rows.loc["B"].tolist() == ["ukjent", "7 %", "ukjent", "ukjent", "ukjent",
                                      "kan ikke testes"]
    # C: raw p 0,03, Holm 0,09: the verdict follows the adjusted p
    assert rows.loc["C"].tolist() == ["57 %", "78 %", "+21", "0,03", "0,09",
                                      "kan skyldes tilfeldigheter"]
    assert rows.loc["Snitt"].tolist() == ["snitt\u00a03,98", "snitt\u00a03,99", "–", "0,21",
                                          "0,21", "kan skyldes tilfeldigheter"]
    assert rows.loc["Snitt ukjent"].tolist() == ["ukjent", "snitt\u00a03,99", "–", "ukjent",
                                                 "ukjent", "kan ikke testes"]
    assert rows.loc["Snitt lavere", "Vurdering"] == "trolig reelt lavere"


def test_change_table_refuses_views_of_different_years():
    other = FakeChoice()
    other.prev_year = 2020
    with pytest.raises(ValueError, match="2020-2025"):
        change_table([("A", FakeChoice(), "A"), ("A20", other, "A")])


def test_choice_verdict():
    assert choice_verdict(-20, True) == "trolig reell nedgang"
    assert choice_verdict(9, False) == "kan skyldes tilfeldigheter"
    assert choice_verdict(0, False) == "ingen endring"
    # a change that prints as 0 has no direction, whatever the test says (as change_clause)
    assert choice_verdict(0, True) == "ingen endring"
    assert choice_verdict(NAN, False) == "kan ikke testes"
    assert choice_verdict(None, False) == "kan ikke testes"
