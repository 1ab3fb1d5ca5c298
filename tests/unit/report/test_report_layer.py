"""The report layer on a hand-made bundle built to expose denominator and year mix-ups.

Two waves of different size (2023: 14 respondents, 2025: 16), questions that not everyone
answered (partial answering, and routing: q02 is asked only of those who know NorCRIN), a
previous questionnaire with other options (merged, dropped, new), and pairs of waves whose
Fisher p-values fall on either side of the significance level. Every expected value below is
computed by hand from the answers listed in ``_bundle``; none comes from our own output.
"""

from __future__ import annotations

from math import comb
from types import MappingProxyType, SimpleNamespace

import pandas as pd
import pytest

from analysis.bundle import SurveyBundle, Wave
from analysis.compute.change import ALPHA
from analysis.questionnaire.schema import Questionnaire
from analysis.report import view
from analysis.report.trends import change_table

NBSP = "\u00a0"
MINUS = "\u2212"

RATING = {"low_label": "Svært vanskelig", "high_label": "Svært lett"}


def _questions(year: int) -> list[dict]:
    q01 = (["Godt", "Litt", "Bare navnet"] if year == 2023 else ["Godt", "Litt", "Aldri hørt om"])
    q02 = (["Kurs", "Maler", "Råd"] if year == 2023 else ["Kurs", "Maler", "Monitorering"])
    return [
        {"id": "q01", "number": 1, "text": "Kjenner du oss?", "type": "single",
         "options": [{"label": o} for o in q01]},
        {"id": "q02", "number": 2, "text": "Hva har du brukt?", "type": "multiple",
         "options": [{"label": o} for o in q02]},
        {"id": "q03", "number": 3, "text": "Hvor lett?", "type": "rating", "scale": RATING},
        {"id": "q04", "number": 4, "text": "Bruker du oss?", "type": "single",
         "options": [{"label": "Ja"}, {"label": "Nei"}]},
        {"id": "q05", "number": 5, "text": "Anbefaler du oss?", "type": "single",
         "options": [{"label": "Ja"}, {"label": "Nei"}]},
    ]


def _questionnaire(year: int) -> Questionnaire:
    raw = {"year": year, "title": "t", "source": "hand-made", "questions": _questions(year)}
    if year == 2023:
        raw["compare_to"] = {
            "target_year": 2025,
            "questions": {q: q for q in ("q01", "q02", "q03", "q04", "q05")},
            # "Bare navnet" is merged into "Litt"; "Råd" has no counterpart in 2025.
            "options": {"q01": {"Bare navnet": "Litt"}, "q02": {"Råd": None}},
        }
    return Questionnaire.model_validate(raw)


def _wave(year: int, respondents: int, choices: dict, ticks: dict, scores: list[int]) -> Wave:
    rows = []
    for qid, answers in choices.items():
        rows += [(r, qid, option, pd.NA) for r, option in enumerate(answers)]
    for r, options in enumerate(ticks["q02"]):
        rows += [(r, "q02", option, pd.NA) for option in options]
    rows += [(r, "q03", pd.NA, s) for r, s in enumerate(scores)]
    long = pd.DataFrame(rows, columns=["respondent", "question", "option", "score"])
    long["score"] = long["score"].astype("Int64")
    long["text"] = pd.NA
    export = SimpleNamespace(long=long, wide=None, respondents=respondents)
    return Wave(year, _questionnaire(year), export, None, False, None)


