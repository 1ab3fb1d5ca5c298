"""Solve every (year, question) of the ledger; run as a script to print what is inconsistent.

``python -m analysis.reconstruct.ledger_solve`` loads the ledger and the questionnaires of the
project and prints one summary line per question, with the arithmetic for every figure that
had to be dropped.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Mapping, Sequence

from analysis.ledger import Figure
from analysis.questionnaire.schema import Questionnaire
from analysis.reconstruct.constraints import ReconstructionError
from analysis.reconstruct.solve import Solution, solve_question


def solve_ledger(
    ledger: Iterable[Figure],
    questionnaires: Mapping[int, Questionnaire],
    respondents_by_year: Mapping[int, int],
    ranges: bool = False,
    groups: Mapping[tuple[int, str], Sequence[Sequence]] | None = None,
) -> dict[tuple[int, str], Solution]:
    """Reconstruct counts for every (year, question) the ledger has figures about.

    Parameters
    ----------
    ledger
        Published figures (:func:`analysis.ledger.load_ledger`, or any of its figures).
        Figures without a question (report-level figures) are skipped; free-text category
        figures are skipped by the solver, though the question's n is still solved.
    questionnaires
        Questionnaire per year.
    respondents_by_year
        Respondents per wave, e.g. :func:`analysis.ledger.wave_totals` of the ledger.
    ranges
        Also compute the range of each count (see :func:`solve_question`).
    groups
        With ``ranges``: ``{(year, qid): [group, ...]}``, groups of options whose summed count
        to bound as well.

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
    by_question: dict[tuple[int, int], list] = {}
    for fig in ledger:
        if fig.question is not None and fig.year is not None:
            by_question.setdefault((fig.year, fig.question), []).append(fig)
    out: dict[tuple[int, str], Solution] = {}
    for (year, number), figs in sorted(by_question.items()):
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
            figs, question, respondents_by_year[year], ranges=ranges,
            groups=(groups or {}).get((year, qid), ()),
        )
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
    from analysis.ledger import load_ledger, wave_totals
    from analysis.paths import questionnaire_path
    from analysis.questionnaire import load_questionnaire

    ledger = load_ledger()
    years = sorted({f.year for f in ledger if f.year is not None})
    questionnaires = {y: load_questionnaire(y) for y in years if questionnaire_path(y).is_file()}
    start = time.perf_counter()
    solutions = solve_ledger(ledger, questionnaires, wave_totals(ledger))
    elapsed = time.perf_counter() - start
    print("\n".join(summary_lines(solutions)))
    flagged = [k for k, s in solutions.items() if s.status in ("repaired", "infeasible")]
    print(f"\n{len(solutions)} questions solved in {elapsed:.2f} s; {len(flagged)} inconsistent")


if __name__ == "__main__":
    main()
