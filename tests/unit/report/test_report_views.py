"""Views on a tiny hand-made bundle: values, wording that follows the test, unknown counts."""

from __future__ import annotations

from types import MappingProxyType, SimpleNamespace

import pandas as pd
import pytest

from analysis.bundle import SurveyBundle, Wave
from analysis.display import to_plain
from analysis.questionnaire.schema import Questionnaire
from analysis.report import view

NBSP = "\u00a0"


def _questionnaire(year, compare=False):
    raw = {
        "year": year, "title": "t", "source": "hand-made",
        "questions": [
            {"id": "q01", "number": 1, "text": "Kjenner du oss?", "type": "single",
             "options": [{"label": "Ja"}, {"label": "Nei"}]},
            {"id": "q02", "number": 2, "text": "Hvor lett?", "type": "rating",
             "scale": {"low_label": "Svært vanskelig", "high_label": "Svært lett"}},
        ],
    }
    if compare:
        raw["compare_to"] = {"target_year": 2025, "questions": {"q01": "q01", "q02": "q02"}}
    return Questionnaire.model_validate(raw)


def _wave(year, yes, no, scores, determined=None):
    rows = [(i, "q01", "Ja", pd.NA) for i in range(yes)]
    rows += [(yes + i, "q01", "Nei", pd.NA) for i in range(no)]
    rows += [(i, "q02", pd.NA, s) for i, s in enumerate(scores)]
    long = pd.DataFrame(rows, columns=["respondent", "question", "option", "score"])
    long["score"] = long["score"].astype("Int64")
    long["text"] = pd.NA
    export = SimpleNamespace(long=long, wide=None, respondents=yes + no)
    return Wave(year, _questionnaire(year, compare=year == 2023), export, None,
                determined is not None, determined)


def _bundle(determined_2023=None):
    waves = {
        # 2023: 2 of 10 say yes; ratings 1, 2, 2.   2025: 8 of 10 say yes; ratings 4, 5, 5.
        2023: _wave(2023, 2, 8, [1, 2, 2], determined_2023),
        2025: _wave(2025, 8, 2, [4, 5, 5]),
    }
    return SurveyBundle(waves=MappingProxyType(waves), ledger=pd.DataFrame(), root=None)


def test_shares_counts_and_change_are_formatted_the_norwegian_way():
    v = view(_bundle(), "q01")
    assert v.share("Ja") == f"80{NBSP}%"
    assert v.share("Ja", 2023) == f"20{NBSP}%"
    assert v.count("Ja") == "8" and v.n() == "10"
    assert v.change("Ja") == f"+60{NBSP}prosentpoeng"


def test_a_binary_item_is_one_test_and_its_verdict_follows_the_interval():
    # 2/10 -> 8/10: Newcombe (method 10) [0.1618, 0.8027] lies above 0. "Nei" is the same
    # table mirrored: one hypothesis, so its p is not doubled by Holm (Fisher p = 0.023,
    # hypergeometric, hand-computed from C(10,k)C(10,10-k)/C(20,10) over k <= 2 and k >= 8).
    verdict = view(_bundle(), "q01").verdict("Ja")
    assert verdict == (f"en økning på 60{NBSP}prosentpoeng (95{NBSP}% KI +16 til "
                       f"+80{NBSP}prosentpoeng), mer enn tilfeldigheter alene gir blant dem som "
                       "svarte")
    assert view(_bundle(), "q01").test("Ja")["p_holm"] == pytest.approx(0.0230, abs=1e-3)


def test_rating_mean_median_and_shares():
    v = view(_bundle(), "q02")
    assert v.mean() == "4,67" and v.mean(2023) == "1,67"  # 14/3 and 5/3
    assert v.median() == "5,0"
    assert v.share([4, 5]) == f"100{NBSP}%"


def test_unknown_counts_read_ukjent_and_get_no_test():
    v = view(_bundle(determined_2023={"q01": {"Ja": False, "Nei": True}}), "q01")
    assert v.share("Ja", 2023) == "ukjent"
    assert v.share("Nei", 2023) == f"80{NBSP}%"
    assert "kan ikke vurderes" in v.verdict("Ja")
    table = v.table()
    assert table.cell("Ja", "Andel 2023") == "ukjent"
    assert table.cell("Ja", "p") == "ukjent"


def test_an_unknown_option_name_is_a_clear_error():
    with pytest.raises(KeyError, match="has no option 'Kanskje'; options: 'Ja', 'Nei'"):
        view(_bundle(), "q01").share("Kanskje")


def test_the_reconstruction_notice_shows_only_with_reconstructed_data():
    from analysis.report.notice import reconstruction_notice

    real = _bundle()
    assert reconstruction_notice(real).markdown == ""
    rebuilt = _bundle(determined_2023={"q01": {"Ja": True, "Nei": True}})
    markdown = reconstruction_notice(rebuilt).markdown
    assert markdown.startswith("::: {.reconstruction-notice}")
    text = to_plain(markdown)
    assert "Rekonstruerte data" in text and "2023" in text and "2025" not in text


def _bundle_with_chosen_n():
    # 2023 reconstructed: both counts pinned down, but the published figures allow a range of
    # n for q01 (only shares were published) -- the n printed is the reconstruction's choice.
    waves = {
        2023: Wave(2023, _questionnaire(2023, compare=True),
                   _wave(2023, 2, 8, [1, 2, 2]).export, None, True,
                   {"q01": {"Ja": True, "Nei": True}, "q02": {1: True, 2: True, 3: True,
                                                             4: True, 5: True}},
                   determined_n={"q01": False, "q02": True}),
        2025: _wave(2025, 8, 2, [4, 5, 5]),
    }
    return SurveyBundle(waves=MappingProxyType(waves), ledger=pd.DataFrame(), root=None)


def test_the_table_has_intervals_for_both_waves_and_marks_a_chosen_n():
    table = view(_bundle_with_chosen_n(), "q01").table()
    # Wilson 95 % interval of 2/10: 5,7 %-51,0 % -> "6–51 %"; of 8/10: 49,0 %-94,3 % -> "49–94 %"
    assert table.cell("Ja", "95 % KI 2023") == f"6–51{NBSP}%"
    assert table.cell("Ja", "95 % KI 2025") == f"49–94{NBSP}%"
    assert table.cell("Ja", "Endring (pp)") == "+60"
    assert table.cell("Svarte på spørsmålet (n)", "Antall 2023") == "10\u2020"
    assert table.cell("Svarte på spørsmålet (n)", "Antall 2025") == "10"
    assert table.rows()[-1][0].startswith("\u2020 Rekonstruksjonens valg")
    ratings = view(_bundle_with_chosen_n(), "q02").table()
    assert ratings.cell("Svarte (n)", "Antall 2023") == "3"  # pinned down: no mark
    assert "\u2020" not in " ".join(" ".join(r) for r in ratings.rows())


def test_who_answered_is_described_not_tested():
    v = view(_bundle(), "q01")
    assert v.shift("Ja") == f"en økning på 60{NBSP}prosentpoeng"
    assert "p" not in view(_bundle(), "q01").table(tested=False).columns
    assert "p (Holm)" in v.table().columns
