"""Solve every (year, question) of the ledger; run as a script to print what is inconsistent.

``python -m analysis.reconstruct.ledger_solve`` loads the ledger and the questionnaires of the
project and prints one summary line per question, with the arithmetic for every figure that
had to be dropped.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

import pandas as pd

from analysis.questionnaire.schema import Questionnaire
from analysis.reconstruct.constraints import ReconstructionError
from analysis.reconstruct.figures import figures_from_records
from analysis.reconstruct.solve import Solution, solve_question

#: Respondents per wave as the 2025 report states them ("186 svar, mot 155 svar i 2023");
#: only used when the ledger has no report-level n figure for the year.
DEFAULT_RESPONDENTS = {2025: 186, 2023: 155}


def solve_ledger(
    ledger: pd.DataFrame,
    questionnaires: Mapping[int, Questionnaire],
    respondents_by_year: Mapping[int, int],
    ranges: bool = False,
) -> dict[tuple[int, str], Solution]:
    """Reconstruct counts for every (year, question) the ledger has figures about.

    Parameters
    ----------
    ledger
        One row per published figure (``analysis.ledger.load_ledger``); uses ``id``, ``year``,
        ``question``, ``option``, ``kind``, ``value``, ``decimals``, ``basis``. Rows without a
        question (report-level figures) are skipped; free-text category figures are skipped
        by the solver, though the question's n is still solved.
    questionnaires
        Questionnaire per year.
    respondents_by_year
        Respondents per wave, e.g. ``{2025: 186, 2023: 155}``.

    Returns
    -------
    dict
        ``{(year, "qNN"): Solution}``, sorted by year then question.

    Raises
    ------
    ReconstructionError
        Naming the figure ids, for a question or option the year's questionnaire lacks. A year
        without a questionnaire or respondent count gives "empty" solutions instead.
    """
    figures = figures_from_records(ledger.to_dict("records"))
    groups: dict[tuple[int, int], list] = {}
    for fig in figures:
        if fig.question is not None:
            groups.setdefault((fig.year, fig.question), []).append(fig)
    out: dict[tuple[int, str], Solution] = {}
    for (year, number), figs in sorted(groups.items()):
        ids = [f.id for f in figs]
        qid = f"q{number:02d}"
        if year not in questionnaires or year not in respondents_by_year:
            reason = f"no questionnaire or respondent count for {year}"
            out[(year, qid)] = Solution(qid, "empty", skipped=dict.fromkeys(ids, reason))
            continue
        try:
            question = questionnaires[year].question(qid)
        except KeyError as exc:
            raise ReconstructionError(f"figures {ids}: {exc.args[0]}") from exc
        out[(year, qid)] = solve_question(
            figs, question, respondents_by_year[year], ranges=ranges
        )
    return out


def respondents_from_ledger(ledger: pd.DataFrame) -> dict[int, int]:
    """Respondents per year from report-level n figures, falling back to the report's totals."""
    out = dict(DEFAULT_RESPONDENTS)
    report = ledger[ledger["question"].isna() & (ledger["kind"] == "n")]
    for year, values in report.groupby("year")["value"]:
        # Several report-level n figures may exist per year; the wave total is the largest.
        out[int(year)] = int(values.max())
    return out


def summary_lines(solutions: Mapping[tuple[int, str], Solution]) -> list[str]:
    """One line per question, then indented explanations of the dropped figures."""
    lines = []
    for (year, qid), sol in solutions.items():
        counts = ", ".join(f"{k}={v}" for k, v in sol.counts.items())
        skipped = f" [{len(sol.skipped)} skipped]" if sol.skipped else ""
        lines.append(f"{year} {qid} {sol.status:<10} n={sol.n} {counts}{skipped}")
        for fid, text in sol.explanations.items():
            lines.append(f"    DROP {fid}: {text}")
        for alt in sol.alternatives:
            lines.append(f"    or drop instead: {', '.join(alt)}")
    return lines


def main() -> None:
    """Load the project's ledger and questionnaires, solve, print the summary."""
    from analysis.ledger import load_ledger
    from analysis.paths import questionnaire_path
    from analysis.questionnaire import load_questionnaire

    ledger = load_ledger()
    years = sorted(int(y) for y in ledger["year"].unique())
    questionnaires = {y: load_questionnaire(y) for y in years if questionnaire_path(y).is_file()}
    start = time.perf_counter()
    solutions = solve_ledger(ledger, questionnaires, respondents_from_ledger(ledger))
    elapsed = time.perf_counter() - start
    print("\n".join(summary_lines(solutions)))
    flagged = [k for k, s in solutions.items() if s.status in ("repaired", "infeasible")]
    print(f"\n{len(solutions)} questions solved in {elapsed:.2f} s; {len(flagged)} inconsistent")


if __name__ == "__main__":
    main()
