"""Load once, validate once: every survey wave, its questionnaire and the ledger in one bundle.

``data/exports/MANIFEST.yaml`` says which export file belongs to which wave and whether it is a
real Microsoft Forms export or a reconstruction. Chapters call :func:`load_bundle` once in their
setup cell and pass the bundle to the ``analysis`` functions; no chapter reads files itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType

import pandas as pd
import yaml
from pydantic import BaseModel, ConfigDict, Field

from analysis.paths import exports_dir, project_root
from analysis.yaml_files import read_yaml, validate


class ManifestError(ValueError):
    """``data/exports/MANIFEST.yaml`` is missing, malformed or points at a missing file."""


class WaveEntry(BaseModel):
    """One wave in the manifest."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    year: int = Field(ge=2000, le=2100)
    export: str = Field(description="File name under data/exports/ (xlsx or csv).")
    questionnaire: int = Field(description="Year of the questionnaire file to read it with.")
    reconstructed: bool = Field(description="True for data rebuilt from published aggregates.")
    ranges: str | None = Field(
        None, description="For a reconstruction: file with the count ranges the figures allow."
    )
    note: str | None = None


class Manifest(BaseModel):
    """The list of survey waves the report uses, newest last."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    waves: list[WaveEntry] = Field(min_length=1)


@dataclass(frozen=True, eq=False)  # identity hash: bundles are cached per object
class Wave:
    """One survey wave: its questionnaire, its answers and where they came from.

    ``long`` and ``wide`` are the reader's frames (see :mod:`analysis.ingest`): ``long`` has one
    row per respondent x question x answer element (``respondent``, ``question``, ``option``,
    ``score``, ``text``); ``wide`` one row per respondent.
    """

    year: int
    questionnaire: object
    export: object
    path: Path
    reconstructed: bool
    #: For a reconstruction: qid -> option label or score -> whether published figures pin the
    #: count down. None for a real export, where every count is data.
    determined: Mapping | None = None
    #: Personal data removed from free text on load: kind (email, phone ...) -> count.
    screened: Mapping = field(default_factory=dict)

    def is_determined(self, qid: str, key) -> bool:
        """True when the count of an option (or score) is data, not an arbitrary fill."""
        if self.determined is None:
            return True
        return bool(self.determined.get(qid, {}).get(key, False))

    @property
    def long(self) -> pd.DataFrame:
        """Answers, one row per respondent x question x answer element."""
        return self.export.long

    @property
    def wide(self) -> pd.DataFrame:
        """Answers, one row per respondent."""
        return self.export.wide

    @property
    def respondents(self) -> int:
        """Number of responses (rows) in the export."""
        return self.export.respondents


@dataclass(frozen=True, eq=False)  # identity hash: bundles are cached per object
class SurveyBundle:
    """Everything the report needs, loaded and validated once.

    Attributes
    ----------
    waves
        Read-only mapping year -> :class:`Wave`, oldest first.
    ledger
        Published figures, one row per figure (see :func:`analysis.ledger.load_ledger`).
    contradictions
        Contradictions the published report contains (``analysis.ledger``).
    root
        The project root the bundle was loaded from.
    """

    waves: Mapping[int, Wave]
    ledger: pd.DataFrame
    contradictions: tuple = field(default_factory=tuple)
    root: Path | None = None

    @property
    def years(self) -> list[int]:
        """Wave years, oldest first."""
        return sorted(self.waves)

    @property
    def current(self) -> Wave:
        """The newest wave (the one the report is about)."""
        return self.waves[self.years[-1]]

    @property
    def previous(self) -> Wave | None:
        """The wave before the newest, if any."""
        return self.waves[self.years[-2]] if len(self.years) > 1 else None

    @property
    def any_reconstructed(self) -> bool:
        """True when any wave's data are a reconstruction (the book then says so on every page)."""
        return any(w.reconstructed for w in self.waves.values())


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


