"""``python -m analysis coding status|suggest|export``: the author's free-text coding commands.

Each reads the wave's export (through the bundle, so answers are screened for personal data
first) and reads and writes only ``data/coding/<year>/``:

- ``status``: per question, answers, coded, uncoded, without content, double coded, and the
  agreement where two coders coded the same answers;
- ``suggest``: writes ``suggestions.csv`` (rules and model; never decisions), and prints the
  model's cross-validated kappa against the decisions made so far;
- ``export``: writes ``refi-qda/codebook.qdc`` and ``refi-qda/coding.qdpx``.
"""

from __future__ import annotations

import argparse
import math
from dataclasses import replace
from pathlib import Path


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments of ``coding``."""
    parser.add_argument("action", choices=("status", "suggest", "export"))
    parser.add_argument("--year", type=int, default=None,
                        help="survey wave (default: the newest wave with an export)")
    parser.add_argument("--root", type=Path, default=None,
                        help="project root (default: this project, or $NORCRIN_ROOT)")


def wave_inputs(root: Path | None, year: int | None):
    """``(coding, answers, year)`` of a wave, decisions checked against the screened answers.

    Raises
    ------
    CodingError
        When the wave has no export or no codebook, or a decision does not fit the answers.
    """
    from analysis.bundle import load_bundle
    from analysis.coding.load import CodingError, load_coding
    from analysis.coding.tally import answers_frame, check_decisions

    bundle = load_bundle(root)
    year = year or bundle.current.year
    if year not in bundle.waves:
        raise CodingError(f"wave {year} has no export in data/exports/MANIFEST.yaml yet")
    coding = load_coding(bundle.root, year=year)
    if coding is None:
        raise CodingError(f"data/coding/{year}/codebook.yaml: codebook not found "
                          "(`python -m analysis new-wave` copies the previous one)")
    answers = answers_frame(bundle.waves[year].export.wide, coding.codebook.questions)
    checked = check_decisions(coding.decisions, answers, str(coding.folder / "decisions.csv"))
    return replace(coding, decisions=checked), answers, year


def _num(value: float) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) \
        else f"{value:.2f}"


def status_text(coding, answers) -> str:
    """What ``coding status`` prints: a line per question, then kappa per double-coded code."""
    from analysis.coding.agreement import alpha_per_question, kappa_per_code
    from analysis.coding.tally import status

    table = status(coding.codebook, coding.decisions, answers)
    lines = [f"{'question':<9}{'answers':>8}{'coded':>7}{'uncoded':>9}{'no content':>12}"
             f"{'double':>8}{'alpha':>7}"]
    kappas = []
    for r in table.itertuples():
        alpha, _ = alpha_per_question(coding.decisions, r.qid)
        lines.append(f"{r.qid:<9}{r.answers:>8}{r.coded:>7}{r.uncoded:>9}"
                     f"{r.without_content:>12}{r.double_coded:>8}{_num(alpha):>7}")
        if r.double_coded:
            k = kappa_per_code(coding.codebook, coding.decisions, r.qid)
            kappas += [f"  {r.qid} {x.code}: kappa {_num(x.kappa)} ({x.shared} answers)"
                       for x in k.itertuples()]
    if kappas:
        lines += ["", "Cohen's kappa per code (two coders, shared answers):", *kappas]
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Run one coding action; input errors propagate as :class:`CodingError` (exit status 2)."""
    coding, answers, year = wave_inputs(args.root, args.year)
    if args.action == "status":
        print(f"Coding of {year} ({coding.folder}):")
        print(status_text(coding, answers))
        return 0
    if args.action == "suggest":
        from analysis.coding.suggest import cross_validated_kappa, suggest
        from analysis.freetext import is_placeholder

        real = answers[[not is_placeholder(t) for t in answers["text"]]]
        suggestions = suggest(coding.codebook, coding.decisions, real)
        path = coding.folder / "suggestions.csv"
        tmp = path.with_suffix(".csv.tmp")
        suggestions.to_csv(tmp, index=False)
        tmp.replace(path)  # a failed run never leaves half a file
        print(f"wrote {len(suggestions)} suggestions for "
              f"{suggestions[['response_id', 'qid']].drop_duplicates().shape[0]} answers to {path}")
        cv = cross_validated_kappa(coding.codebook, coding.decisions, real)
        if not cv.empty:
            print("Model against the people (cross-validated, best code per answer):")
            for r in cv.itertuples():
                print(f"  {r.qid:<5} {r.answers:>4} answers  agree {r.agree:.2f}  "
                      f"kappa {_num(r.kappa)}")
        return 0
    from analysis.coding.refiqda import write_codebook, write_project

    folder = coding.folder / "refi-qda"
    for path in (write_codebook(coding.codebook, folder / "codebook.qdc"),
                 write_project(coding.codebook, coding.decisions, answers,
                               folder / "coding.qdpx")):
        print(f"wrote {path}")
    return 0


__all__ = ["add_arguments", "run", "status_text", "wave_inputs"]
