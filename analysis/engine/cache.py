"""Freeze cache: skip executing a chapter whose inputs have not changed.

Policy (mirrors ``execute: freeze: auto`` in ``_quarto.yml``): a chapter is re-executed when
its own source text, any file under ``data/``, any file under ``analysis/`` (the engine
included, since the kernel bootstrap lives there) or the engine's cache format changed since
the last render. The executed notebook -- outputs, figures and inline values -- is stored in
``.cache/freeze/<chapter>.json`` under the project root (git-ignored).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import nbformat
from nbformat import NotebookNode

#: bump when the stored notebook layout changes, so old caches are ignored
CACHE_FORMAT = 1
_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}


def tree_fingerprint(root: Path) -> str:
    """Hash the paths and contents of every file under ``data/`` and ``analysis/``.

    Parameters
    ----------
    root : Path
        Project root.

    Returns
    -------
    str
        Hex SHA-256; a missing folder contributes nothing.
    """
    digest = hashlib.sha256(f"format {CACHE_FORMAT}".encode())
    for folder in ("data", "analysis"):
        base = root / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and not _SKIP_DIRS.intersection(path.relative_to(root).parts):
                digest.update(str(path.relative_to(root)).encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def chapter_key(source_text: str, fingerprint: str) -> str:
    """Cache key of one chapter: its source text plus the shared tree fingerprint."""
    return hashlib.sha256((fingerprint + "\0" + source_text).encode()).hexdigest()


class FreezeCache:
    """Executed notebooks keyed by chapter, under ``<root>/.cache/freeze/``."""

    def __init__(self, root: Path) -> None:
        self.directory = root / ".cache" / "freeze"

    def _file(self, chapter: str) -> Path:
        return self.directory / (chapter.replace("/", "__") + ".json")

    def load(self, chapter: str, key: str) -> NotebookNode | None:
        """Return the stored notebook if it was stored under ``key``, else ``None``."""
        path = self._file(chapter)
        if not path.is_file():
            return None
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a torn or foreign file is a miss, not an error
        if entry.get("key") != key:
            return None
        return nbformat.from_dict(entry["notebook"])

    def store(self, chapter: str, key: str, notebook: NotebookNode) -> None:
        """Store ``notebook`` under ``key`` (written to a temporary file, then renamed)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self._file(chapter)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({"key": key, "notebook": notebook}), encoding="utf-8")
        tmp.replace(path)
