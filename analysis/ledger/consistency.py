"""Whether the published figures can all hold together, as stored by ``reconstruct``.

The consistency half of the audit needs the integer-programming solver
(:mod:`analysis.reconstruct`), which ``python -m analysis reconstruct`` already runs over the
ledger. It stores what the audit needs in ``data/reconstructed/ledger-consistency.yaml``
(derived, committed): per solved figure the basis the solver read it on and, for a figure in
the smallest set that must be left out, the solver's arithmetic. The bundle reads that file, so
no render solves anything. The file records the hash of every input it was computed from (the
ledger files and the questionnaires solved); when one has changed since, reading it fails with
a message that says to run ``reconstruct`` again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from analysis.ledger.load import _ledger_raws
from analysis.paths import project_root, questionnaire_path, reconstructed_dir
from analysis.yaml_files import read_yaml

#: The stored file, under ``data/reconstructed/``.
FILE_NAME = "ledger-consistency.yaml"
#: Bump when the layout of the file changes: an older file then reads as stale.
FORMAT = 1


class ConsistencyError(ValueError):
    """The stored consistency record is missing its inputs, malformed, or stale."""


@dataclass(frozen=True)
class LedgerConsistency:
    """The solver's verdict on the published figures of the waves it solved.

    Attributes
    ----------
    years
        The waves whose figures were solved (those with a questionnaire).
    basis
        Figure id -> the basis the solver read the figure on (``n``, ``respondents``...).
    inconsistency
        Figure id -> the solver's arithmetic, for each figure in the smallest set that must be
        left out for the rest to hold (the figures that cannot all be true).
    """

    years: tuple[int, ...]
    basis: Mapping[str, str]
    inconsistency: Mapping[str, str]


def consistency_path(root: Path | None = None) -> Path:
    """``data/reconstructed/ledger-consistency.yaml`` of the project ``root``."""
    return reconstructed_dir(root) / FILE_NAME


def _inputs(root: Path, years: Iterable[int]) -> dict[str, str]:
    """Relative path -> SHA-256 of each file the solver reads: the ledger files and the
    questionnaires of ``years``."""
    paths = [p for p, _ in _ledger_raws(root)]
    paths += [questionnaire_path(year, root) for year in sorted(years)]
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in paths if p.is_file()}


def from_solutions(solutions: Mapping, years: Iterable[int]) -> LedgerConsistency:
    """The record of ``solutions`` (``(year, qid) -> Solution`` of the reconstruction solver:
    its ``basis``, ``dropped`` and ``explanations``), for the figures of ``years``."""
    years = tuple(sorted(set(years)))
    basis, inconsistency = {}, {}
    for (year, _), solution in sorted(solutions.items()):
        if year not in years:
            continue
        basis.update(solution.basis)
        for fid in solution.dropped:
            inconsistency[fid] = solution.explanations.get(fid, "")
    return LedgerConsistency(years, MappingProxyType(dict(sorted(basis.items()))),
                             MappingProxyType(dict(sorted(inconsistency.items()))))


def write_consistency(consistency: LedgerConsistency, root: Path | None = None) -> Path:
    """Write the record with the hashes of its inputs as they are now; return its path."""
    root = root or project_root()
    document = {
        "format": FORMAT,
        "written_by": "python -m analysis reconstruct (derived: do not edit)",
        "years": list(consistency.years),
        "inputs": _inputs(root, consistency.years),
        "basis": dict(consistency.basis),
        "inconsistency": dict(consistency.inconsistency),
    }
    path = consistency_path(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100),
                    encoding="utf-8")
    return path


def read_consistency(root: Path | None = None) -> LedgerConsistency | None:
    """Read the stored record; ``None`` when the project has none (nothing reconstructed).

    Raises
    ------
    ConsistencyError
        When the file is malformed, or an input it was computed from has changed, been added
        or removed since (naming the file and saying to run ``reconstruct``).
    """
    root = root or project_root()
    path = consistency_path(root)
    if not path.is_file():
        return None
    raw = read_yaml(path, ConsistencyError)
    rerun = "run `python -m analysis reconstruct` to compute it again"
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ConsistencyError(f"{path}: not a consistency record of format {FORMAT}; {rerun}")
    try:
        years = tuple(int(y) for y in raw["years"])
        stored = dict(raw["inputs"])
        basis = {str(k): str(v) for k, v in (raw["basis"] or {}).items()}
        inconsistency = {str(k): str(v) for k, v in (raw["inconsistency"] or {}).items()}
    except (KeyError, TypeError, ValueError) as exc:
        raise ConsistencyError(f"{path}: malformed ({exc}); {rerun}") from exc
    now = _inputs(root, years)
    changed = sorted(name for name in stored.keys() | now.keys()
                     if stored.get(name) != now.get(name))
    if changed:
        raise ConsistencyError(f"{path} is stale: {', '.join(changed)} changed since it was "
                               f"written; {rerun}")
    return LedgerConsistency(years, MappingProxyType(basis), MappingProxyType(inconsistency))