def _bundle() -> SurveyBundle:
    wave_2023 = _wave(
        2023, 14,
        {
            # 9 of 14 answered q01: Godt 3, Litt 2, Bare navnet 4 (-> Litt: 6 of 9).
            "q01": ["Godt"] * 3 + ["Litt"] * 2 + ["Bare navnet"] * 4,
            "q04": ["Ja"] * 3 + ["Nei"] * 7,  # 3 of 10
            "q05": ["Ja"] * 2 + ["Nei"] * 8,  # 2 of 10
        },
        # 5 answered q02: Kurs 2, Maler 4, and respondent 4 ticked only "Råd" (dropped).
        {"q02": [["Kurs", "Maler"], ["Kurs", "Maler"], ["Maler"], ["Maler"], ["Råd"]]},
        [4, 4, 5, 3, 2],  # 5 of 14 rated: mean 18/5 = 3,60, median 4; one 5 = 20 %
    )
    wave_2025 = _wave(
        2025, 16,
        {
            # 12 of 16 answered q01: Godt 6, Litt 4, Aldri hørt om 2.
            "q01": ["Godt"] * 6 + ["Litt"] * 4 + ["Aldri hørt om"] * 2,
            "q04": ["Ja"] * 8 + ["Nei"] * 2,  # 8 of 10
            "q05": ["Ja"] * 8 + ["Nei"] * 2,  # 8 of 10
        },
        # routing: only those who know NorCRIN (respondents 0-9) were asked; 8 answered.
        {"q02": [["Kurs", "Maler"], ["Kurs", "Maler"], ["Kurs", "Maler"], ["Kurs", "Maler"],
                 ["Kurs"], ["Kurs"], ["Monitorering"], ["Monitorering"]]},
        [5, 5, 5, 5, 4, 4, 3, 2, 1],  # 9 of 16 rated: mean 34/9 = 3,78, median 4
    )
    waves = MappingProxyType({2023: wave_2023, 2025: wave_2025})
    return SurveyBundle(waves=waves, ledger=pd.DataFrame(), root=None)


@pytest.fixture(scope="module")
def bundle():
    return _bundle()


def pct(x: int) -> str:
    return f"{x}{NBSP}%"


def fisher_two_sided(k_a: int, n_a: int, k_b: int, n_b: int) -> float:
    """Fisher's exact test by hand: hypergeometric probabilities of every table with the same
    margins, summed over those no more likely than the observed one."""
    k, n = k_a + k_b, n_a + n_b

    def prob(x: int) -> float:
        return comb(n_a, x) * comb(n_b, k - x) / comb(n, k)

    observed = prob(k_a)
    return sum(prob(x) for x in range(max(0, k - n_b), min(k, n_a) + 1)
               if prob(x) <= observed * (1 + 1e-7))


# --- shares, counts and n: the denominator is who answered, per question and per wave ------

def test_choice_shares_are_of_those_who_answered_in_each_wave(bundle):
    q01 = view(bundle, "q01")
    assert q01.n() == "12" and q01.n(2023) == "9"  # not 16 and 14 respondents
    assert q01.share("Godt") == pct(50)  # 6/12; of all 16 respondents it would be 38 %
    assert q01.share("Godt", 2023) == pct(33)  # 3/9
    assert q01.share("Litt", 2023) == pct(67)  # 2 + 4 merged from "Bare navnet", of 9
    assert q01.count("Litt", 2023) == "6"
    assert q01.share(["Godt", "Litt"]) == pct(83)  # 10/12
    assert q01.change("Godt") == f"+17{NBSP}prosentpoeng"  # 50 - 33.3


def test_multiple_choice_after_routing_and_a_dropped_option(bundle):
    q02 = view(bundle, "q02")
    assert q02.n() == "8"  # routed: 8 answered, of 16 respondents
    assert q02.n(2023) == "5"  # respondent 4 chose only the dropped "Råd" and still counts
    assert q02.share("Kurs") == pct(75) and q02.share("Kurs", 2023) == pct(40)
    assert q02.share("Maler") == pct(50) and q02.share("Maler", 2023) == pct(80)
    assert q02.change("Maler") == f"{MINUS}30{NBSP}prosentpoeng"
    assert q02.ticks() == "12"  # 6 + 4 + 2
    assert not q02.prev_asked("Monitorering")


def test_rating_values_per_wave_use_that_waves_n(bundle):
    q03 = view(bundle, "q03")
    assert q03.n() == "9" and q03.n(2023) == "5"
    assert q03.share(5) == pct(44) and q03.share(5, 2023) == pct(20)  # 4/9 and 1/5
    assert q03.share([4, 5]) == pct(67) and q03.share([4, 5], 2023) == pct(60)  # 6/9, 3/5
    assert q03.count([1, 2]) == "2" and q03.count([1, 2], 2023) == "1"
    assert q03.mean() == "3,78" and q03.mean(2023) == "3,60"
    assert q03.median() == "4,0" and q03.median(2023) == "4,0"


# --- tables: each column holds its own wave ------------------------------------------------

