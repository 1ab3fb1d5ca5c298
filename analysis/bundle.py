"""Load once, validate once: every survey wave, its questionnaire and the ledger in one bundle.

``data/exports/MANIFEST.yaml`` says which export file belongs to which wave and whether it is a
real Microsoft Forms export or a reconstruction. Chapters call :func:`load_bundle` once in their
setup cell and pass the bundle to the ``analysis`` functions; no chapter reads files itself.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator

from analysis.paths import exports_dir, project_root
from analysis.yaml_files import read_yaml, validate

if TYPE_CHECKING:
    from analysis.coding import WaveCoding
    from analysis.freetext import FreeText
    from analysis.ingest import SurveyExport
    from analysis.ledger import Contradiction, Ledger
    from analysis.questionnaire import Questionnaire
    from analysis.survey_history import SurveyHistory


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


class CountRange(BaseModel):
    """The reconstruction's count of one option and the range the published figures allow."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    count: int = Field(ge=0)
    min: int | None = Field(None, ge=0)
    max: int | None = Field(None, ge=0)


class GroupRange(BaseModel):
    """The lowest and highest *summed* count of a group of options the figures allow."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    options: list[str | int] = Field(min_length=2)
    min: int | None = Field(None, ge=0)
    max: int | None = Field(None, ge=0)


class QuestionRanges(BaseModel):
    """One question of ``reconstruction-<year>.yaml``."""

    model_config = ConfigDict(extra="allow", frozen=True)

    n: int | None = Field(None, ge=0)
    #: "ok", "repaired" (published figures set aside), "no figures", ...
    status: str = "ok"
    n_min: int | None = Field(None, ge=0)
    n_max: int | None = Field(None, ge=0)
    counts: dict[str | int, CountRange] | None = None
    #: Sums of options the chapters print (``groups`` in ``data/reconstruction.yaml``).
    groups: list[GroupRange] = Field(default_factory=list)


class RangesFile(BaseModel):
    """``reconstruction-<year>.yaml``: per question, the solved counts and their ranges."""

    model_config = ConfigDict(extra="allow", frozen=True)

    year: int = Field(ge=2000, le=2100)
    questions: dict[str, QuestionRanges]


@dataclass(frozen=True, eq=False)  # identity hash: bundles are cached per object
class Wave:
    """One survey wave: its questionnaire, its answers and where they came from.

    ``long`` and ``wide`` are the reader's frames (see :mod:`analysis.ingest`): ``long`` has one
    row per respondent x question x answer element (``respondent``, ``question``, ``option``,
    ``score``, ``text``); ``wide`` one row per respondent.
    """

    year: int
    questionnaire: Questionnaire
    export: SurveyExport
    path: Path
    reconstructed: bool
    #: For a reconstruction: qid -> option label or score -> whether published figures pin the
    #: count down. None for a real export, where every count is data.
    determined: Mapping | None = None
    #: Personal data removed from free text on load: kind (email, phone ...) -> count.
    screened: Mapping = field(default_factory=dict)
    #: Whether respondents' own words may be printed (the manifest's ``publish_text``).
    publish_text: bool = False
    #: qid -> respondents whose typed text the screen redacted or withheld.
    review: Mapping = field(default_factory=dict)
    #: One row per screened answer (respondent, question, action, kinds; never a value), for
    #: the review record kept outside the book (:func:`write_review`).
    review_rows: tuple = ()
    #: For a reconstruction: qid -> frozenset of options -> whether the published figures pin
    #: the *summed* count down (the groups of the ranges file). None for a real export.
    sums_determined: Mapping | None = None
    #: For a reconstruction: qid -> whether the published figures pin down how many answered.
    determined_n: Mapping | None = None

    def is_determined(self, qid: str, key) -> bool:
        """True when the count of an option (or score) is data, not an arbitrary fill."""
        if self.determined is None:
            return True
        return bool(self.determined.get(qid, {}).get(key, False))

    def is_sum_determined(self, qid: str, keys) -> bool:
        """True when the summed count of the options ``keys`` is data.

        It is when every part is, or when the ranges file bounds the sum narrowly (the report
        often printed only the sum, "57 % i stor eller noen grad").

        Raises
        ------
        ManifestError
            For a group of two or more options the ranges file has no range for: it must be
            listed under ``groups`` in ``data/reconstruction.yaml`` (then reconstruct again).
        """
        keys = list(keys)
        if self.determined is None or all(self.is_determined(qid, k) for k in keys):
            return True
        if len(keys) == 1:
            return False
        flags = (self.sums_determined or {}).get(qid, {})
        group = frozenset(keys)
        if group not in flags:
            raise ManifestError(
                f"wave {self.year}, {qid}: the ranges file has no range for the sum of "
                f"{keys}; list the group under `groups: {{{qid}: ...}}` of wave {self.year} "
                "in data/reconstruction.yaml and run `python -m analysis reconstruct`")
        return flags[group]
    def is_n_determined(self, qid: str) -> bool:
        """True when the number who answered ``qid`` is data (the published figures allow one
        value only), not the reconstruction's choice within a range."""
        if self.determined_n is None:
            return True
        return bool(self.determined_n.get(qid, False))

    def held_back(self, qid: str) -> frozenset:
        """Respondents whose typed answer to ``qid`` the personal-data screen redacted or
        withheld: their words are not quoted in the book."""
        return frozenset(self.review.get(qid, ()))

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
        Published figures (an :class:`analysis.ledger.Ledger`; ``ledger.frame()`` is a
        pandas view).
    contradictions
        Contradictions the published report contains (``analysis.ledger``).
    root
        The project root the bundle was loaded from.
    free_text
        The report's coding of the current wave's free text
        (:func:`analysis.freetext.load_free_text`), None when the wave has no such file.
    history
        Every wave run, with or without data (``data/survey-waves.yaml``, see
        :mod:`analysis.survey_history`); None when the bundle was built without it.
    coding
        The current wave's free-text coding, codebook and decisions
        (:func:`analysis.coding.load_coding`, decisions checked against the export), None
        when the wave has no ``data/coding/<year>/codebook.yaml``.
    """

    waves: Mapping[int, Wave]
    ledger: Ledger
    contradictions: tuple[Contradiction, ...] = field(default_factory=tuple)
    root: Path | None = None
    free_text: FreeText | None = None

    def audit(self) -> pd.DataFrame:
        """The audit of the published figures against these data, a fresh copy each call
        (:func:`analysis.audit.audit_figures`; computed once per bundle, on first use)."""
        return self._audit.copy()

    def precompute(self) -> None:
        """Compute, once, what chapters derive from the bundle at a cost (the audit solves
        integer programs); it is kept on the bundle and pickled with it, so kernels that
        read the stored bundle (:mod:`analysis.bundle_cache`) do not each redo it."""
        _ = self._audit

    @cached_property
    def _audit(self) -> pd.DataFrame:
        # Per bundle, not per module: a new bundle (new data) always gets its own audit.
        from analysis.audit import audit_figures

        return audit_figures(self)
    history: SurveyHistory | None = None
    coding: WaveCoding | None = None

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
    def series_years(self) -> list[int]:
        """Years on the book's time axis: every wave run (the history) and every wave with
        data (the manifest), oldest first."""
        run = self.history.years if self.history is not None else []
        return sorted(set(run) | set(self.waves))

    def wave_facts(self, year: int):
        """How the wave of ``year`` was run (:class:`analysis.survey_history.PastWave`).

        Raises
        ------
        KeyError
            When ``data/survey-waves.yaml`` has no entry for that year.
        """
        if self.history is None:
            raise KeyError(f"no survey history in this bundle (asked for {year})")
        return self.history.wave(year)

    @property
    def any_reconstructed(self) -> bool:
        """True when any wave's data are a reconstruction (the book then says so on every page)."""
        return any(w.reconstructed for w in self.waves.values())


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


