"""solve_ledger on a hand-made ledger of analysis.ledger.Figure objects."""

import pytest
from conftest import choice

from analysis.ledger import Figure, Ledger, wave_totals
from analysis.questionnaire.schema import Questionnaire
from analysis.reconstruct.constraints import ReconstructionError
from analysis.reconstruct.ledger_solve import solve_ledger, summary_lines


def _row(fid, year, question, kind, value, option=(), decimals=0, basis=None):
    return Figure(fid, kind, value, decimals, option, basis, year, question, source="r",
                  section="s", quote="q")


def _questionnaire(year):
    return Questionnaire(year=year, title="t", source="s", questions=[choice("single", "AB")])


def test_groups_by_year_and_question_and_skips_report_level():
    ledger = Ledger((
        _row("tot", 2025, None, "n", 186),
        _row("a25", 2025, 1, "count", 3, ("A",)),
        _row("b25", 2025, 1, "count", 4, ("B",)),
        _row("a23", 2023, 1, "count", 5, ("A",)),
        _row("p23", 2023, 1, "percent", 50, ("A",)),
        _row("n23", 2023, 1, "n", 10),
    ))
    qs = {2025: _questionnaire(2025), 2023: _questionnaire(2023)}
    out = solve_ledger(ledger, qs, {2025: 186, 2023: 155})
    assert list(out) == [(2023, "q01"), (2025, "q01")]
    # 2025: 3 + 4 = 7 answering; 2023: 5 of n = 10 is 50 %, B = 5.
    assert (out[(2025, "q01")].n, out[(2025, "q01")].counts) == (7, {"A": 3, "B": 4})
    assert out[(2023, "q01")].counts == {"A": 5, "B": 5}
    assert any(line.startswith("2023 q01 ok") for line in summary_lines(out))


def test_unknown_question_names_figures():
    ledger = [_row("x9", 2025, 9, "count", 1, ("A",))]
    with pytest.raises(ReconstructionError, match="x9"):
        solve_ledger(ledger, {2025: _questionnaire(2025)}, {2025: 186})


def test_year_without_questionnaire_is_empty():
    ledger = [_row("y18", 2018, 1, "count", 1, ("A",))]
    out = solve_ledger(ledger, {}, {2018: 100})
    assert out[(2018, "q01")].status == "empty"


def test_respondents_come_from_the_ledgers_own_wave_totals():
    # Only report-level n figures with basis respondents are wave totals; no built-in
    # fallback: a wave the ledger states no total for has none.
    ledger = [_row("tot", 2025, None, "n", 190, basis="respondents"),
              _row("q", 2025, 1, "n", 50, basis="respondents"),
              _row("rough", 2020, None, "n", 150)]
    assert wave_totals(ledger) == {2025: 190}