#: A reconstructed count is "determined" when the published figures leave it this little room:
#: two answers, or 5 % of those answering (a share known to about ±2.5 percentage points).
DETERMINED_WIDTH = (2, 0.05)


def _determined(path: Path) -> Mapping:
    """Read ``reconstruction-<year>.yaml`` into qid -> key -> determined?"""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = {}
    for qid, entry in raw["questions"].items():
        n = entry.get("n") or 0
        width = max(DETERMINED_WIDTH[0], DETERMINED_WIDTH[1] * n)
        flags = {
            key: (c["min"] is not None and c["max"] is not None and c["max"] - c["min"] <= width)
            for key, c in (entry.get("counts") or {}).items()
        }
        out[qid] = MappingProxyType(flags)
    return MappingProxyType(out)


def screen_export(export):
    """Redact or withhold personal data (names, national ids, phones, e-mail, URLs) in free text.

    E-mail and name *columns* are already dropped by the reader; this catches what respondents
    typed into free-text fields (:func:`analysis.freetext.screen` says how). Returns the
    screened export (a copy) and a count per kind of what was found -- never the values.
    """
    from analysis.freetext import screen, screen_frame

    long, removals = screen_frame(export.long)
    wide = export.wide.copy()
    # Only typed text can hold personal data: free-text answers and typed "Annet" answers.
    # Option labels and ratings come from the questionnaire and need no screening.
    typed = [c for c in wide.columns if str(c).endswith("_other") or c in _free_text_ids(export)]
    for column in typed:
        wide[column] = [screen(v).text if isinstance(v, str) else v for v in wide[column]]
    counts = removals["kind"].value_counts().to_dict() if len(removals) else {}
    return replace(export, long=long, wide=wide), {str(k): int(v) for k, v in counts.items()}


def _free_text_ids(export) -> set[str]:
    """Ids of free-text questions; every text column when no questionnaire is attached."""
    if export.questionnaire is None:
        return {c for c in export.wide.columns
                if not pd.api.types.is_numeric_dtype(export.wide[c])}
    from analysis.questionnaire import QuestionType

    return {q.id for q in export.questionnaire.questions if q.type is QuestionType.TEXT}


def load_bundle(root: Path | None = None) -> SurveyBundle:
    """Read every wave listed in the manifest, the questionnaires and the ledger.

    Parameters
    ----------
    root
        Project root; defaults to :func:`analysis.paths.project_root`.

    Returns
    -------
    SurveyBundle
        Immutable; pass it to the chapter functions.

    Raises
    ------
    ManifestError, analysis.ingest.ExportError, analysis.questionnaire.QuestionnaireError
        With the file, row and column of the problem.

    Examples
    --------
    >>> bundle = load_bundle()
    >>> bundle.current.year
    2025
    """
    # Imported here so that `import analysis.bundle` stays cheap and import-time free.
    from analysis.ingest import read_forms_export
    from analysis.ledger import load_contradictions, load_ledger
    from analysis.questionnaire import load_questionnaire

    root = root or project_root()
    manifest = read_manifest(root)
    waves: dict[int, Wave] = {}
    for entry in sorted(manifest.waves, key=lambda e: e.year):
        path = exports_dir(root) / entry.export
        if not path.is_file():
            raise ManifestError(
                f"{exports_dir(root) / 'MANIFEST.yaml'}: wave {entry.year} names "
                f"{entry.export!r}, which is not in {exports_dir(root)}"
            )
        questionnaire = load_questionnaire(entry.questionnaire, root)
        export, removed = screen_export(read_forms_export(path, questionnaire))
        determined = _determined(exports_dir(root) / entry.ranges) if entry.ranges else None
        waves[entry.year] = Wave(
            entry.year, questionnaire, export, path, entry.reconstructed, determined,
            MappingProxyType(removed),
        )
    return SurveyBundle(
        waves=MappingProxyType(waves),
        ledger=load_ledger(root),
        contradictions=tuple(load_contradictions(root)),
        root=root,
    )
