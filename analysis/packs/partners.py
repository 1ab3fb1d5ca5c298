"""``data/partners.yaml``: the regions of question 2, NorCRIN's partners, work packages and the
routing of free-text answers by question. Read and validated like every given file."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.paths import data_dir
from analysis.yaml_files import read_yaml, validate

_SLUG = r"^[a-z0-9]+(-[a-z0-9]+)*$"


class PartnersError(ValueError):
    """``data/partners.yaml`` is missing or malformed (file and entry named)."""


class Region(BaseModel):
    """One pack: a region option of question 2 and the partner hospitals in it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=_SLUG, description="File name of the pack: _book/partnere/<slug>.pdf")
    option: str = Field(min_length=1, description="The option label of question 2.")
    name: str = Field(min_length=1)
    partners: list[str] = Field(default_factory=list)
    note: str | None = None


class WorkPackage(BaseModel):
    """A work package that can receive routed input."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: str = Field(pattern=_SLUG)
    name: str = Field(min_length=1)


class Route(BaseModel):
    """Where the answers to one free-text question go (until the coding routes each answer)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    question: str = Field(pattern=r"^q\d\d$")
    route: Literal["region", "work_package"]
    work_package: str | None = None

    @model_validator(mode="after")
    def _package_iff_routed_there(self) -> Route:
        if (self.route == "work_package") != (self.work_package is not None):
            raise ValueError("give `work_package` exactly when `route: work_package`")
        return self


class Partners(BaseModel):
    """The whole file."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year_question: str = Field(pattern=r"^q\d\d$")
    regions: list[Region] = Field(min_length=1)
    work_packages: list[WorkPackage] = Field(default_factory=list)
    routes: list[Route] = Field(default_factory=list)
    key_questions: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique_and_known(self) -> Partners:
        for what, values in (("region slug", [r.slug for r in self.regions]),
                             ("region option", [r.option for r in self.regions]),
                             ("work package slug", [w.slug for w in self.work_packages]),
                             ("routed question", [r.question for r in self.routes])):
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise ValueError(f"{what} repeated: {repeated}")
        known = {w.slug for w in self.work_packages}
        unknown = sorted({r.work_package for r in self.routes
                          if r.work_package and r.work_package not in known})
        if unknown:
            raise ValueError(f"routes name unknown work package(s) {unknown}; "
                             f"known: {sorted(known)}")
        return self

    def region(self, slug: str) -> Region:
        """The region with ``slug``.

        Raises
        ------
        KeyError
            Naming the slugs there are.
        """
        for region in self.regions:
            if region.slug == slug:
                return region
        raise KeyError(f"no region {slug!r}; regions: {', '.join(r.slug for r in self.regions)}")

    def package(self, slug: str) -> WorkPackage:
        """The work package with ``slug`` (``KeyError`` if none)."""
        for package in self.work_packages:
            if package.slug == slug:
                return package
        raise KeyError(f"no work package {slug!r}")


def partners_path(root: Path | None = None) -> Path:
    """``data/partners.yaml`` of the project at ``root``."""
    return data_dir(root) / "partners.yaml"


def load_partners(root: Path | None = None, questionnaire=None) -> Partners:
    """Read ``data/partners.yaml``; with a questionnaire, also check its question ids and that
    every region is an option of the region question.

    Raises
    ------
    PartnersError
        Naming the file and the entry that is wrong.
    """
    path = partners_path(root)
    partners = validate(Partners, read_yaml(path, PartnersError, "partner list"), path,
                        PartnersError, "partner list schema")
    if questionnaire is not None:
        _check_against(partners, questionnaire, path)
    return partners


def _check_against(partners: Partners, questionnaire, path: Path) -> None:
    ids = {q.id for q in questionnaire.questions}
    named = [partners.year_question, *(r.question for r in partners.routes),
             *partners.key_questions]
    missing = [q for q in named if q not in ids]
    if missing:
        raise PartnersError(f"{path}: question(s) {missing} are not in the "
                            f"{questionnaire.year} questionnaire")
    options = {o.label for q in questionnaire.questions if q.id == partners.year_question
               for o in q.options}
    for i, region in enumerate(partners.regions):
        if region.option not in options:
            raise PartnersError(
                f"{path}: regions[{i}] slug={region.slug!r}: option {region.option!r} is not an "
                f"option of {partners.year_question} (options: {sorted(options)})")


def slugify(text: str) -> str:
    """ASCII slug of a name (for file names).

    >>> slugify("Sør-Øst Norge")
    'sor-ost-norge'
    """
    table = str.maketrans({"ø": "o", "å": "a", "æ": "ae", "Ø": "o", "Å": "a", "Æ": "ae"})
    return re.sub(r"[^a-z0-9]+", "-", text.translate(table).lower()).strip("-")
