"""Schema of the free-text file: per question, the report's categories, quotes and themes.

The published report codes free-text answers into categories. Respondents' answers it quotes
are *quotes*; the secretariat's own summary bullets are *themes*. The two are kept apart so a
summary is never printed as if a respondent had written it.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Polarity(StrEnum):
    """Whether a category is criticism (``ris``) or praise (``ros``), as in Q22."""

    RIS = "ris"
    ROS = "ros"


class ThemesBy(StrEnum):
    """Who wrote a question's summary bullets."""

    SECRETARIAT = "secretariat"
    SECRETARIAT_WITH_COPILOT = "secretariat_with_copilot"  #: sorted with M365 Copilot Chat


class Quote(_Strict):
    """A respondent's answer quoted verbatim; ``times`` is the report's "(2)" multiplier."""

    text: str = Field(min_length=1)
    times: int = Field(1, ge=1)


class Category(_Strict):
    """One category of coded answers, in report order."""

    name: str = Field(min_length=1, description="Norwegian name as printed in the report.")
    count: int | None = Field(None, ge=0, description="Answers in the category; None if not given.")
    polarity: Polarity | None = None
    description: str | None = None
    quotes: tuple[Quote, ...] = ()
    themes: tuple[str, ...] = ()

    @property
    def quoted(self) -> int:
        """Number of answers the quotes stand for (``times`` counted)."""
        return sum(q.times for q in self.quotes)


class FreeTextQuestion(_Strict):
    """The report's account of one free-text question."""

    section: str
    answered: int = Field(ge=0, description="Number who wrote something, as stated.")
    not_useful: int | None = Field(None, ge=0, description="Answers like «vet ikke», as stated.")
    concrete: int | None = Field(None, ge=0, description="'kun N konkrete innspill', as stated.")
    themes_by: ThemesBy | None = None
    note: str | None = None
    categories: tuple[Category, ...] = ()

    @model_validator(mode="after")
    def _consistent(self) -> FreeTextQuestion:
        for field in ("not_useful", "concrete"):
            value = getattr(self, field)
            if value is not None and value > self.answered:
                raise ValueError(f"{field} {value} exceeds answered {self.answered}")
        keys = [(c.polarity, c.name) for c in self.categories]
        dupes = sorted({name for pol, name in keys if keys.count((pol, name)) > 1})
        if dupes:
            raise ValueError(f"category names repeated: {dupes}")
        return self

    @property
    def without_content(self) -> int:
        """Answers without usable content: ``not_useful`` if stated, else the non-concrete ones."""
        if self.not_useful is not None:
            return self.not_useful
        if self.concrete is not None:
            return self.answered - self.concrete
        return 0


class FreeText(_Strict):
    """All free-text questions of one survey wave, keyed by question id (``q09`` ...)."""

    year: int
    respondents: int = Field(ge=0)
    source: str
    questions: dict[str, FreeTextQuestion]

    @model_validator(mode="after")
    def _ids(self) -> FreeText:
        bad = [k for k in self.questions if not (len(k) == 3 and k[0] == "q" and k[1:].isdigit())]
        if bad:
            raise ValueError(f"question ids must look like 'q09', got {bad}")
        return self

    def question(self, qid: str) -> FreeTextQuestion:
        """Return one question; raise ``KeyError`` naming the known ids if it is absent."""
        try:
            return self.questions[qid]
        except KeyError:
            known = sorted(self.questions)
            raise KeyError(f"no free-text question {qid!r}; known: {known}") from None