def test_choice_table_columns_hold_their_own_wave(bundle):
    table = view(bundle, "q01").table()
    assert table.cell("Godt", "Antall 2023") == "3" and table.cell("Godt", "Antall 2025") == "6"
    assert table.cell("Godt", "Andel 2023") == pct(33)
    assert table.cell("Godt", "Andel 2025") == pct(50)
    assert table.cell("Litt", "Andel 2023") == pct(67)
    assert table.cell("Litt", "Andel 2025") == pct(33)
    assert table.cell("Godt", "Endring (pp)") == "+17"
    # new in 2025: no counterpart in the 2023 questionnaire
    assert table.cell("Aldri hørt om", "Andel 2023") == "–"
    assert table.cell("Aldri hørt om", "Andel 2025") == pct(17)
    assert table.cell("Svarte på spørsmålet (n)", "Antall 2023") == "9"
    assert table.cell("Svarte på spørsmålet (n)", "Antall 2025") == "12"
    p = fisher_two_sided(3, 9, 6, 12)
    assert table.cell("Godt", "p") == f"{p:.2f}".replace(".", ",")


def test_rating_table_columns_hold_their_own_wave(bundle):
    table = view(bundle, "q03").table()
    assert table.cell("5 (svært lett)", "Antall 2023") == "1"
    assert table.cell("5 (svært lett)", "Antall 2025") == "4"
    assert table.cell("5 (svært lett)", "Andel 2023") == pct(20)
    assert table.cell("5 (svært lett)", "Andel 2025") == pct(44)
    assert table.cell("1 (svært vanskelig)", "Andel 2023") == pct(0)
    assert table.cell("1 (svært vanskelig)", "Andel 2025") == pct(11)
    assert table.cell("Svarte (n)", "Antall 2023") == "5"
    assert table.cell("Svarte (n)", "Antall 2025") == "9"
    assert table.cell("Gjennomsnitt", "Antall 2023") == "3,60"
    assert table.cell("Gjennomsnitt", "Antall 2025") == "3,78"


# --- verdict words follow the test and the one threshold -----------------------------------

def test_the_fixture_straddles_the_threshold():
    # q04: 3/10 -> 8/10; q05: 2/10 -> 8/10 (hand-computed Fisher p-values)
    assert ALPHA < fisher_two_sided(3, 10, 8, 10) < 2 * ALPHA  # 0.0698
    assert fisher_two_sided(2, 10, 8, 10) < ALPHA  # 0.0230


def test_a_binary_verdict_follows_its_newcombe_interval(bundle):
    # q04 3/10 -> 8/10: Newcombe (method 10) [0.0665, 0.7398] lies above 0, so the change is
    # beyond chance although Fisher's p is 0.0698: the book's rule for a binary item is the
    # interval (the change's estimate and its uncertainty), and the sentence prints it.
    verdict = view(bundle, "q04").verdict("Ja")
    assert verdict == (f"en økning på 50{NBSP}prosentpoeng (95{NBSP}% KI +7 til "
                       f"+74{NBSP}prosentpoeng), mer enn tilfeldigheter alene gir blant dem "
                       "som svarte")
    q05 = view(bundle, "q05")
    assert q05.verdict("Ja").startswith(f"en økning på 60{NBSP}prosentpoeng (95{NBSP}% KI +16 "
                                        f"til +80{NBSP}prosentpoeng)")
    # both options of a binary item are one test: same p, no Holm
    row = q05.test("Ja")
    assert row["p_holm"] == row["p_value"] == pytest.approx(fisher_two_sided(2, 10, 8, 10))


def test_change_table_verdicts_follow_the_chapters(bundle):
    table = change_table([("Bruk", view(bundle, "q04"), "Ja"),
                          ("Anbefaling", view(bundle, "q05"), "Ja")])
    assert table.cell("Bruk", "Vurdering") == view(bundle, "q04").verdict_word("Ja").value
    assert table.cell("Anbefaling", "Vurdering") == "økning utover tilfeldig variasjon"
    assert table.cell("Bruk", "2023") == pct(30) and table.cell("Bruk", "2025") == pct(80)
    assert table.cell("Bruk", "Endring (pp)") == "+50"
    assert table.cell("Bruk", f"95{NBSP}% KI (pp)") == "+7 til +74"


def test_not_significant_change_is_never_called_significant(bundle):
    q01 = view(bundle, "q01")
    p = fisher_two_sided(3, 9, 6, 12)  # 0.67
    assert p > ALPHA
    assert q01.verdict_word("Godt").value == "kan skyldes tilfeldigheter"
    assert "mer enn tilfeldig" not in q01.verdict("Godt")
