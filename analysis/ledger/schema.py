"""Schema of the ledger of published figures: sources, figures and contradictions.

The ledger (``data/published/*.yaml``) records every figure a published report states, as
printed, so the audit can compare it with what the pipeline computes. Figures are recorded
even when they look wrong; the contradictions file says which ones the report itself
contradicts.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: Marks a figure about a coded free-text category rather than a questionnaire option.
CATEGORY_BASIS = "category"

OptionValue = str | int
"""An option label (choice questions) or a score (rating questions)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FigureKind(StrEnum):
    """What a published number is."""

    COUNT = "count"  #: a number of answers or ticks
    PERCENT = "percent"  #: a share, as printed (0-100)
    MEAN = "mean"
    MEDIAN = "median"
    N = "n"  #: how many answered (a denominator), or a report-level total


class Qualifier(StrEnum):
    """A word the report puts before the number, widening what it stands for."""

    OVER = "over"  #: "over 70 %": the true value is above the printed one
    UNDER = "under"  #: "under 5 %"
    ABOUT = "about"  #: "ca.", "rundt": approximate, not necessarily rounded half-up


class Source(_Strict):
    """The published document a ledger file transcribes."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    document: str = Field(description="Path of the text, relative to the parent of the root.")


class Figure(_Strict):
    """One figure as printed in a source."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    year: int = Field(ge=2000, le=2100, description="Survey wave the figure describes.")
    question: int | None = Field(None, ge=1)
    option: OptionValue | list[OptionValue] | None = None
    kind: FigureKind
    value: float
    decimals: int = Field(0, ge=0, le=4)
    section: str = Field(min_length=1)
    quote: str = Field(min_length=3)
    qualifier: Qualifier | None = None
    basis: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> Figure:
        if round(self.value, self.decimals) != self.value:
            raise ValueError(f"value {self.value} has more than {self.decimals} decimals")
        if self.kind is FigureKind.PERCENT and not 0 <= self.value <= 100:
            raise ValueError(f"percent {self.value} outside 0-100")
        if self.kind in (FigureKind.COUNT, FigureKind.N) and (
            self.value < 0 or self.value != int(self.value)
        ):
            raise ValueError(f"{self.kind.value} {self.value} is not a whole number >= 0")
        if self.kind in (FigureKind.MEAN, FigureKind.MEDIAN, FigureKind.N) and self.option:
            raise ValueError(f"a {self.kind.value} figure takes no option")
        return self

    @property
    def options(self) -> tuple[OptionValue, ...]:
        """The option(s) as a tuple; empty when the figure has none."""
        if self.option is None:
            return ()
        if isinstance(self.option, list):
            return tuple(self.option)
        return (self.option,)


class LedgerFile(_Strict):
    """One ledger file: a source and the figures it states."""

    source: Source
    figures: list[Figure] = Field(min_length=1)


class ContradictionKind(StrEnum):
    """How a report contradicts itself."""

    WORDING = "wording"  #: the words say something the numbers do not
    ARITHMETIC = "arithmetic"  #: numbers that do not add up
    NUMBERING = "numbering"  #: headings or numbering out of order


class Contradiction(_Strict):
    """A place where a report's text and its own numbers disagree."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    figures: list[str] = Field(default_factory=list)
    kind: ContradictionKind
    quote: str = Field(min_length=3)
    explanation: str = Field(min_length=10)


class ContradictionFile(_Strict):
    """``contradictions.yaml``: the report's internal contradictions."""

    source: str
    contradictions: list[Contradiction] = Field(min_length=1)
