"""Freeze cache: skip executing a chapter whose inputs have not changed.

Policy (``execute: freeze: auto`` in ``_quarto.yml``, widened to everything a chapter reads): a
chapter is re-executed when its own source text changed, or anything every chapter reads --
any file under ``data/`` (exports must live there), ``analysis/`` (the engine included, since
the kernel bootstrap lives there) or ``assets/``, ``_quarto.yml``, ``requirements.lock``, the
installed version of a package that computes, draws or escapes (:data:`PACKAGES`) -- or the
engine's cache format. The executed notebook -- outputs, figures and inline values -- is stored in
``.cache/freeze/<chapter>.json`` under the project root (git-ignored).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from importlib import metadata
from pathlib import Path

import nbformat
from nbformat import NotebookNode

#: bump when the stored notebook layout changes, so old caches are ignored
CACHE_FORMAT = 2
_SKIP_DIRS = {"__pycache__", ".ipynb_checkpoints", ".pytest_cache"}
#: Folders and files whose contents every chapter depends on.
FOLDERS = ("data", "analysis", "assets")
FILES = ("_quarto.yml", "requirements.lock")
#: Packages whose version changes what a chapter prints (numbers, figures, escaping).
PACKAGES = ("pandas", "numpy", "scipy", "matplotlib", "seaborn", "statsmodels",
            "pypandoc-binary", "pandera", "pydantic", "PyYAML", "openpyxl",
            "python-calamine", "ipykernel")


def tree_fingerprint(root: Path) -> str:
    """Hash everything every chapter depends on (see the module docstring).

    Parameters
    ----------
    root : Path
        Project root.

    Returns
    -------
    str
        Hex SHA-256; a missing folder, file or package contributes nothing.
    """
    digest = hashlib.sha256(f"format {CACHE_FORMAT}".encode())
    for name in PACKAGES:
        try:
            digest.update(f"{name}=={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            continue
    for name in FILES:
        if (root / name).is_file():
            digest.update(name.encode() + b"\0" + (root / name).read_bytes())
    for folder in FOLDERS:
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
        """Store ``notebook`` under ``key`` (written to a temporary file of its own, then
        renamed over the entry, so concurrent writers never tear each other's file)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self._file(chapter)
        handle, name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp",
                                        dir=self.directory)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as tmp:
                json.dump({"key": key, "notebook": notebook}, tmp)
            os.replace(name, path)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise


def prepare_bundle(root: Path, fingerprint: str, loaded=None, reuse: bool = True) -> Path | None:
    """Store the validated survey bundle once for this render's kernels; return its file.

    Parameters
    ----------
    root : Path
        Project root.
    fingerprint : str
        :func:`tree_fingerprint` of the project: names the file, so any change to the data,
        the ``analysis`` source or a package version makes a new one (like the freeze cache).
    loaded : SurveyBundle, optional
        A bundle the render already loaded (its data validation); stored as it is.
    reuse : bool
        Take an existing file of the same fingerprint (``False`` for ``--no-cache``).

    Returns
    -------
    Path or None
        ``None`` when the project has no survey data or the bundle does not load here: the
        kernels then load it themselves (and fail with the loader's own located message).
    """
    from analysis import bundle_cache
    from analysis.engine.hooks import render_hooks
    from analysis.paths import exports_dir

    if not (exports_dir(root) / "MANIFEST.yaml").is_file():
        return None
    path = bundle_cache.path_for(root, fingerprint)
    hooks = render_hooks()
    if hooks.is_inputs(loaded):
        bundle = loaded
    elif reuse and path.is_file():
        return path
    else:
        try:
            bundle = hooks.load_inputs(root)
        except Exception:  # noqa: BLE001 - every kernel then reports the error where it occurs
            path.unlink(missing_ok=True)
            return None
    return bundle_cache.write(bundle, path)
