"""Freeze cache: skip executing a chapter whose inputs have not changed.

Policy (``execute: freeze: auto`` in ``_quarto.yml``, widened to everything a chapter reads): a
chapter is re-executed when what it executes changed (:func:`execution_signature`: its code
cells and inline expressions, not its prose), or anything every chapter reads --
any file under ``data/`` (exports must live there), ``analysis/`` (the engine included, since
the kernel bootstrap lives there) or ``assets/``, ``_quarto.yml``, ``requirements.lock``, the
installed version of a package that computes, draws or escapes (:data:`PACKAGES`) -- or the
engine's cache format. The executed notebook -- outputs, figures and inline values -- is stored in
``.cache/freeze/<chapter>.json`` under the project root (git-ignored).

A chapter whose prose alone changed is not executed: its stored notebook is joined with the new
prose (:func:`rebase`), which gives the notebook a kernel would have returned as far as the
book shows it -- markdown cells are never executed, and the line numbers of the inline
expressions (the inline values' ``line``, the inline cells' source) are the only trace of the
prose in what the kernel runs.
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

from analysis.engine.kernel import INLINE_MIME
from analysis.engine.notebook import document_to_notebook
from analysis.engine.qmd import CodeCell, QmdDocument

#: bump when the stored notebook layout changes, so old caches are ignored
CACHE_FORMAT = 3
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


#: Cell options that are prose (captions, alt text): read when the page is written, never by
#: the kernel, so editing them does not re-execute the chapter.
PROSE_OPTIONS = frozenset({"fig-cap", "fig-alt", "tbl-cap"})


def execution_signature(doc: QmdDocument) -> str:
    """What the kernel executes of a chapter, without its prose and line numbers.

    The notebook (:mod:`analysis.engine.notebook`) has one markdown cell per prose block, one
    inline-values cell per prose block with inline expressions and one cell per code cell;
    the signature lists that sequence with the expressions, the code and the cell options
    (captions and alt text excepted, :data:`PROSE_OPTIONS`). Two documents with the same
    signature execute the same code in the same order.

    Examples
    --------
    >>> from analysis.engine.qmd import parse_qmd
    >>> a = parse_qmd("Tekst `{python} x`.\\n\\n```{python}\\nx = 1\\n```\\n", "a.qmd")
    >>> b = parse_qmd("Ny tekst,\\nto linjer: `{python} x`.\\n\\n```{python}\\nx = 1\\n```\\n",
    ...               "a.qmd")
    >>> execution_signature(a) == execution_signature(b)
    True
    >>> c = parse_qmd("Tekst `{python} x + 1`.\\n\\n```{python}\\nx = 1\\n```\\n", "a.qmd")
    >>> execution_signature(a) == execution_signature(c)
    False
    """
    blocks = []
    for block in doc.blocks:
        if isinstance(block, CodeCell):
            options = {k: v for k, v in block.options.items() if k not in PROSE_OPTIONS}
            blocks.append(["code", block.source, options])
        else:
            blocks.append(["prose", [e.expression for e in block.inlines]])
    return json.dumps([doc.path, blocks], sort_keys=True, ensure_ascii=False, default=repr)


def chapter_key(signature: str, fingerprint: str) -> str:
    """Cache key of one chapter: its :func:`execution_signature` plus the tree fingerprint."""
    return hashlib.sha256((fingerprint + "\0" + signature).encode()).hexdigest()


def document_digest(doc: QmdDocument) -> str:
    """SHA-256 of the parsed source (prose, cells, lines): a stored notebook of the same
    digest needs no :func:`rebase`."""
    return hashlib.sha256(repr(doc).encode()).hexdigest()


def rebase(executed: NotebookNode, doc: QmdDocument) -> NotebookNode:
    """Join a stored executed notebook with ``doc``, a source of the same
    :func:`execution_signature` whose prose changed.

    The result is the notebook executing ``doc`` would give: ``doc``'s cells (markdown text,
    sources, metadata with the new lines) with the stored outputs and execution counts, and
    each inline value's ``line`` set to where its expression now stands.

    Raises
    ------
    ValueError
        If the two do not have the same cells (a different signature).
    """
    fresh = document_to_notebook(doc)
    if [c.cell_type for c in fresh.cells] != [c.cell_type for c in executed.cells]:
        raise ValueError(f"{doc.path}: the stored notebook has other cells than the source")
    lines = {i: [e.line for e in b.inlines] for i, b in enumerate(doc.blocks)
             if not isinstance(b, CodeCell)}
    joined = nbformat.from_dict(executed)
    joined.cells = []
    for old, new in zip(executed.cells, fresh.cells, strict=True):
        cell = nbformat.from_dict(old)
        cell.source, cell.metadata = new.source, new.metadata
        meta = new.metadata.get("qmd", {})
        if meta.get("kind") == "inline":
            for output in cell.get("outputs", []):
                values = output.get("data", {}).get(INLINE_MIME)
                for entry, line in zip(values or [], lines[meta["block"]], strict=False):
                    entry["line"] = line
        joined.cells.append(cell)
    return joined


class FreezeCache:
    """Executed notebooks keyed by chapter, under ``<root>/.cache/freeze/``."""

    def __init__(self, root: Path) -> None:
        self.directory = root / ".cache" / "freeze"

    def _file(self, chapter: str) -> Path:
        return self.directory / (chapter.replace("/", "__") + ".json")

    def load(self, chapter: str, key: str) -> NotebookNode | None:
        """Return the stored notebook if it was stored under ``key``, else ``None``."""
        found = self.entry(chapter, key)
        return found[0] if found is not None else None

    def entry(self, chapter: str, key: str) -> tuple[NotebookNode, str] | None:
        """The stored notebook and the :func:`document_digest` of the source it was stored
        for (``""`` if not given), if stored under ``key``; else ``None``."""
        path = self._file(chapter)
        if not path.is_file():
            return None
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None  # a torn or foreign file is a miss, not an error
        if entry.get("key") != key:
            return None
        return nbformat.from_dict(entry["notebook"]), str(entry.get("source", ""))

    def store(self, chapter: str, key: str, notebook: NotebookNode, source: str = "") -> None:
        """Store ``notebook`` under ``key``, for the source of digest ``source`` (written to a
        temporary file of its own, then renamed over the entry, so concurrent writers never
        tear each other's file)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        path = self._file(chapter)
        handle, name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp",
                                        dir=self.directory)
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as tmp:
                json.dump({"key": key, "source": source, "notebook": notebook}, tmp)
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
