"""Display tables of development over time, checked against values worked out by hand."""

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.compute.verdict import Verdict
from analysis.report.trends import change_table, format_respondents

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
    """A went from 20,4 % to 40,4 % (beyond chance), B is unknown in 2023, C went from 57,4 %
    to 77,6 % (printed 57 % and 78 %: +21, not the unrounded +20) within chance, D is a break."""

    prev_year, year = 2023, 2025
    rows = {
        "A": {"share_a": 0.204, "share_b": 0.404, "diff": 0.20, "diff_low": 0.104,
              "diff_high": 0.291},
        "B": {"share_a": NAN, "share_b": 0.07, "diff": NAN, "diff_low": NAN, "diff_high": NAN},
        "C": {"share_a": 0.574, "share_b": 0.776, "diff": 0.202, "diff_low": -0.004,
              "diff_high": 0.39},
        "D": {"share_a": 0.30, "share_b": 0.20, "diff": -0.1, "diff_low": -0.2,
              "diff_high": -0.01},
    }
    words = {"A": Verdict.UP, "B": Verdict.NOT_TESTABLE, "C": Verdict.CHANCE, "D": Verdict.BREAK}
    shares = {("A", 2023): "20 %", ("A", 2025): "40 %", ("B", 2023): "ukjent", ("B", 2025): "7 %",
              ("C", 2023): "57 %", ("C", 2025): "78 %"}

    def share(self, key, year=None):
        return self.shares[(key, year or self.year)]

    def test(self, key):
        return pd.Series(self.rows[key])

    def verdict_word(self, key):
        return self.words[key]


def fake_rating(known_prev=True, word=Verdict.CHANCE):
    means = {2023: "3,98" if known_prev else "ukjent", 2025: "3,99"}
    return SimpleNamespace(
        prev_year=2023, year=2025,
        mean=lambda y=None: means[y or 2025],
        known=lambda y=None: known_prev if y == 2023 else True,
        verdict_word=lambda: word,
    )


def test_change_table_gives_each_change_its_interval_and_the_chapters_verdict():
    table = change_table([
        ("A", FakeChoice(), "A"),
        ("B", FakeChoice(), "B"),
        ("C", FakeChoice(), "C"),
        ("D", FakeChoice(), "D"),
        ("Snitt", fake_rating(), None),
        ("Snitt ukjent", fake_rating(known_prev=False, word=Verdict.NOT_TESTABLE), None),
        ("Snitt endret", fake_rating(word=Verdict.SHIFTED), None),
    ])
    assert list(table.columns) == ["Tema", "2023", "2025", "Endring (pp)", "95\u00a0% KI (pp)",
                                   "Vurdering"]
    rows = table.frame.set_index("Tema")
    # A: 20 % -> 40 % is +20 points; the interval 0.104..0.291 prints as +10 til +29
    assert rows.loc["A"].tolist() == ["20 %", "40 %", "+20", "+10 til +29",
                                      "økning utover tilfeldig variasjon"]
    assert rows.loc["B"].tolist() == ["ukjent", "7 %", "ukjent", "–", "kan ikke testes"]
    assert rows.loc["C"].tolist() == ["57 %", "78 %", "+21", "0 til +39",
                                      "kan skyldes tilfeldigheter"]
    assert "D" not in rows.index and table.frame.attrs["breaks"] == ["D"]
    assert rows.loc["Snitt"].tolist() == ["snitt\u00a03,98", "snitt\u00a03,99", "–", "–",
                                          "kan skyldes tilfeldigheter"]
    assert rows.loc["Snitt ukjent", "Vurdering"] == "kan ikke testes"
    assert rows.loc["Snitt endret", "Vurdering"] == "fordelingen har endret seg"


def test_change_table_refuses_views_of_different_years():
    other = FakeChoice()
    other.prev_year = 2020
    with pytest.raises(ValueError, match="2020-2025"):
        change_table([("A", FakeChoice(), "A"), ("A20", other, "A")])
