"""Schema of a questionnaire file: questions, their types, options and rating scales.

A questionnaire is configuration *as data*: a new survey wave is a new YAML file, not a code
change. Entries the published report does not give verbatim are marked ``derived: true`` so the
exact questionnaire can replace them later.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class QuestionType(StrEnum):
    """How a question is answered, and so how its Forms column is parsed."""

    SINGLE = "single"  #: one option; the cell holds the option text
    MULTIPLE = "multiple"  #: several options; the cell holds ``A;B;`` (trailing ``;``)
    RATING = "rating"  #: an integer on a scale, e.g. 1-5
    TEXT = "text"  #: free text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """One answer option of a choice question.

    ``other: true`` marks the "Annet" option whose typed text Microsoft Forms writes in place of
    the option label; the reader maps any text it does not know to this option. ``code`` is the
    option's value in a Nettskjema export (its codebook value, e.g. ``"1"`` or ``"-1"``).
    """

    label: str = Field(min_length=1, description="Option text exactly as the form shows it.")
    short: str | None = Field(None, description="Short label for charts and tables.")
    other: bool = False
    derived: bool = Field(False, description="Inferred from the report's results, not verbatim.")
    code: str | None = Field(None, min_length=1,
                             description="Nettskjema option code (codebook value), if any.")

    @field_validator("code", mode="before")
    @classmethod
    def _code_as_text(cls, value):
        # YAML reads `code: 1` as an int; codes are compared as the text an export holds.
        if isinstance(value, int | str) and not isinstance(value, bool):
            return str(value).strip()
        return value

    @property
    def display(self) -> str:
        """The label used in tables and figures (``short`` when given)."""
        return self.short or self.label


class RatingScale(_Strict):
    """An integer rating scale with labelled ends, e.g. 1 (svært vanskelig) to 5 (svært lett)."""

    min: int = 1
    max: int = 5
    low_label: str
    high_label: str

    @model_validator(mode="after")
    def _ordered(self) -> RatingScale:
        if self.min >= self.max:
            raise ValueError(f"scale min {self.min} must be below max {self.max}")
        return self

    @property
    def points(self) -> list[int]:
        """Every score on the scale, lowest first."""
        return list(range(self.min, self.max + 1))


class Condition(_Strict):
    """Routing: the question is meant only for respondents who did *not* give these answers."""

    question: str = Field(pattern=r"^q\d{2}$")
    not_options: list[str] = Field(min_length=1)
    note: str | None = None


class Question(_Strict):
    """One question of the questionnaire."""

    id: str = Field(pattern=r"^q\d{2}$")
    number: int = Field(ge=1)
    text: str = Field(min_length=1, description="Canonical Norwegian question text.")
    intro: str | None = Field(None, description="Introductory text shown before the question.")
    headers: list[str] = Field(
        default_factory=list,
        description="Other column titles the export may use for this question (besides text).",
    )
    type: QuestionType
    options: list[Option] = Field(default_factory=list)
    min_choices: int | None = None
    max_choices: int | None = None
    scale: RatingScale | None = None
    condition: Condition | None = None
    ordered: bool = Field(
        False, description="A single choice whose options are ordered (first = most), e.g. "
                           "«Kjenner godt» … «Aldri hørt om»: tested as an ordinal item.")
    background: bool = Field(
        False, description="Describes who answered (role, region): described, never tested; "
                           "its marginals give the composition sensitivity of every change.")
    new: bool = Field(False, description="First asked in this wave.")
    derived: bool = Field(False, description="Text or options not given verbatim in the source.")
    note: str | None = None

    @property
    def rating_scale(self) -> RatingScale:
        """The scale of a rating question (``scale``, which the schema requires for exactly
        those); ``TypeError`` for any other question."""
        if self.scale is None:
            raise TypeError(f"{self.id} is a {self.type.value} question, not a rating")
        return self.scale

    @model_validator(mode="after")
    def _consistent(self) -> Question:
        if self.id != f"q{self.number:02d}":
            raise ValueError(f"id {self.id!r} does not match number {self.number}")
        choice = self.type in (QuestionType.SINGLE, QuestionType.MULTIPLE)
        if choice and not self.options:
            raise ValueError(f"{self.id}: a {self.type.value} question needs options")
        if not choice and self.options:
            raise ValueError(f"{self.id}: a {self.type.value} question takes no options")
        if (self.type is QuestionType.RATING) != (self.scale is not None):
            raise ValueError(f"{self.id}: a scale is given exactly for rating questions")
        labels = [o.label for o in self.options]
        if len(set(labels)) != len(labels):
            raise ValueError(f"{self.id}: duplicate option labels")
        codes = [o.code for o in self.options if o.code is not None]
        if len(set(codes)) != len(codes):
            raise ValueError(f"{self.id}: duplicate option codes")
        if sum(o.other for o in self.options) > 1:
            raise ValueError(f"{self.id}: at most one 'other' option")
        if self.ordered and self.type is not QuestionType.SINGLE:
            raise ValueError(f"{self.id}: only a single-choice question can be ordered")
        if self.type is not QuestionType.MULTIPLE and (self.min_choices or self.max_choices):
            raise ValueError(f"{self.id}: choice limits apply to multiple-choice questions only")
        return self

    def option(self, label: str) -> Option:
        """Return the option with this exact label (``KeyError`` if none)."""
        for opt in self.options:
            if opt.label == label:
                return opt
        raise KeyError(f"{self.id} has no option {label!r}")

    @property
    def other_option(self) -> Option | None:
        """The free-text "Annet" option, if the question has one."""
        return next((o for o in self.options if o.other), None)


class SeriesBreak(_Strict):
    """A break in the series: the question (``reason``) or some of its options (``options``:
    label -> reason) are asked so differently that a change would not be a change of answers.

    The book shows both waves' shares and the reason, and no test; the change table and the
    key figures leave it out.

    Examples
    --------
    >>> SeriesBreak(options={"Ingen kontakt": "nytt alternativ trekker svar"}).reason is None
    True
    """

    reason: str | None = Field(None, min_length=10,
                               description="Why the whole question is a break (Norwegian).")
    options: dict[str, str] = Field(
        default_factory=dict,
        description="Option label (of the mapping's own wave) -> why it is a break.")

    @model_validator(mode="after")
    def _something(self) -> SeriesBreak:
        if self.reason is None and not self.options:
            raise ValueError("a break needs a reason or options with reasons")
        if self.reason is not None and self.options:
            raise ValueError("give a reason for the whole question or for options, not both")
        return self


class WaveMapping(_Strict):
    """How this wave's questions and options correspond to another wave's, for comparisons.

    ``target_year`` is the other wave. ``questions`` maps this wave's question id to the
    target wave's id, or to ``null`` when the question has no counterpart there; a question not
    listed has none either. ``options`` maps, per this wave's question id, an option label to
    the target wave's label, or to ``null`` when the option has no counterpart (it is then left
    out of the comparison, and the book says so); an option not listed keeps its own label.

    Either wave may hold the mapping. The 2023 file maps *forward* onto 2025 (written when 2025
    was the new wave); from 2027 on, the new wave's file maps *back* onto the wave before it
    (``python -m analysis new-wave`` writes it with every question and option mapped to itself,
    and the author edits what changed). :func:`analysis.questionnaire.compare.comparison_link`
    reads both; the targets are checked against the other wave's questionnaire there.

    Examples
    --------
    >>> m = WaveMapping(target_year=2025, questions={"q03": "q03", "q23": None},
    ...                 options={"q03": {"Kjenner svært godt": None}})
    >>> m.questions["q23"] is None
    True
    """

    target_year: int = Field(ge=2000, le=2100,
                             description="The wave this one is compared with.")
    questions: dict[str, str | None] = Field(
        description="This wave's question id -> the target wave's id (null: no counterpart).")
    options: dict[str, dict[str, str | None]] = Field(
        default_factory=dict,
        description="Per question id of this wave: option label -> the target wave's label "
                    "(null: no counterpart). Unlisted options keep their own label.")
    breaks: dict[str, SeriesBreak] = Field(
        default_factory=dict,
        description="Per question id of this wave: a break in the series (see SeriesBreak).")

    @field_validator("questions")
    @classmethod
    def _question_ids(cls, value: dict[str, str | None]) -> dict[str, str | None]:
        for source, target in value.items():
            for qid in (source, target):
                if qid is not None and not re.fullmatch(r"q\d{2}", qid):
                    raise ValueError(f"{qid!r} is not a question id (q01, q02, ...)")
        return value


class Questionnaire(_Strict):
    """The questionnaire of one wave."""

    year: int = Field(ge=2000, le=2100)
    title: str
    source: str = Field(description="Where the wording comes from.")
    questions: list[Question] = Field(min_length=1)
    compare_to: WaveMapping | None = None

    @model_validator(mode="after")
    def _unique_ids(self) -> Questionnaire:
        ids = [q.id for q in self.questions]
        if len(set(ids)) != len(ids):
            raise ValueError("duplicate question ids")
        known = set(ids)
        for q in self.questions:
            if q.condition and q.condition.question not in known:
                raise ValueError(f"{q.id}: condition refers to unknown {q.condition.question}")
        if self.compare_to is not None:
            self._check_compare_to(self.compare_to)
        return self

    def _check_compare_to(self, mapping: WaveMapping) -> None:
        """The mapping's own side: its keys are this wave's questions and options."""
        if mapping.target_year == self.year:
            raise ValueError(f"compare_to.target_year {mapping.target_year} is this wave's "
                             "own year; give the wave it is compared with")
        known = set(self.ids)
        for qid in mapping.questions:
            if qid not in known:
                raise ValueError(f"compare_to.questions: {qid} is not a question of {self.year}")
        for qid, labels in mapping.options.items():
            if qid not in known:
                raise ValueError(f"compare_to.options: {qid} is not a question of {self.year}")
            if mapping.questions.get(qid) is None:
                raise ValueError(f"compare_to.options.{qid}: {qid} is not mapped in "
                                 "compare_to.questions (or maps to null), so its options "
                                 "cannot be")
            own = [o.label for o in self.question(qid).options]
            for label in labels:
                if label not in own:
                    raise ValueError(
                        f"compare_to.options.{qid}: {label!r} is not an option of {qid} in "
                        f"{self.year}; options: {', '.join(map(repr, own))}")

        for qid, brk in mapping.breaks.items():
            if mapping.questions.get(qid) is None:
                raise ValueError(f"compare_to.breaks.{qid}: {qid} is not compared, so it cannot "
                                 "have a break")
            own = [o.label for o in self.question(qid).options]
            for label in brk.options:
                if label not in own:
                    raise ValueError(
                        f"compare_to.breaks.{qid}: {label!r} is not an option of {qid} in "
                        f"{self.year}; options: {', '.join(map(repr, own))}")

    def question(self, question_id: str) -> Question:
        """Return the question with this id (``KeyError`` if none).

        Examples
        --------
        >>> from analysis.questionnaire import load_questionnaire
        >>> load_questionnaire(2025).question("q03").number
        3
        """
        for q in self.questions:
            if q.id == question_id:
                return q
        raise KeyError(f"questionnaire {self.year} has no question {question_id!r}")

    @property
    def ids(self) -> list[str]:
        """Question ids in questionnaire order."""
        return [q.id for q in self.questions]
