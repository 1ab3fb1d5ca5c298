"""Load the ledger of published figures and the report's contradictions, validated."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel

from analysis.ledger.schema import Contradiction, ContradictionFile, LedgerFile
from analysis.paths import published_dir
from analysis.yaml_files import read_yaml, validate

CONTRADICTIONS_FILE = "contradictions.yaml"

COLUMNS = [
    "id", "source", "year", "question", "option", "kind", "value", "decimals",
    "section", "quote", "qualifier", "basis", "note",
]


class LedgerError(ValueError):
    """A ledger or contradictions file that is missing, not YAML, or breaks the schema."""


def _read_yaml(path: Path) -> Any:
    return read_yaml(path, LedgerError)


def _validate(model: type[BaseModel], raw: Any, path: Path, list_key: str) -> Any:
    """Validate ``raw``; on failure name the file and each entry by its id when it has one."""
    return validate(model, raw, path, LedgerError)


def _is_ledger(raw: Any) -> bool:
    # data/published/ also holds other given files (e.g. coded free text); a ledger file is
    # recognised by its `figures` list or its `source` mapping, so a broken one still fails.
    return isinstance(raw, dict) and ("figures" in raw or isinstance(raw.get("source"), dict))


def ledger_files(root: Path | None = None) -> list[Path]:
    """Return the ledger files in ``data/published/``.

    A ledger file is a ``*.yaml`` whose top level has a ``figures`` key or a ``source``
    mapping; ``contradictions.yaml`` and other files in the folder are not ledger files.

    Raises
    ------
    LedgerError
        If a ``*.yaml`` in the folder is not valid YAML.
    """
    folder = published_dir(root)
    return [
        p for p in sorted(folder.glob("*.yaml"))
        if p.name != CONTRADICTIONS_FILE and _is_ledger(_read_yaml(p))
    ]


def load_ledger(root: Path | None = None) -> pd.DataFrame:
    """Read and validate every ledger file into one frame of published figures.

    Parameters
    ----------
    root
        Project root; defaults to :func:`analysis.paths.project_root`.

    Returns
    -------
    pandas.DataFrame
        One row per published figure, key ``id`` (unique across files). Columns: ``id``,
        ``source`` (source id), ``year``, ``question`` (int or None), ``option`` (tuple of
        labels/scores, empty for none), ``kind``, ``value`` (float), ``decimals``,
        ``section``, ``quote``, ``qualifier`` (None, "over", "under", "about"), ``basis``,
        ``note``.

    Raises
    ------
    LedgerError
        If no ledger file exists, a file is not YAML or breaks the schema (the message names
        the file, the figure index and id, the field and the offending value), or an id
        occurs twice (naming both files).

    Examples
    --------
    >>> ledger = load_ledger()
    >>> ledger.set_index("id").loc["r25-sum-y2025-respondents-n", "value"]
    np.float64(186.0)
    """
    paths = ledger_files(root)
    if not paths:
        raise LedgerError(f"{published_dir(root)}: no ledger files (*.yaml) found")
    rows: list[dict[str, Any]] = []
    seen: dict[str, Path] = {}
    for path in paths:
        ledger = _validate(LedgerFile, _read_yaml(path), path, "figures")
        for fig in ledger.figures:
            if fig.id in seen:
                raise LedgerError(f"{path}: figure id {fig.id!r} already used in {seen[fig.id]}")
            seen[fig.id] = path
            row = fig.model_dump(mode="json")
            row["option"] = fig.options
            row["source"] = ledger.source.id
            rows.append(row)
    # object columns keep None (not NaN) for absent question, qualifier, basis and note
    frame = pd.DataFrame(rows, columns=COLUMNS, dtype=object)
    frame = frame.astype({"year": int, "decimals": int, "value": float})
    return frame


def load_sources(root: Path | None = None) -> dict[str, Path]:
    """Return ``{source id: document path relative to the root's parent}`` per ledger file."""
    out: dict[str, Path] = {}
    for path in ledger_files(root):
        ledger = _validate(LedgerFile, _read_yaml(path), path, "figures")
        out[ledger.source.id] = Path(ledger.source.document)
    return out


def load_contradictions(
    root: Path | None = None, check_figures: bool = True
) -> list[Contradiction]:
    """Read ``data/published/contradictions.yaml``.

    Parameters
    ----------
    root
        Project root; defaults to :func:`analysis.paths.project_root`.
    check_figures
        Also check that every figure id a contradiction names exists in the ledger.

    Returns
    -------
    list of Contradiction
        In file order.

    Raises
    ------
    LedgerError
        If the file is missing, breaks the schema, repeats an id, or names an unknown figure.
    """
    path = published_dir(root) / CONTRADICTIONS_FILE
    if not path.is_file():
        raise LedgerError(f"{path}: contradictions file not found")
    items = _validate(ContradictionFile, _read_yaml(path), path, "contradictions").contradictions
    ids = [c.id for c in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise LedgerError(f"{path}: duplicate contradiction ids {dupes}")
    if check_figures:
        known = set(load_ledger(root)["id"])
        for c in items:
            unknown = [f for f in c.figures if f not in known]
            if unknown:
                raise LedgerError(
                    f"{path}: contradiction {c.id!r} names figures not in the ledger: {unknown}"
                )
    return items
