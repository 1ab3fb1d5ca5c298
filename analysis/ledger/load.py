"""Load the ledger of published figures and the report's contradictions, validated."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any

from analysis.ledger.figure import Figure, Ledger
from analysis.ledger.schema import Contradiction, ContradictionFile, LedgerFile
from analysis.paths import published_dir
from analysis.yaml_files import read_yaml, validate

CONTRADICTIONS_FILE = "contradictions.yaml"


class LedgerError(ValueError):
    """A ledger or contradictions file that is missing, not YAML, or breaks the schema."""


def _read_yaml(path: Path) -> Any:
    return read_yaml(path, LedgerError)


def _is_ledger(raw: Any) -> bool:
    # data/published/ also holds other given files (e.g. coded free text); a ledger file is
    # recognised by its `figures` list or its `source` mapping, so a broken one still fails.
    return isinstance(raw, dict) and ("figures" in raw or isinstance(raw.get("source"), dict))


def _ledger_raws(root: Path | None) -> list[tuple[Path, Any]]:
    """Each ledger file and its parsed (not yet validated) content, each file read once."""
    folder = published_dir(root)
    raws = [(p, _read_yaml(p)) for p in sorted(folder.glob("*.yaml"))
            if p.name != CONTRADICTIONS_FILE]
    return [(p, raw) for p, raw in raws if _is_ledger(raw)]


def load_ledger(root: Path | None = None) -> Ledger:
    """Read and validate every ledger file into the ledger of published figures.

    Parameters
    ----------
    root
        Project root; defaults to :func:`analysis.paths.project_root`.

    Returns
    -------
    Ledger
        Every :class:`~analysis.ledger.Figure` in file order (ids unique across files), and
        ``sources``: source id -> document path (relative to the root's parent).
        :meth:`Ledger.frame` gives a pandas view.

    Raises
    ------
    LedgerError
        If no ledger file exists, a file is not YAML or breaks the schema (the message names
        the file, the figure index and id, the field and the offending value), or an id
        occurs twice (naming both files).

    Examples
    --------
    >>> load_ledger().figure("r25-sum-y2025-respondents-n").value
    186.0
    """
    files = _ledger_raws(root)
    if not files:
        raise LedgerError(f"{published_dir(root)}: no ledger files (*.yaml) found")
    figures: list[Figure] = []
    sources: dict[str, str] = {}
    seen: dict[str, Path] = {}
    for path, raw in files:
        ledger = validate(LedgerFile, raw, path, LedgerError)
        sources[ledger.source.id] = ledger.source.document
        for entry in ledger.figures:
            if entry.id in seen:
                raise LedgerError(
                    f"{path}: figure id {entry.id!r} already used in {seen[entry.id]}")
            seen[entry.id] = path
            figures.append(Figure.from_entry(entry, ledger.source.id))
    return Ledger(tuple(figures), MappingProxyType(sources))


def load_sources(root: Path | None = None) -> dict[str, Path]:
    """Return ``{source id: document path relative to the root's parent}`` per ledger file."""
    return {sid: Path(doc) for sid, doc in load_ledger(root).sources.items()}


def load_contradictions(
    root: Path | None = None, ledger: Ledger | None = None
) -> list[Contradiction]:
    """Read ``data/published/contradictions.yaml``.

    Parameters
    ----------
    root
        Project root; defaults to :func:`analysis.paths.project_root`.
    ledger
        The ledger the contradictions refer to (read from ``root`` when not given); every
        figure id a contradiction names must be in it.

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
    items = validate(ContradictionFile, _read_yaml(path), path, LedgerError).contradictions
    ids = [c.id for c in items]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise LedgerError(f"{path}: duplicate contradiction ids {dupes}")
    known = {f.id for f in (ledger if ledger is not None else load_ledger(root))}
    for c in items:
        unknown = [f for f in c.figures if f not in known]
        if unknown:
            raise LedgerError(
                f"{path}: contradiction {c.id!r} names figures not in the ledger: {unknown}"
            )
    return items
