"""Schema of a wave's codebook (``data/coding/<year>/codebook.yaml``).

Per free-text question, the codes a coder may give an answer: an id, a Norwegian label, a
definition, notes on what to include and exclude, example answers, keywords for the rule-based
suggestions and optional routing (to the local research support of the respondent's region, or
to one of the work packages the codebook lists). One code is always available without being
listed: :data:`NO_CONTENT` (``uten-innhold``), for answers like «vet ikke» or «nei».
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: The code for an answer without usable content («vet ikke», «nei», «NA»); never listed.
NO_CONTENT = "uten-innhold"
#: Its label in the book and in exports.
NO_CONTENT_LABEL = "Uten innhold"
_ID = r"^[a-z0-9][a-z0-9-]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WorkPackage(_Strict):
    """A NorCRIN work package (arbeidspakke) that codes may route answers to."""

    id: str = Field(pattern=_ID)
    name: str = Field(min_length=1, description="Norwegian name.")


class WorkPackageRoute(_Strict):
    """Routing of a code to one work package, by id."""

    work_package: str = Field(pattern=_ID)


class Code(_Strict):
    """One code of a question, in the order the book lists the categories."""

    id: str = Field(pattern=_ID, description="Stable id, e.g. 'veiledning'.")
    label: str = Field(min_length=1, description="Norwegian label as the book prints it.")
    definition: str = Field(min_length=1)
    include: str | None = None
    exclude: str | None = None
    examples: tuple[str, ...] = ()
    keywords: tuple[str, ...] = Field((), description="Lower-case word stems for suggestions.")
    polarity: Literal["ris", "ros"] | None = None
    summary: tuple[str, ...] = Field((), description="Secretariat summary points, not quotes.")
    routing: Literal["local_support"] | WorkPackageRoute | None = None


class CodedQuestion(_Strict):
    """The codes of one free-text question."""

    codes: tuple[Code, ...] = ()

    @model_validator(mode="after")
    def _unique(self) -> CodedQuestion:
        ids = [c.id for c in self.codes]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"code ids repeated: {dupes}")
        if NO_CONTENT in ids:
            raise ValueError(f"{NO_CONTENT!r} is always available and must not be listed")
        return self

    def code(self, code_id: str) -> Code:
        """Return the code ``code_id``; raise ``KeyError`` naming the known ids."""
        for c in self.codes:
            if c.id == code_id:
                return c
        raise KeyError(f"no code {code_id!r}; known: {[c.id for c in self.codes]}")


class Codebook(_Strict):
    """A wave's codebook: questions keyed by id (``q09`` ...), and the work packages."""

    year: int
    source: str = Field(min_length=1, description="Who made it, from what.")
    reconstructed: bool = Field(False, description="True when derived from a report, not coded.")
    work_packages: tuple[WorkPackage, ...] = ()
    questions: dict[str, CodedQuestion]

    @model_validator(mode="after")
    def _consistent(self) -> Codebook:
        bad = [k for k in self.questions if not (len(k) == 3 and k[0] == "q" and k[1:].isdigit())]
        if bad:
            raise ValueError(f"question ids must look like 'q09', got {bad}")
        known = {w.id for w in self.work_packages}
        for qid, question in self.questions.items():
            for code in question.codes:
                route = code.routing
                if isinstance(route, WorkPackageRoute) and route.work_package not in known:
                    raise ValueError(f"{qid}.{code.id}: routing names work package "
                                     f"{route.work_package!r}; listed: {sorted(known)}")
        return self

    def question(self, qid: str) -> CodedQuestion:
        """Return one question; raise ``KeyError`` naming the known ids if it is absent."""
        try:
            return self.questions[qid]
        except KeyError:
            raise KeyError(f"no question {qid!r} in the codebook; "
                           f"known: {sorted(self.questions)}") from None

    def label(self, qid: str, code_id: str) -> str:
        """The Norwegian label of a code (``Uten innhold`` for :data:`NO_CONTENT`)."""
        return NO_CONTENT_LABEL if code_id == NO_CONTENT else self.question(qid).code(code_id).label
