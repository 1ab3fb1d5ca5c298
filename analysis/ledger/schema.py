"""Schema of the ledger of published figures: sources, figures and contradictions.

The ledger (``data/published/*.yaml``) records every figure a published report states, as
printed, so the audit can compare it with what the pipeline computes. Figures are recorded
even when they look wrong; the contradictions file says which ones the report itself
contradicts.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator

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


class Basis(StrEnum):
    """What a published figure is of; the code branches on these, never on free wording.

    Denominators of a share: :attr:`N`, :attr:`RESPONDENTS` (with the stated total in ``of``
    when the report names it) and :attr:`ANSWERS`. The others say the figure is not a share or
    count of answers to an option, and so how (or whether) it can be recomputed.
    """

    N = "n"  #: of those answering the question
    #: of all respondents of the wave; on a report-level n figure: the wave total
    RESPONDENTS = "respondents"
    ANSWERS = "answers"  #: of all ticks of a multiple-choice question ("all ticks")
    SEVERAL_OPTIONS = "several-options"  #: share of those answering who ticked more than one
    CATEGORY = "category"  #: a coded free-text category, not a questionnaire option
    CHANGE = "change"  #: a change between waves (``from_wave`` says since when)
    QUESTIONS = "questions"  #: the number of questions of the questionnaire
    NEW_QUESTIONS = "new-questions"  #: the number of questions new in the wave
    OPTIONS = "options"  #: the number of options of the question
    CONTEXT = "context"  #: a fact about the survey's setting (``what`` says which); not data

    @property
    def denominator(self) -> str | None:
        """The percent denominator this basis names (``"n"``, ``"respondents"``, ``"answers"``).

        Examples
        --------
        >>> Basis("answers").denominator, Basis("change").denominator
        ('answers', None)
        """
        return self.value if self in (Basis.N, Basis.RESPONDENTS, Basis.ANSWERS) else None


class Source(_Strict):
    """The published document a ledger file transcribes."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str
    document: str = Field(description="Path of the text, relative to the parent of the root.")


class FigureEntry(_Strict):
    """One figure as printed in a source: an entry of a ledger file's ``figures`` list.

    The loader turns each entry into an :class:`analysis.ledger.Figure`, the one type the
    ledger, the audit and the reconstruction share.
    """

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
    basis: Basis | None = None
    of: int | None = Field(None, ge=1, description="basis respondents: the total the report "
                           "names ('74 (av 186)').")
    from_wave: int | None = Field(None, ge=2000, le=2100,
                                  description="basis change: the wave the change is from.")
    what: str | None = Field(None, min_length=3,
                             description="basis context: what the figure counts (free words, "
                             "for readers only; no code reads them).")
    note: str | None = None

    @model_validator(mode="after")
    def _consistent(self) -> FigureEntry:
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
        for name, basis in (("of", Basis.RESPONDENTS), ("from_wave", Basis.CHANGE),
                            ("what", Basis.CONTEXT)):
            given = getattr(self, name) is not None
            if given and self.basis is not basis:
                raise ValueError(f"{name} goes with basis {basis.value}, not {self.basis}")
        if self.basis is Basis.CHANGE and self.from_wave is None:
            raise ValueError("basis change needs from_wave (the wave the change is from)")
        if self.basis is Basis.CONTEXT and self.what is None:
            raise ValueError("basis context needs what (what the figure counts)")
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
    figures: list[FigureEntry] = Field(min_length=1)


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
