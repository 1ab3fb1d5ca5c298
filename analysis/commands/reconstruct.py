"""``python -m analysis reconstruct``: rebuild ``data/reconstructed/`` from the published figures.

Reads the ledger, the questionnaires, the free-text file and ``data/reconstruction.yaml``;
solves every question's counts; lays them out as respondents; writes one Microsoft Forms
workbook and one ranges file per wave into ``data/reconstructed/``, with whether the published
figures can all hold (``ledger-consistency.yaml``, :mod:`analysis.ledger.consistency`: the
audit's consistency half, so no render runs the solver), and the report's free-text
coding as a codebook and decisions into ``data/coding/<year>/`` (:mod:`analysis.reconstruct.coding`;
nothing else is written under ``data/``), then lists them in ``data/exports/MANIFEST.yaml``: only
entries marked ``reconstructed: true`` are added or updated, a real export's entry is kept
byte for byte (:mod:`analysis.reconstruct.manifest`). Deterministic: the same inputs give
byte-identical files.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.ledger import Basis
from analysis.paths import exports_dir, project_root, reconstructed_dir


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The reconstruct command has no options: it reads and writes the project's data/."""


@dataclass
class Written:
    """What one reconstruction wrote: the files, and what it did with the manifest."""

    files: list[Path] = field(default_factory=list)
    manifest: Path | None = None
    actions: list = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    """Write the reconstructed exports and say what was written and listed."""
    from analysis.reconstruct.constraints import ReconstructionError
    from analysis.reconstruct.manifest import ManifestEditError
    from analysis.reconstruct.settings import SettingsError

    try:
        result = reconstruct()
    except (ReconstructionError, ManifestEditError, SettingsError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for path in result.files:
        print(f"wrote {path}")
    for action in result.actions:
        print(f"{result.manifest}: {action}")
    return 0


def reconstruct(root: Path | None = None) -> Written:
    """Solve, generate and write every wave listed in ``data/reconstruction.yaml``.

    Parameters
    ----------
    root
        Project root; defaults to :func:`analysis.paths.project_root`.

    Returns
    -------
    Written
        The files written under ``data/reconstructed/`` (export, then ranges file, per wave),
        the manifest's path and what was done with each wave's entry.

    Raises
    ------
    SettingsError, ReconstructionError, ManifestEditError
        For a malformed settings file, an option group naming an unknown option, or a
        manifest that cannot be edited in place.
    """
    from analysis.freetext import load_free_text
    from analysis.ingest.forms_writer import write_forms_export
    from analysis.ledger import load_ledger, wave_respondents
    from analysis.ledger.consistency import from_solutions, write_consistency
    from analysis.questionnaire import load_questionnaire
    from analysis.reconstruct.ledger_solve import solve_ledger
    from analysis.reconstruct.manifest import update_manifest
    from analysis.reconstruct.settings import load_settings

    root = root or project_root()
    out = reconstructed_dir(root)
    out.mkdir(parents=True, exist_ok=True)
    settings = load_settings(root)
    ledger = load_ledger(root)
    waves = settings.waves
    # the coded free text belongs to the newest wave (the one whose report is written)
    free_text = load_free_text(root, year=max(w.year for w in waves))
    questionnaires = {w.year: load_questionnaire(w.questionnaire, root) for w in waves}
    respondents = {w.year: wave_respondents(ledger, w.year) for w in waves}
    result, entries = Written(), []
    groups = {(w.year, qid): [tuple(g) for g in listed]
              for w in waves for qid, listed in w.groups.items()}
    solutions = solve_ledger(ledger, questionnaires, respondents, ranges=True, groups=groups)
    for wave in waves:
        questionnaire = questionnaires[wave.year]
        rows = _rows(wave, questionnaire, solutions, ledger, respondents[wave.year], free_text)
        path = out / wave.export
        write_forms_export(path, rows, questionnaire)
        ranges_path = out / f"reconstruction-{wave.year}.yaml"
        ranges_path.write_text(
            ranges_document(wave.year, questionnaire, solutions, wave.groups), encoding="utf-8"
        )
        result.files += [path, ranges_path]
        if wave.year == free_text.year:  # the report's coding as codebook + decisions
            from analysis.ingest import read_export
            from analysis.reconstruct.coding import write_coding

            wide = read_export(path, questionnaire).wide
            result.files += write_coding(root, free_text, wide)
        manifest_dir = exports_dir(root)
        entries.append({
            "year": wave.year,
            "export": _relative(path, manifest_dir),
            "questionnaire": wave.questionnaire,
            "reconstructed": True,
            "ranges": _relative(ranges_path, manifest_dir),
            # the typed "Annet" texts of a reconstruction are those the report printed
            "publish_text": True,
            "note": "Rebuilt from the published figures by `python -m analysis reconstruct`; "
                    "not the real answers.",
        })
    # the consistency half of the audit, stored so that no render runs the solver
    result.files.append(write_consistency(from_solutions(solutions, questionnaires), root))
    result.manifest = exports_dir(root) / "MANIFEST.yaml"
    before = result.manifest.read_text(encoding="utf-8") if result.manifest.is_file() else None
    text, result.actions = update_manifest(before, entries, str(result.manifest))
    if text != before:
        result.manifest.parent.mkdir(parents=True, exist_ok=True)
        result.manifest.write_text(text, encoding="utf-8")
    return result


def _relative(path: Path, folder: Path) -> str:
    """``path`` relative to ``folder`` with forward slashes (the manifest's paths)."""
    return Path(os.path.relpath(path, folder)).as_posix()


def _rows(wave, questionnaire, solutions, ledger, respondents: int, free_text) -> list:
    """The generated respondents of one wave (see :func:`generate_rows`)."""
    from analysis.freetext import coded_answers
    from analysis.questionnaire import QuestionType
    from analysis.reconstruct.generate import QuestionCounts, generate_rows

    counts = {}
    for question in questionnaire.questions:
        solution = solutions.get((wave.year, question.id))
        if solution is None or solution.n is None:
            continue
        if question.type is QuestionType.TEXT:
            if wave.year == free_text.year and question.id in free_text.questions:
                texts = [t for _, t in coded_answers(free_text, question.id, solution.n)]
            else:
                texts = [_placeholder()] * solution.n
            counts[question.id] = QuestionCounts(solution.n, texts=texts)
        else:
            counts[question.id] = QuestionCounts(
                solution.n,
                dict(solution.counts),
                other_texts=tuple(wave.other_texts.get(question.id, ())),
                several=several_from_ledger(ledger, wave.year, question.number, solution.n),
            )
    return generate_rows(questionnaire, counts, respondents, seed=wave.seed, window=wave.window)


def ranges_document(year: int, questionnaire, solutions, groups=None) -> str:
    """YAML: per question, the reconstructed counts and the range the published figures allow.

    The bundle reads it to tell chapters which counts the figures determine; a count whose
    range is wide is an arbitrary choice and is shown as unknown ("ukjent"). ``groups`` (qid
    -> list of option groups, from ``data/reconstruction.yaml``) adds a ``groups`` list to a
    question: the lowest and highest *summed* count of each group.

    Raises
    ------
    ReconstructionError
        For a group of a question the questionnaire does not have.
    """
    from analysis.reconstruct.constraints import ReconstructionError

    groups = groups or {}
    unknown = sorted(set(groups) - {q.id for q in questionnaire.questions})
    if unknown:
        raise ReconstructionError(f"data/reconstruction.yaml, wave {year}: groups name "
                                  f"{unknown}, which the {year} questionnaire does not have")
    questions: dict[str, dict] = {}
    for question in questionnaire.questions:
        sol = solutions.get((year, question.id))
        if sol is None or sol.n is None:
            questions[question.id] = {"status": "no figures", "n": None, "counts": {}}
            if question.id in groups:
                questions[question.id]["groups"] = [
                    {"options": list(g), "min": None, "max": None} for g in groups[question.id]]
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
        if question.id in groups:
            questions[question.id]["groups"] = [
                {"options": list(g), "min": lo, "max": hi}
                for g, (lo, hi) in ((tuple(g), sol.group_ranges[tuple(g)])
                                    for g in groups[question.id])]
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
