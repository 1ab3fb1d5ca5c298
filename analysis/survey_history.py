"""Every survey wave NorCRIN has run, with or without data: ``data/survey-waves.yaml``.

The manifest lists the waves whose answers we have; this file lists all waves (also those, such
as the first ones, of which only published figures or nothing survive) and how each was run:
when it was open, which tool, where it was announced and presented. The bundle holds it
(:attr:`analysis.bundle.SurveyBundle.history`), so the time axis of the book and the facts the
method chapter quotes come from data, never from years written into code.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from analysis.paths import data_dir
from analysis.yaml_files import read_yaml, validate

#: File name under ``data/``.
FILE = "survey-waves.yaml"


class HistoryError(ValueError):
    """``data/survey-waves.yaml`` is missing or does not fit its schema."""


class Announcement(BaseModel):
    """Where and when the survey was announced."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    channel: str = Field(min_length=1)
    date: dt.date


class Presentation(BaseModel):
    """Where and when the results were (or will be) presented."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    forum: str = Field(min_length=1)
    date: dt.date


class PastWave(BaseModel):
    """One survey wave as run, whether or not its answers survive."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int = Field(ge=2000, le=2100)
    source: str = Field(min_length=1, description="Where the facts of this entry come from.")
    fielded: str | None = Field(None, description="When it ran, in words, if no exact dates.")
    open_from: dt.date | None = None
    open_to: dt.date | None = None
    tool: str | None = None
    raw_data: bool = Field(description="Whether the secretariat has the answers of this wave.")
    announced: tuple[Announcement, ...] = ()
    presented: tuple[Presentation, ...] = ()


class SurveyHistory(BaseModel):
    """All waves, any order in the file; :attr:`waves` oldest first."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    waves: tuple[PastWave, ...] = Field(min_length=1)

    @field_validator("waves")
    @classmethod
    def _one_entry_per_year(cls, waves: tuple[PastWave, ...]) -> tuple[PastWave, ...]:
        years = [w.year for w in waves]
        repeated = sorted({y for y in years if years.count(y) > 1})
        if repeated:
            raise ValueError(f"more than one entry for year(s) {repeated}")
        return tuple(sorted(waves, key=lambda w: w.year))

    @property
    def years(self) -> list[int]:
        """Years of every wave run, oldest first."""
        return [w.year for w in self.waves]

    def wave(self, year: int) -> PastWave:
        """The entry of ``year``.

        Raises
        ------
        KeyError
            When the file has no entry for that year.
        """
        for w in self.waves:
            if w.year == year:
                return w
        raise KeyError(f"{FILE} has no entry for {year} (it lists {self.years})")


def read_history(root: Path | None = None) -> SurveyHistory:
    """Read and validate ``data/survey-waves.yaml``.

    Raises
    ------
    HistoryError
        Naming the file and the entry that is wrong.

    Examples
    --------
    >>> history = read_history()
    >>> history.years == sorted(history.years)
    True
    """
    path = data_dir(root) / FILE
    raw = read_yaml(path, HistoryError, "survey history")
    return validate(SurveyHistory, raw, path, HistoryError, "survey history schema")
