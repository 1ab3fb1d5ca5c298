"""Load once, validate once: every survey wave, its questionnaire and the ledger in one bundle.

``data/exports/MANIFEST.yaml`` (:mod:`analysis.manifest`) says which export file belongs to which
wave; a reconstruction's ranges file (:mod:`analysis.count_ranges`) says which of its counts are
data; typed answers are screened for personal data on load (:mod:`analysis.screening`).
Chapters call :func:`load_bundle` once in their setup cell and pass the bundle to the
``analysis`` functions; no chapter reads files itself.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import pandas as pd

from analysis.count_ranges import (
    determined_answering,
    determined_counts,
    determined_sums,
    read_ranges,
)
from analysis.manifest import AwaitingExport, ManifestError, awaiting_message, read_manifest
from analysis.paths import exports_dir, project_root
from analysis.screening import screen_export

if TYPE_CHECKING:
    from analysis.coding import WaveCoding
    from analysis.freetext import FreeText
    from analysis.ingest import SurveyExport
    from analysis.ledger import Contradiction, Ledger
    from analysis.ledger.consistency import LedgerConsistency
    from analysis.questionnaire import Questionnaire
    from analysis.survey_history import SurveyHistory


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
    consistency
        Whether the published figures can all hold, as ``python -m analysis reconstruct``
        stored it (:class:`analysis.ledger.consistency.LedgerConsistency`, read and checked
        against its inputs here; the bundle solves nothing); None when nothing was stored.
    """

    waves: Mapping[int, Wave]
    ledger: Ledger
    contradictions: tuple[Contradiction, ...] = field(default_factory=tuple)
    root: Path | None = None
    free_text: FreeText | None = None

    history: SurveyHistory | None = None
    coding: WaveCoding | None = None
    consistency: LedgerConsistency | None = None

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
    from analysis.ledger.consistency import read_consistency
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
        ranges = (read_ranges(Path(os.path.normpath(exports_dir(root) / entry.ranges)))
                  if entry.ranges else None)
        determined = determined_counts(ranges) if ranges else None
        determined_n = determined_answering(ranges) if ranges else None
        counts = {str(k): int(v) for k, v in removals["kind"].value_counts().items()}
        review = {str(q): frozenset(g["respondent"]) for q, g in removals.groupby("question")}
        waves[entry.year] = Wave(
            entry.year, questionnaire, export, path, entry.reconstructed, determined,
            MappingProxyType(counts), entry.publish_text, MappingProxyType(review),
            tuple(review_rows(removals)), determined_n=determined_n,
            sums_determined=determined_sums(ranges) if ranges else None,
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
        consistency=read_consistency(root),
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


