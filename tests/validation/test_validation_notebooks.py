"""The validation notebooks' stored outputs agree with the published report (the ledger).

nbval makes a re-run reproduce the stored outputs; this test makes the stored outputs agree
with the report, so neither can drift: a figure is either recomputed within the rounding of
its published value, or the solver proves from the published figures alone that it cannot
hold, or it is not a function of the answers at all.
"""

from __future__ import annotations

import math

import nbformat
import pytest

from analysis.audit.listing import parse_listing
from analysis.ledger import load_ledger, stated_interval, wave_respondents
from analysis.paths import project_root
from analysis.questionnaire import load_questionnaire
from analysis.reconstruct.ledger_solve import solve_ledger

NOTEBOOKS = project_root() / "tests" / "validation" / "notebooks"


def _stored_lines(year: int) -> list[dict]:
    nb = nbformat.read(str(NOTEBOOKS / f"known-figures-{year}.ipynb"), as_version=4)
    lines = []
    for cell in nb.cells:
        if cell.cell_type == "code" and "NBVAL_CHECK_OUTPUT" in cell.source:
            text = "".join(o.get("text", "") for o in cell.outputs if o.get("name") == "stdout")
            lines += parse_listing(text)
    return lines


@pytest.fixture(scope="module")
def ledger():
    return load_ledger()


@pytest.fixture(scope="module")
def proven_inconsistent(ledger):
    """Figure ids the solver drops using the published figures only (no data involved)."""
    years = (2023, 2025)
    solutions = solve_ledger(
        [f for f in ledger if f.year in years],
        {y: load_questionnaire(y) for y in years},
        {y: wave_respondents(ledger, y) for y in years},
    )
    return {fid for sol in solutions.values() for fid in sol.dropped}


@pytest.mark.parametrize("year", [2023, 2025])
def test_stored_outputs_cover_every_published_figure_of_the_year(year, ledger):
    stored = [line["id"] for line in _stored_lines(year)]
    expected = sorted(f.id for f in ledger.of_year(year))
    assert sorted(stored) == expected


@pytest.mark.parametrize("year", [2023, 2025])
def test_stored_outputs_agree_with_the_published_figures(year, ledger, proven_inconsistent):
    by_id = ledger.frame().set_index("id")
    for line in _stored_lines(year):
        fig = by_id.loc[line["id"]]
        assert line["printed"] == pytest.approx(fig["value"]), line["id"]
        if line["status"] in ("reproduced", "within-rounding"):
            lo, hi = stated_interval(fig["value"], int(fig["decimals"]), fig["qualifier"])
            lo = -math.inf if lo is None else float(lo)
            hi = math.inf if hi is None else float(hi)
            assert lo - 1e-9 <= line["recomputed"] <= hi + 1e-9, line
        elif line["status"] == "not-reproducible":
            assert line["id"] in proven_inconsistent, (
                f"{line['id']} does not reproduce, yet the published figures alone do not "
                f"prove it inconsistent: the data are wrong"
            )
        else:
            assert line["status"] == "not-derivable" and line["recomputed"] is None, line
