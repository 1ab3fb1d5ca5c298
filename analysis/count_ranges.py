"""``reconstruction-<year>.yaml``: the count ranges the published figures allow a reconstruction.

``python -m analysis reconstruct`` writes one per reconstructed wave; the bundle reads it to
know which counts, sums of options and numbers answering are data (the published figures pin
them down) and which are the reconstruction's arbitrary fill.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType

from pydantic import BaseModel, ConfigDict, Field

from analysis.manifest import ManifestError
from analysis.yaml_files import read_yaml, validate


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


#: A reconstructed count is "determined" when the published figures leave it this little room:
#: two answers, or 5 % of those answering (a share known to about ±2.5 percentage points).
DETERMINED_WIDTH = (2, 0.05)


def read_ranges(path: Path) -> RangesFile:
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


def determined_counts(ranges: RangesFile) -> Mapping:
    """``reconstruction-<year>.yaml`` (a path, or the file read by :func:`read_ranges`) as
    qid -> key -> determined?"""
    return MappingProxyType({
        qid: MappingProxyType({key: _narrow(c.min, c.max, entry.n)
                               for key, c in (entry.counts or {}).items()})
        for qid, entry in ranges.questions.items()
    })


def determined_sums(ranges: RangesFile) -> Mapping:
    """``reconstruction-<year>.yaml`` as qid -> frozenset of options -> sum determined?"""
    return MappingProxyType({
        qid: MappingProxyType({frozenset(g.options): _narrow(g.min, g.max, entry.n)
                               for g in entry.groups})
        for qid, entry in ranges.questions.items() if entry.groups
    })


def determined_answering(ranges: RangesFile) -> Mapping:
    """qid -> whether ``reconstruction-<year>.yaml`` gives a single possible ``n`` (``n_min ==
    n_max``) without setting a published figure aside (``status: ok``); a question without
    both bounds, or repaired, counts as not pinned down."""
    return MappingProxyType({
        qid: e.status == "ok" and e.n_min is not None and e.n_min == e.n_max
        for qid, e in ranges.questions.items()})
