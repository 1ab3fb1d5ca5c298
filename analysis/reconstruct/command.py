"""``python -m analysis reconstruct``: rebuild ``data/exports/`` from the published figures.

Reads the ledger, the questionnaires, the free-text file and ``data/reconstruction.yaml``;
solves every question's counts; lays them out as respondents; writes one Microsoft Forms
workbook per wave and ``MANIFEST.yaml`` marking them reconstructed. Deterministic: the same
inputs give byte-identical files.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

import yaml

from analysis.ledger import Basis
from analysis.paths import data_dir, exports_dir, project_root


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the reconstruct command's options."""
    parser.add_argument("--out", type=Path, help="directory to write to (default data/exports)")


def run(args: argparse.Namespace) -> int:
    """Write the reconstructed exports and print what was solved."""
    written = reconstruct(out=args.out)
    for path in written:
        print(f"wrote {path}")
    return 0


def reconstruct(root: Path | None = None, out: Path | None = None) -> list[Path]:
    """Solve, generate and write every wave listed in ``data/reconstruction.yaml``.

    Returns
    -------
    list of Path
        The files written (exports, then the manifest).
    """
    from analysis.freetext import coded_answers, load_free_text
    from analysis.ingest.forms_writer import write_forms_export
    from analysis.ledger import load_ledger, wave_respondents
    from analysis.questionnaire import QuestionType, load_questionnaire
    from analysis.reconstruct.generate import QuestionCounts, generate_rows
    from analysis.reconstruct.ledger_solve import solve_ledger

    root = root or project_root()
    out = out or exports_dir(root)
    out.mkdir(parents=True, exist_ok=True)
    settings = yaml.safe_load((data_dir(root) / "reconstruction.yaml").read_text(encoding="utf-8"))
    ledger = load_ledger(root)
    waves = settings["waves"]
    free_text = load_free_text(root, year=max(w["year"] for w in waves))
    questionnaires = {w["year"]: load_questionnaire(w["questionnaire"], root) for w in waves}
    respondents = {w["year"]: wave_respondents(ledger, w["year"]) for w in waves}
    solutions = solve_ledger(ledger, questionnaires, respondents, ranges=True)
    written, manifest = [], []
    for wave in waves:
        year = wave["year"]
        questionnaire = questionnaires[year]
        counts = {}
        for question in questionnaire.questions:
            solution = solutions.get((year, question.id))
            if solution is None or solution.n is None:
                continue
            if question.type is QuestionType.TEXT:
                if year == free_text.year and question.id in free_text.questions:
                    texts = [t for _, t in coded_answers(free_text, question.id, solution.n)]
                else:
                    texts = [_placeholder()] * solution.n
                counts[question.id] = QuestionCounts(solution.n, texts=texts)
            else:
                counts[question.id] = QuestionCounts(
                    solution.n,
                    dict(solution.counts),
                    other_texts=tuple(wave.get("other_texts", {}).get(question.id, ())),
                    several=several_from_ledger(ledger, year, question.number, solution.n),
                )
        start, end = (dt.date.fromisoformat(str(d)) for d in wave["window"])
        rows = generate_rows(questionnaire, counts, respondents[year], seed=wave["seed"],
                             window=(start, end))
        path = out / wave["export"]
        write_forms_export(path, rows, questionnaire)
        written.append(path)
        ranges_name = f"reconstruction-{year}.yaml"
        (out / ranges_name).write_text(
            ranges_document(year, questionnaire, solutions), encoding="utf-8"
        )
        written.append(out / ranges_name)
        manifest.append({
            "year": year, "export": wave["export"], "questionnaire": wave["questionnaire"],
            "reconstructed": True,
            "ranges": ranges_name,
            # the typed "Annet" texts of a reconstruction are those the report printed
            "publish_text": True,
            "note": "Rebuilt from the published figures by `python -m analysis reconstruct`; "
                    "not the real answers.",
        })
    manifest_path = out / "MANIFEST.yaml"
    header = ("# Which export belongs to which survey wave. Written by `python -m analysis "
              "reconstruct`;\n# for a real export, point `export` at it and set "
              "`reconstructed: false`.\n")
    manifest_path.write_text(header + yaml.safe_dump({"waves": manifest}, allow_unicode=True,
                                                     sort_keys=False), encoding="utf-8")
    written.append(manifest_path)
    return written


def ranges_document(year: int, questionnaire, solutions) -> str:
    """YAML: per question, the reconstructed counts and the range the published figures allow.

    The bundle reads it to tell chapters which counts the figures determine; a count whose
    range is wide is an arbitrary choice and is shown as unknown ("ukjent").
    """
    questions = {}
    for question in questionnaire.questions:
        sol = solutions.get((year, question.id))
        if sol is None or sol.n is None:
            questions[question.id] = {"status": "no figures", "n": None, "counts": {}}
            continue
        questions[question.id] = {
            "status": sol.status,
            "n": sol.n,
            "n_min": sol.n_range[0] if sol.n_range else None,
            "n_max": sol.n_range[1] if sol.n_range else None,
            "dropped": list(sol.dropped),
            "counts": {
                key: {"count": sol.counts.get(key), "min": lo, "max": hi}
                for key, (lo, hi) in sol.ranges.items()
            },
        }
    header = (f"# Reconstruction of {year}: counts per question and the lowest/highest count the\n"
              "# published figures allow. Written by `python -m analysis reconstruct`.\n")
    return header + yaml.safe_dump({"year": year, "questions": questions}, allow_unicode=True,
                                   sort_keys=False, width=100)


def several_from_ledger(ledger, year: int, number: int, n: int) -> int | None:
    """Respondents ticking more than one option, from a published share of them (if any).

    The count is the integer nearest to the printed share of ``n``; the audit checks it.
    """
    rows = [f for f in ledger.about(year, number) if f.basis is Basis.SEVERAL_OPTIONS]
    if not rows:
        return None
    return round(rows[0].value / 100 * n)


def _placeholder() -> str:
    return "[Plassholder: fritekstsvar fra denne runden er ikke publisert]"
