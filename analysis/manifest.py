"""``data/exports/MANIFEST.yaml``: which export file belongs to which wave, read and validated.

The manifest says whether each wave's data are a real Microsoft Forms export or a
reconstruction, where its ranges file is, and whether respondents' own words may be printed.
:func:`analysis.bundle.load_bundle` reads it first.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator

from analysis.paths import exports_dir
from analysis.yaml_files import read_yaml, validate


class ManifestError(ValueError):
    """``data/exports/MANIFEST.yaml`` is missing, malformed or points at a missing file."""


#: Export files the readers take.
EXPORT_SUFFIXES = (".xlsx", ".csv")


def _inside_data(value: str, suffixes: tuple[str, ...]) -> str:
    """A path relative to ``data/exports/`` that stays inside ``data/`` and has a known suffix.

    Everything a chapter reads must live under ``data/``: the render cache fingerprints that
    folder, and the data log documents it. A path outside would leave the book stale.
    """
    path = Path(value)
    if path.is_absolute() or value.startswith("~"):
        raise ValueError(f"{value!r} is an absolute path; give a path relative to "
                         "data/exports/ (exports must live under data/)")
    depth = 1  # data/exports/ is one level below data/
    for part in path.parts:
        depth += -1 if part == ".." else (0 if part == "." else 1)
        if depth < 0:
            raise ValueError(f"{value!r} leaves data/; exports must live under data/ so the "
                             "render cache and the data log cover them")
    if path.suffix.lower() not in suffixes:
        raise ValueError(f"{value!r} has suffix {path.suffix!r}; allowed: {', '.join(suffixes)}")
    return value


class WaveEntry(BaseModel):
    """One wave in the manifest."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int = Field(ge=2000, le=2100)
    export: str | None = Field(
        min_length=1, description="Path relative to data/exports/ (xlsx or csv), inside data/, "
        "e.g. ../reconstructed/forms-2025.xlsx; null while the wave awaits its export "
        "(``new-wave`` writes it so): the bundle then skips the wave.")
    questionnaire: int = Field(ge=2000, le=2100,
                               description="Year of the questionnaire file to read it with.")
    reconstructed: bool = Field(description="True for data rebuilt from published aggregates.")
    ranges: str | None = Field(
        None, description="For a reconstruction: file with the count ranges the figures allow."
    )
    sheet: str | None = Field(None, min_length=1,
                              description="Worksheet of an .xlsx export (default: the first).")
    publish_text: bool = Field(
        False, description="Print respondents' own words (typed «Annet» answers) in the book. "
        "Off unless the secretariat opts in; even then only answers that pass the "
        "personal-data screen are printed.")
    note: str | None = None

    @field_validator("export")
    @classmethod
    def _export_inside_data(cls, value: str | None) -> str | None:
        return None if value is None else _inside_data(value, EXPORT_SUFFIXES)

    @field_validator("ranges")
    @classmethod
    def _ranges_inside_data(cls, value: str | None) -> str | None:
        return None if value is None else _inside_data(value, (".yaml", ".yml"))


class Manifest(BaseModel):
    """The list of survey waves the report uses, newest last."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    waves: list[WaveEntry] = Field(min_length=1)

    @field_validator("waves")
    @classmethod
    def _one_entry_per_year(cls, waves: list[WaveEntry]) -> list[WaveEntry]:
        years = [w.year for w in waves]
        repeated = sorted({y for y in years if years.count(y) > 1})
        if repeated:
            raise ValueError(f"more than one entry for year(s) {repeated}")
        return waves


class AwaitingExport(UserWarning):
    """A manifest entry with ``export: null``: the wave is prepared but has no data yet."""


def awaiting_message(root: Path | None, year: int) -> str:
    """What the bundle says when it skips a wave that awaits its export."""
    return (f"{exports_dir(root) / 'MANIFEST.yaml'}: wave {year} awaits its export "
            "(export: null) and is left out; put the Forms export in data/exports/ and set "
            f"`export:` of the {year} entry to its file name")


def read_manifest(root: Path | None = None) -> Manifest:
    """Read and validate ``data/exports/MANIFEST.yaml``.

    Raises
    ------
    ManifestError
        Naming the file and the entry that is wrong.
    """
    path = exports_dir(root) / "MANIFEST.yaml"
    if not path.is_file():
        raise ManifestError(f"{path}: manifest not found (run `python -m analysis reconstruct`)")
    raw = read_yaml(path, ManifestError)
    return validate(Manifest, raw, path, ManifestError, "manifest schema")
