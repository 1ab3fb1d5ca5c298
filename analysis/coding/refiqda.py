"""Export a wave's codebook and decisions as REFI-QDA, the exchange standard of QDA tools.

``codebook.qdc`` holds the codes (one parent code per question, its codes as children);
``coding.qdpx`` is a project: the coders as users, each answer as a text source (its screened
text inline), and per decision a selection of the answer (or of the excerpt) coded with the
code. QualCoder, NVivo, MAXQDA and ATLAS.ti open both. The XML is written through
``pyrefiqda``, whose models are generated from the published REFI-QDA schemas.

GUIDs are derived from the wave and the ids (UUID 5), so an export is the same every time.
"""

from __future__ import annotations

import uuid
from pathlib import Path

import pandas as pd
from pyrefiqda import RefiCodebook, RefiProject
from pyrefiqda import models as m

from analysis.coding.schema import NO_CONTENT, NO_CONTENT_LABEL, Codebook

_NAMESPACE = uuid.UUID("6f1c1f0e-6b1e-4e55-9a43-2f4a1c0d2025")


def _guid(*parts: object) -> str:
    return str(uuid.uuid5(_NAMESPACE, "/".join(str(p) for p in parts))).upper()


def _codes(codebook: Codebook, code_type, with_codable: bool):
    extra = {"is_codable": True} if with_codable else {}
    out = []
    for qid, question in codebook.questions.items():
        children = [code_type(guid=_guid(codebook.year, qid, c.id), name=c.label,
                              description=c.definition, **extra) for c in question.codes]
        children.append(code_type(guid=_guid(codebook.year, qid, NO_CONTENT),
                                  name=NO_CONTENT_LABEL,
                                  description="Svar uten innhold («vet ikke», «nei»).", **extra))
        out.append(code_type(guid=_guid(codebook.year, qid), name=qid,
                             description=f"Spørsmål {int(qid[1:])}", code=children,
                             **({"is_codable": False} if with_codable else {})))
    return out


def write_codebook(codebook: Codebook, path: Path) -> Path:
    """Write ``codebook`` as a REFI-QDA codebook (``.qdc``) to ``path``."""
    book = m.CodeBook(codes=m.CodebookCodesType(code=_codes(codebook, m.CodebookCodeType, True)),
                      origin="NorCRIN brukerundersøkelse")
    path.parent.mkdir(parents=True, exist_ok=True)
    RefiCodebook.save(book, path)
    return path


def write_project(codebook: Codebook, decisions: pd.DataFrame, answers: pd.DataFrame,
                  path: Path) -> Path:
    """Write a REFI-QDA project (``.qdpx``): codebook, coders, answers and every decision.

    ``answers`` has columns ``response_id``, ``qid``, ``text`` (already screened); only the
    answers of the codebook's questions are included.
    """
    users = [m.UserType(guid=_guid("coder", c), name=c) for c in dict.fromkeys(decisions["coder"])]
    sources = []
    for r in answers[answers["qid"].isin(codebook.questions)].itertuples():
        mine = decisions[(decisions["response_id"] == r.response_id) & (decisions["qid"] == r.qid)]
        selections = []
        for d in mine.itertuples():
            start = r.text.find(d.excerpt) if d.excerpt else 0
            end = start + len(d.excerpt) if d.excerpt else len(r.text)
            coding = m.CodingType(guid=_guid("coding", r.response_id, r.qid, d.code, d.coder),
                                  creating_user=_guid("coder", d.coder),
                                  code_ref=m.CodeRefType(
                                      target_guid=_guid(codebook.year, r.qid, d.code)))
            selections.append(m.PlainTextSelectionType(
                guid=_guid("selection", r.response_id, r.qid, d.code, d.coder),
                name=f"{r.qid} {codebook.label(r.qid, d.code)}", start_position=start,
                end_position=end, creating_user=_guid("coder", d.coder), coding=[coding]))
        sources.append(m.TextSourceType(
            guid=_guid("answer", r.response_id, r.qid), name=f"{r.qid} svar {r.response_id}",
            plain_text_content=r.text, plain_text_selection=selections))
    project = m.Project(
        name=f"NorCRIN brukerundersøkelse {codebook.year}: fritekst",
        users=m.UsersType(user=users) if users else None,
        code_book=m.ProjectCodeBookType(
            codes=m.ProjectCodesType(code=_codes(codebook, m.ProjectCodeType, True))),
        sources=m.SourcesType(text_source=sources) if sources else None)
    path.parent.mkdir(parents=True, exist_ok=True)
    RefiProject.save(project, path)
    return path
