"""``data/reconstruction.yaml``: what to reconstruct per wave, read and validated once.

Per wave: the questionnaire, the export's file name (written to ``data/reconstructed/``), the
seed and survey window of the generated rows, the typed «Annet» texts the report quotes, and
``groups``: the sums of options the chapters print ("i stor eller noen grad"), whose lowest and
highest count the published figures allow is stored in the ranges file beside the export.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from analysis.paths import data_dir
from analysis.yaml_files import read_yaml, validate


class SettingsError(ValueError):
    """``data/reconstruction.yaml`` is missing or malformed (naming the entry)."""


class WaveSettings(BaseModel):
    """One wave to reconstruct."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int = Field(ge=2000, le=2100)
    questionnaire: int = Field(ge=2000, le=2100)
    export: str = Field(pattern=r"^[^/\\]+\.xlsx$",
                        description="File name of the workbook in data/reconstructed/.")
    seed: int
    window: tuple[dt.date, dt.date]
    other_texts: dict[str, list[str]] = Field(default_factory=dict)
    groups: dict[str, list[list[str | int]]] = Field(
        default_factory=dict,
        description="qid -> groups of option labels (or scores) whose summed count the "
                    "chapters print; each group has at least two options.")

    @field_validator("groups")
    @classmethod
    def _groups_have_two_options(cls, groups: dict) -> dict:
        for qid, listed in groups.items():
            for group in listed:
                if len(group) < 2 or len(set(group)) != len(group):
                    raise ValueError(f"{qid}: a group needs two or more different options, "
                                     f"got {group}")
        return groups


class Settings(BaseModel):
    """The waves to reconstruct, in the order they are written."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    waves: list[WaveSettings] = Field(min_length=1)


def settings_path(root: Path | None = None) -> Path:
    """``data/reconstruction.yaml`` under the project root."""
    return data_dir(root) / "reconstruction.yaml"


def load_settings(root: Path | None = None) -> Settings:
    """Read and validate ``data/reconstruction.yaml``.

    Raises
    ------
    SettingsError
        Naming the file and every entry that is wrong.

    Examples
    --------
    >>> [w.year for w in load_settings().waves]
    [2025, 2023]
    """
    path = settings_path(root)
    raw = read_yaml(path, SettingsError, "reconstruction settings")
    return validate(Settings, raw, path, SettingsError, "reconstruction settings schema")
