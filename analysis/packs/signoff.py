"""Sign-off as data: which free-text answers were approved for the partner packs, by whom, when.

``data/signoff.yaml`` lists approvals by response id (the export's ``ID``) and question.
A pack quotes an answer only when it is approved; the others are counted, not shown.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.paths import data_dir
from analysis.yaml_files import read_yaml, validate


class SignoffError(ValueError):
    """``data/signoff.yaml`` is missing or malformed (file and entry named)."""


class Approval(BaseModel):
    """One answer released for the packs."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    response_id: int = Field(ge=0, description="The export's ID column.")
    question: str = Field(pattern=r"^q\d\d$")
    approved_by: str = Field(min_length=1, description="Who approved (a role or a name).")
    approved_on: dt.date


class Signoff(BaseModel):
    """The whole file, for one wave."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int = Field(ge=2000, le=2100)
    approvals: list[Approval] = Field(default_factory=list)

    @model_validator(mode="after")
    def _once_each(self) -> Signoff:
        keys = [(a.response_id, a.question) for a in self.approvals]
        repeated = sorted({k for k in keys if keys.count(k) > 1})
        if repeated:
            raise ValueError(f"answers approved more than once (response_id, question): {repeated}")
        return self

    def approved(self, response_id: int, question: str) -> Approval | None:
        """The approval of one answer, or None."""
        for approval in self.approvals:
            if approval.response_id == response_id and approval.question == question:
                return approval
        return None


def signoff_path(root: Path | None = None) -> Path:
    """``data/signoff.yaml`` of the project at ``root``."""
    return data_dir(root) / "signoff.yaml"


def load_signoff(root: Path | None = None, year: int | None = None) -> Signoff:
    """Read ``data/signoff.yaml``; an absent file means nothing is approved.

    Raises
    ------
    SignoffError
        Naming the file and the entry that is wrong, or a file for another wave.
    """
    path = signoff_path(root)
    if not path.is_file():
        return Signoff(year=year or 2000)
    signoff = validate(Signoff, read_yaml(path, SignoffError, "sign-off file"), path,
                       SignoffError, "sign-off schema")
    if year is not None and signoff.year != year:
        raise SignoffError(f"{path}: year {signoff.year}, but the packs are for the {year} wave; "
                           "start a new sign-off file for the new wave")
    return signoff
