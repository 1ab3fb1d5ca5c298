"""Prepare a new survey wave as data: its questionnaire, a manifest entry, the author's checklist.

``python -m analysis new-wave 2027 --from 2025`` writes

- ``data/questionnaires/2027.yaml``: the 2025 questions and options, with a ``compare_to``
  mapping back onto 2025 that maps every question and option to itself (the author edits what
  changed);
- an entry for 2027 in ``data/exports/MANIFEST.yaml`` with ``export: null`` (the bundle skips a
  wave that awaits its export), appended as text so the file's comments survive;
- ``data/questionnaires/2027-CHECKLIST.md``: what the author must decide
  (:mod:`analysis.wave.checklist`);
- ``data/coding/2027/codebook.yaml``, when 2025 has a codebook: its codes, definitions,
  examples and routing for the new wave, with no decisions (the free-text sections then count
  every answer as awaiting coding, :mod:`analysis.coding`).

Nothing is overwritten: if any target exists (or the manifest already lists the year), nothing
is written and :class:`NewWaveError` names the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from analysis.manifest import Manifest, ManifestError, read_manifest
from analysis.paths import exports_dir, project_root, questionnaire_path
from analysis.questionnaire import Questionnaire, QuestionType, load_questionnaire
from analysis.wave.checklist import checklist_text


class NewWaveError(ValueError):
    """The new wave cannot be prepared (a target exists, or the years do not fit)."""


@dataclass(frozen=True)
class NewWave:
    """What :func:`new_wave` wrote: the paths and the checklist text (``codebook`` is None when
    the earlier wave has no codebook to copy)."""

    questionnaire: Path
    manifest: Path
    checklist: Path
    checklist_text: str
    codebook: Path | None = None


def checklist_path(year: int, root: Path | None = None) -> Path:
    """``data/questionnaires/<year>-CHECKLIST.md``."""
    return questionnaire_path(year, root).with_name(f"{year}-CHECKLIST.md")


def new_wave(year: int, from_year: int, root: Path | None = None) -> NewWave:
    """Write the questionnaire, manifest entry and checklist of wave ``year`` from ``from_year``.

    Raises
    ------
    NewWaveError
        If ``year`` is not after ``from_year``, or a file to be written exists, or the
        manifest already has an entry for ``year`` (naming the file); nothing is written then.
    analysis.questionnaire.QuestionnaireError, analysis.manifest.ManifestError
        If the earlier questionnaire or the manifest is broken.
    """
    root = root or project_root()
    if year <= from_year:
        raise NewWaveError(f"the new wave ({year}) must come after the one it starts from "
                           f"({from_year})")
    target, checklist = questionnaire_path(year, root), checklist_path(year, root)
    manifest_path = exports_dir(root) / "MANIFEST.yaml"
    codebook = codebook_copy(year, from_year, root)
    for path in (target, checklist, *(codebook[:1] if codebook else ())):
        if path.exists():
            raise NewWaveError(f"{path} exists; new-wave never overwrites a file (delete or "
                               "rename it first if you mean to start over)")
    manifest = read_manifest(root)
    if any(w.year == year for w in manifest.waves):
        raise NewWaveError(f"{manifest_path}: already has an entry for {year}; new-wave never "
                           "overwrites one")
    previous = load_questionnaire(from_year, root)
    text = questionnaire_text(previous, year)
    manifest_text = manifest_with_entry(manifest_path.read_text(encoding="utf-8"), manifest,
                                        year, from_year, manifest_path)
    notes = checklist_text(year, from_year, previous)
    target.write_text(text, encoding="utf-8")
    manifest_path.write_text(manifest_text, encoding="utf-8")
    checklist.write_text(notes, encoding="utf-8")
    if codebook:
        codebook[0].parent.mkdir(parents=True, exist_ok=True)
        codebook[0].write_text(codebook[1], encoding="utf-8")
    return NewWave(target, manifest_path, checklist, notes, codebook[0] if codebook else None)


def codebook_copy(year: int, from_year: int, root: Path) -> tuple[Path, str] | None:
    """The new wave's codebook file and text, copied from ``from_year``'s (None if it has none).

    Codes, definitions, include/exclude notes, examples, keywords and routing carry over; the
    earlier wave's summary points do not (they summarise its answers), and the copy is not
    marked reconstructed. The text is validated before it is returned.
    """
    from analysis.coding import coding_dir, load_coding
    from analysis.coding.schema import Codebook

    previous = load_coding(root, year=from_year)
    if previous is None:
        return None
    data = previous.codebook.model_dump(mode="json", exclude_defaults=True)
    for question in data.get("questions", {}).values():
        for code in question.get("codes", []):
            code.pop("summary", None)
    data.update(year=year, reconstructed=False,
                source=f"Copied from the {from_year} codebook by `python -m analysis new-wave "
                       f"{year} --from {from_year}`; edit the codes as the {year} answers need.")
    data = {k: data[k] for k in ("year", "source", "reconstructed", "work_packages",
                                 "questions") if k in data}
    Codebook.model_validate(data)
    header = (f"# Codebook of the {year} free text (given data, edited by the secretariat).\n"
              f"# Decisions go in decisions.csv beside it; see `python -m analysis coding "
              "status`.\n")
    return coding_dir(year, root) / "codebook.yaml", header + _dump(data)


def new_questionnaire(previous: Questionnaire, year: int) -> dict:
    """The new wave's questionnaire as plain data: ``previous`` with the new year, no question
    flagged ``new``, the question notes (about the earlier wave's results) dropped, and a
    ``compare_to`` that maps every question and option onto itself in ``previous``.

    Examples
    --------
    >>> q = load_questionnaire(2025)
    >>> raw = new_questionnaire(q, 2027)
    >>> raw["compare_to"]["target_year"], raw["compare_to"]["questions"]["q06"]
    (2025, 'q06')
    >>> raw["compare_to"]["options"]["q05"]
    {'Ja': 'Ja', 'Nei': 'Nei'}
    """
    questions = []
    for q in previous.questions:
        data = q.model_dump(mode="json", exclude_defaults=True, exclude={"note", "new"})
        questions.append(data)
    title = previous.title.replace(str(previous.year), str(year))
    if title == previous.title:
        title = f"{previous.title} ({year})"
    return {
        "year": year,
        "title": title,
        "source": (f"Copied from the {previous.year} questionnaire by `python -m analysis "
                   f"new-wave {year} --from {previous.year}`; replace with the wording of the "
                   f"{year} form."),
        "questions": questions,
        "compare_to": identity_mapping(previous),
    }


def identity_mapping(previous: Questionnaire) -> dict:
    """``compare_to`` data mapping every question and choice option of ``previous`` onto
    itself (``target_year`` = ``previous.year``)."""
    options = {
        q.id: {o.label: o.label for o in q.options}
        for q in previous.questions
        if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE)
    }
    return {"target_year": previous.year, "questions": {q: q for q in previous.ids},
            "options": options}


def _dump(data) -> str:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def questionnaire_text(previous: Questionnaire, year: int) -> str:
    """The new questionnaire file: header comments, the questions, then ``compare_to``.

    The text is validated against the schema (and its mapping against ``previous``) before it
    is returned, so a scaffold that would not load is never written.
    """
    from analysis.questionnaire.compare import comparison_link

    raw = new_questionnaire(previous, year)
    mapping = raw.pop("compare_to")
    head = (
        f"# NorCRIN user survey {year}, as data. Written by `python -m analysis new-wave {year}"
        f" --from {previous.year}`\n"
        f"# from data/questionnaires/{previous.year}.yaml (its notes on how the wording was "
        "derived stay there).\n"
        f"# Edit it to the {year} form: question texts, `headers` (other column titles the "
        "export uses),\n"
        "# options; mark a question first asked this year `new: true`. See "
        f"{year}-CHECKLIST.md.\n"
    )
    tail = (
        f"\n# How {year} compares with {previous.year}: per question and option of this file,"
        f" its counterpart\n# in {previous.year}. Written as identity; edit where the form "
        "changed:\n"
        "# - a reworded question or option that still measures the same: keep (or set) the "
        f"{previous.year} id/label;\n"
        f"# - a renamed option: \"<{year} label>\": \"<{previous.year} label>\" (or null when "
        "it is no longer the same option);\n"
        "# - a new question: `qNN: null` under questions (or leave it out); a new option: "
        "`\"<label>\": null`;\n"
        f"# - a question or option dropped in {year}: delete its line here along with it.\n"
        "# What is not compared is left out of the comparisons and the book says so;\n"
        f"# `python -m analysis diff-questionnaires {previous.year} {year}` lists it.\n"
    )
    text = head + _dump(raw) + tail + _dump({"compare_to": mapping})
    check = Questionnaire.model_validate(yaml.safe_load(text))
    for qid in check.ids:
        comparison_link(check, previous, qid)
    return text


def manifest_entry(year: int, from_year: int) -> dict:
    """The manifest entry of a wave that awaits its export."""
    return {
        "year": year,
        "export": None,
        "questionnaire": year,
        "reconstructed": False,
        "publish_text": False,
        "note": (f"Prepared by `python -m analysis new-wave {year} --from {from_year}`. "
                 "Awaits the real export: put the file in data/exports/ and name it in "
                 "`export`."),
    }


_ITEM = re.compile(r"^(?P<indent>[ ]*)- year:", re.MULTILINE)


def manifest_with_entry(text: str, manifest: Manifest, year: int, from_year: int,
                        path: Path) -> str:
    """``text`` (the manifest file) with the new entry appended to ``waves:``.

    Appending as text keeps every comment of the file. The result is parsed again and must
    hold the old entries unchanged plus the new one; otherwise :class:`ManifestError` says
    what to add by hand.
    """
    entry = manifest_entry(year, from_year)
    items = list(_ITEM.finditer(text))
    top_keys = re.findall(r"^[A-Za-z_]\w*:", text, re.MULTILINE)
    by_hand = "add this entry under `waves:` by hand:\n" + _dump([entry])
    if not items or top_keys[-1:] != ["waves:"]:
        raise ManifestError(f"{path}: `waves:` is not a block list ending the file, so the "
                            f"{year} entry cannot be appended safely; " + by_hand)
    indent = items[-1].group("indent")
    block = _dump([entry]).replace("export: null", "export: null  # awaiting the export")
    block = "".join(indent + line if line.strip() else line
                    for line in block.splitlines(keepends=True))
    out = text if text.endswith("\n") else text + "\n"
    out += f"{indent}# {year}: prepared by new-wave; awaits its export.\n" + block
    parsed = Manifest.model_validate(yaml.safe_load(out))
    if parsed.waves[:-1] != manifest.waves or parsed.waves[-1].year != year:
        raise ManifestError(f"{path}: appending the {year} entry changed the file's meaning; "
                            + by_hand)
    return out