#: A reconstructed count is "determined" when the published figures leave it this little room:
#: two answers, or 5 % of those answering (a share known to about ±2.5 percentage points).
DETERMINED_WIDTH = (2, 0.05)


def _read_ranges(path: Path) -> RangesFile:
    """Read and validate ``reconstruction-<year>.yaml``.

    Raises
    ------
    ManifestError
        If the file is missing, not YAML, or not a ranges file (naming the entry).
    """
    raw = read_yaml(path, ManifestError, "ranges file named in the manifest")
    return validate(RangesFile, raw, path, ManifestError, "reconstruction ranges schema")


def _narrow(low: int | None, high: int | None, n: int | None) -> bool:
    """The range is at most :data:`DETERMINED_WIDTH` wide."""
    width = max(DETERMINED_WIDTH[0], DETERMINED_WIDTH[1] * (n or 0))
    return low is not None and high is not None and high - low <= width


def _determined(ranges: RangesFile) -> Mapping:
    """``reconstruction-<year>.yaml`` (a path, or the file read by :func:`_read_ranges`) as
    qid -> key -> determined?"""
    return MappingProxyType({
        qid: MappingProxyType({key: _narrow(c.min, c.max, entry.n)
                               for key, c in (entry.counts or {}).items()})
        for qid, entry in ranges.questions.items()
    })


def _sums_determined(ranges: RangesFile) -> Mapping:
    """``reconstruction-<year>.yaml`` as qid -> frozenset of options -> sum determined?"""
    return MappingProxyType({
        qid: MappingProxyType({frozenset(g.options): _narrow(g.min, g.max, entry.n)
                               for g in entry.groups})
        for qid, entry in ranges.questions.items() if entry.groups
    })


def _determined_n(ranges: RangesFile) -> Mapping:
    """qid -> whether ``reconstruction-<year>.yaml`` gives a single possible ``n`` (``n_min ==
    n_max``) without setting a published figure aside (``status: ok``); a question without
    both bounds, or repaired, counts as not pinned down."""
    return MappingProxyType({
        qid: e.status == "ok" and e.n_min is not None and e.n_min == e.n_max
        for qid, e in ranges.questions.items()})


