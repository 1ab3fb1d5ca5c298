"""The 2025 coding as data: a codebook and decisions derived from the report, over the bundled
(reconstructed) answers. Labelled as reconstructed; deterministic.

The report publishes category names, counts and quotes (``data/published/free-text-<year>.yaml``);
the reconstructed export lays the answers out from them (:func:`analysis.freetext.coded_answers`).
This module reads that layout back from the export: a quoted answer is coded with its category
and marked as quotable, a placeholder for an uncounted answer in a category is coded without a
quote, an answer without content gets ``uten-innhold``, and an answer the report did not
categorise (Q20-22: themes without counts) stays uncoded. Where the report's quotes and counts
disagree (Q12, Q13), the decisions follow the *counts*: a surplus code is first taken from an
answer that has another code, else the last such answer is recoded to a category short of its
count, without a quote (the book then prints one quote fewer than the report).
Routing of codes to local support or work packages comes from ``data/coding/routing.yaml``.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from pathlib import Path

import yaml

CODER = "rapport-2025 (rekonstruert)"
#: Date the decisions are dated: the report's month (the report gives no day).
DATE = "2025-09-01"
_FOLD = str.maketrans({"æ": "ae", "ø": "o", "å": "a", "`": ""})


def slug(name: str, polarity: str | None = None) -> str:
    """A code id from a category name: ``"Kurs og SOP`er"`` -> ``"kurs-og-soper"``."""
    text = unicodedata.normalize("NFKD", name.lower().translate(_FOLD))
    text = re.sub(r"[^a-z0-9]+", "-", text.encode("ascii", "ignore").decode()).strip("-")
    return f"{polarity}-{text}" if polarity else text


def derive_codebook(free_text, routing: dict) -> dict:
    """The codebook (as the YAML's mapping) of the report's categories, in report order."""
    questions = {}
    routes = routing.get("routes", {})
    for qid, question in free_text.questions.items():
        codes = []
        for c in question.categories:
            code_id = slug(c.name, c.polarity)
            definition = c.description or (
                f"Svar rapporten plasserer i kategorien «{c.name}»"
                + (f" ({'kritikk' if c.polarity == 'ris' else 'ros'})." if c.polarity else "."))
            code = {"id": code_id, "label": c.name, "definition": definition}
            if c.quotes:
                code["examples"] = [q.text for q in c.quotes[:3]]
            if c.polarity:
                code["polarity"] = str(c.polarity)
            if c.themes:
                code["summary"] = list(c.themes)
            if f"{qid}.{code_id}" in routes:
                code["routing"] = routes[f"{qid}.{code_id}"]
            codes.append(code)
        questions[qid] = {"codes": codes}
    known = {f"{qid}.{c['id']}" for qid, q in questions.items() for c in q["codes"]}
    unknown = sorted(set(routes) - known)
    if unknown:
        raise ValueError(f"data/coding/routing.yaml: routes name codes the report does not "
                         f"have: {unknown}")
    return {"year": free_text.year,
            "source": f"Rekonstruert fra rapportens kategorier, antall og sitater "
                      f"(data/published/free-text-{free_text.year}.yaml) av "
                      "`python -m analysis reconstruct`; ikke en koding av de virkelige svarene.",
            "reconstructed": True,
            "work_packages": routing.get("work_packages", []),
            "questions": questions}


def derive_decisions(free_text, wide) -> list[dict]:
    """Decision rows (``decisions.csv`` columns) for every answer of the free-text questions.

    ``wide`` is the reconstructed export's wide frame (index: response ID). Raises
    ``ValueError`` when an answer's text is not one the layout produces, or the counts cannot
    be met.
    """
    from analysis.freetext import NOT_USEFUL, UNCATEGORISED, category_placeholder

    rows = []
    for qid, question in free_text.questions.items():
        names = {c.name: slug(c.name, c.polarity) for c in question.categories}
        quoted = {q.text: names[c.name] for c in question.categories for q in c.quotes}
        held = {category_placeholder(c.name): names[c.name] for c in question.categories}
        coded: list[tuple[int, list[list]]] = []  # response, [[code, excerpt, quote], ...]
        for rid, text in wide[qid].dropna().items():
            if text == NOT_USEFUL:
                coded.append((int(rid), [["uten-innhold", "", False]]))
            elif text == UNCATEGORISED:
                continue
            elif text in held:
                coded.append((int(rid), [[held[text], "", False]]))
            elif text in quoted:
                coded.append((int(rid), [[quoted[text], "", True]]))
            else:
                pieces = text.split(" / ")
                if not all(p in quoted for p in pieces):
                    raise ValueError(f"{qid}, response {rid}: answer {text!r} is not laid out "
                                     "from the report's coding; re-run reconstruct")
                coded.append((int(rid), [[quoted[p], p, True] for p in pieces]))
        _fit_counts(qid, coded, {names[c.name]: c.count for c in question.categories})
        for rid, codes in coded:
            for code, excerpt, quote in codes:
                rows.append({"response_id": rid, "qid": qid, "code": code, "coder": CODER,
                             "date": DATE, "quote": "ja" if quote else "", "excerpt": excerpt})
    return rows


def _fit_counts(qid: str, coded: list, targets: dict) -> None:
    def count(code):
        return sum(any(c[0] == code for c in codes) for _, codes in coded)

    for code, target in targets.items():
        while target is not None and count(code) > target:
            having = [codes for _, codes in coded if any(c[0] == code for c in codes)]
            shared = [codes for codes in having if len(codes) > 1]
            if shared:
                shared[-1][:] = [c for c in shared[-1] if c[0] != code]
                continue
            short = [k for k, t in targets.items() if t is not None and count(k) < t]
            if not short:
                raise ValueError(f"{qid}: {count(code)} answers coded {code}, the report "
                                 f"says {target}, and no category is short")
            having[-1][:] = [[short[0], "", False]]
    wrong = {k: (count(k), t) for k, t in targets.items() if t is not None and count(k) != t}
    if wrong:
        raise ValueError(f"{qid}: decisions cannot meet the report's counts: {wrong}")


def decisions_csv(rows: list[dict]) -> str:
    """The decisions as CSV text, with a header."""
    from analysis.coding.load import DECISION_COLUMNS

    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=DECISION_COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def write_coding(root: Path, free_text, wide) -> list[Path]:
    """Write ``data/coding/<year>/codebook.yaml`` and ``decisions.csv``; return their paths."""
    from analysis.coding.load import coding_dir
    from analysis.coding.schema import Codebook

    routing_path = root / "data" / "coding" / "routing.yaml"
    routing = yaml.safe_load(routing_path.read_text(encoding="utf-8")) if \
        routing_path.is_file() else {}
    book = derive_codebook(free_text, routing or {})
    Codebook.model_validate(book)  # never write a codebook the loader would refuse
    folder = coding_dir(free_text.year, root)
    folder.mkdir(parents=True, exist_ok=True)
    header = ("# Codebook of the 2025 free text, RECONSTRUCTED from the published report by\n"
              "# `python -m analysis reconstruct` (analysis/reconstruct/coding.py). Do not edit;\n"
              "# edit data/coding/routing.yaml or the report's free-text file instead.\n")
    paths = [folder / "codebook.yaml", folder / "decisions.csv"]
    texts = [header + yaml.safe_dump(book, allow_unicode=True, sort_keys=False, width=100),
             decisions_csv(derive_decisions(free_text, wide))]
    for path, text in zip(paths, texts, strict=True):
        tmp = path.with_suffix(path.suffix + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(path)
    return paths