def screen_export(export):
    """Redact or withhold personal data (names, national ids, phones, e-mail, URLs) in free text.

    E-mail and name *columns* are already dropped by the reader; this catches what respondents
    typed into free-text fields (:func:`analysis.freetext.screen` says how). Returns the
    screened export (a copy) and the findings (``respondent``, ``question``, ``kind``,
    ``action`` per item found) -- never the values.
    """
    from analysis.freetext import screen, screen_frame

    long, removals = screen_frame(export.long)
    wide = export.wide.copy()
    # Only typed text can hold personal data: free-text answers and typed "Annet" answers.
    # Option labels and ratings come from the questionnaire and need no screening.
    typed = [c for c in wide.columns if str(c).endswith("_other") or c in _free_text_ids(export)]
    for column in typed:
        wide[column] = [screen(v).text if isinstance(v, str) else v for v in wide[column]]
    return replace(export, long=long, wide=wide), removals


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
    >>> bundle.current.year == bundle.years[-1] == max(bundle.series_years)
    True
    """
    # Imported here so that `import analysis.bundle` stays cheap and import-time free.
    from analysis.freetext import free_text_path, load_free_text, review_rows
    from analysis.ingest import read_export
    from analysis.ledger import load_contradictions, load_ledger
    from analysis.questionnaire import load_questionnaire
    from analysis.survey_history import read_history

    root = root or project_root()
    manifest = read_manifest(root)
    history = read_history(root)
    waves: dict[int, Wave] = {}
    for entry in sorted(manifest.waves, key=lambda e: e.year):
        if entry.export is None:
            warnings.warn(awaiting_message(root, entry.year), AwaitingExport, stacklevel=2)
            continue
        # normpath: data/exports/../reconstructed/x.xlsx reads as data/reconstructed/x.xlsx
        path = Path(os.path.normpath(exports_dir(root) / entry.export))
        if not path.is_file():
            raise ManifestError(
                f"{exports_dir(root) / 'MANIFEST.yaml'}: wave {entry.year} names "
                f"{entry.export!r}, but there is no file {path}"
            )
        questionnaire = load_questionnaire(entry.questionnaire, root)
        export, removals = screen_export(read_export(path, questionnaire, sheet=entry.sheet,
                                                     period=field_period(history, entry.year)))
        ranges = (_read_ranges(Path(os.path.normpath(exports_dir(root) / entry.ranges)))
                  if entry.ranges else None)
        determined = _determined(ranges) if ranges else None
        determined_n = _determined_n(ranges) if ranges else None
        counts = {str(k): int(v) for k, v in removals["kind"].value_counts().items()}
        review = {str(q): frozenset(g["respondent"]) for q, g in removals.groupby("question")}
        waves[entry.year] = Wave(
            entry.year, questionnaire, export, path, entry.reconstructed, determined,
            MappingProxyType(counts), entry.publish_text, MappingProxyType(review),
            tuple(review_rows(removals)), determined_n=determined_n,
            sums_determined=_sums_determined(ranges) if ranges else None,
        )
    ledger = load_ledger(root)
    current = max(waves)
    coded = (load_free_text(root, year=current) if free_text_path(current, root).is_file()
             else None)
    coding = _coding(root, waves[current])
    return SurveyBundle(
        waves=MappingProxyType(waves),
        ledger=ledger,
        contradictions=tuple(load_contradictions(root, ledger)),
        root=root,
        free_text=coded,
        history=history,
        coding=coding,
    )


def _coding(root: Path, wave: Wave):
    """The coding of ``wave`` with its decisions checked against the (screened) export."""
    from analysis.coding import answers_frame, check_decisions, load_coding

    coding = load_coding(root, year=wave.year)
    if coding is not None:
        answers = answers_frame(wave.export.wide, coding.codebook.questions)
        checked = check_decisions(coding.decisions, answers, str(coding.folder / "decisions.csv"))
        coding = replace(coding, decisions=checked)
    return coding


def field_period(history, year: int):
    """``(open_from, open_to)`` of ``year`` in ``data/survey-waves.yaml``; None when the file
    has no entry for it or does not give both days (then the export's times are not checked)."""
    try:
        wave = history.wave(year)
    except KeyError:
        return None
    if wave.open_from is None or wave.open_to is None:
        return None
    return (wave.open_from, wave.open_to)


#: Folder of the screening review record: outside the published book, git-ignored.
REVIEW_DIR = "_review"


def write_review(bundle: SurveyBundle) -> list[Path]:
    """Write ``_review/screened-<year>.csv`` per wave: which typed answers the personal-data
    screen withheld or redacted and why (respondent, question, action, kinds; no values).

    Never part of ``_book/``; the render writes it so the secretariat can check the screen.
    """
    import csv

    from analysis.freetext import REVIEW_COLUMNS

    folder = (bundle.root or project_root()) / REVIEW_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for year, wave in bundle.waves.items():
        path = folder / f"screened-{year}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(REVIEW_COLUMNS)
            writer.writerows(wave.review_rows)
        written.append(path)
    return written
