"""Execute every chapter of the book, or take it from the freeze cache."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import NotebookNode

from analysis.engine.cache import FreezeCache, chapter_key, tree_fingerprint
from analysis.engine.execute import execute_notebook
from analysis.engine.notebook import document_to_notebook
from analysis.engine.outputs import inline_text, inline_values
from analysis.engine.qmd import QmdDocument, read_qmd
from analysis.engine.timing import Phases


@dataclass(frozen=True)
class ExecutedChapter:
    """One chapter after execution: source, executed notebook, whether it came from cache."""

    doc: QmdDocument
    notebook: NotebookNode
    cached: bool
    seconds: float
    #: seconds per phase of this chapter (see :mod:`analysis.engine.timing`); empty if cached
    phases: dict = field(default_factory=dict)


def read_chapters(root: Path, sources: tuple[str, ...]) -> list[QmdDocument]:
    """Parse every chapter (fails fast, before any kernel starts, on unsupported syntax)."""
    return [read_qmd(root / source, source) for source in sources]


def default_jobs() -> int:
    """Kernels run side by side: ``NORCRIN_RENDER_JOBS``, else up to 2 (one per core)."""
    return max(1, int(os.environ.get("NORCRIN_RENDER_JOBS") or min(2, os.cpu_count() or 1)))


def execute_chapters(root: Path, docs: list[QmdDocument], use_cache: bool = True,
                     log: Callable[[str], None] = print,
                     jobs: int | None = None,
                     preflight: Callable[[], object] | None = None,
                     phases: Phases | None = None) -> list[ExecutedChapter]:
    """Execute the chapters, each in its own fresh kernel, reusing valid cache entries.

    Chapters are independent (a chapter never reads another's output), so up to ``jobs``
    kernels run at once; results and progress lines keep book order.

    Parameters
    ----------
    root : Path
        Project root (kernel cwd, cache location, fingerprinted folders).
    docs : list of QmdDocument
        Parsed chapters in book order.
    use_cache : bool
        ``False`` executes everything (and refreshes the cache).
    log : callable
        Receives one progress line per chapter, with the seconds it took.
    jobs : int, optional
        Kernels at once (default :func:`default_jobs`).
    preflight : callable, optional
        Called once before the first kernel starts, when any chapter must execute (the
        render command validates the data there, so a bad export is one located message
        rather than a traceback from every chapter's kernel).
    phases : Phases, optional
        Receives the render's own phases here (fingerprint, preflight, execution).

    Returns
    -------
    list of ExecutedChapter
        In the order of ``docs``.

    Raises
    ------
    RenderError
        From the first chapter, in book order, that fails.
    """
    phases = phases or Phases()
    cache = FreezeCache(root)
    with phases.time("fingerprint"):
        fingerprint = tree_fingerprint(root)
    keys = {doc.path: chapter_key((root / doc.path).read_text(encoding="utf-8"), fingerprint)
            for doc in docs}
    with phases.time("freeze cache read"):
        frozen = {doc.path: cache.load(doc.path, keys[doc.path]) if use_cache else None
                  for doc in docs}
    if preflight is not None and any(nb is None for nb in frozen.values()):
        with phases.time("preflight (data validation)"):
            preflight()

    def one(doc: QmdDocument) -> ExecutedChapter:
        start = time.perf_counter()
        key = keys[doc.path]
        notebook = frozen[doc.path]
        cached = notebook is not None
        own = Phases()
        if notebook is None:
            notebook = execute_notebook(document_to_notebook(doc), doc.path, root, phases=own)
            cache.store(doc.path, key, notebook)
        return ExecutedChapter(doc, notebook, cached, time.perf_counter() - start,
                               own.as_dict())

    done = []
    with phases.time("chapters (wall)"), \
            ThreadPoolExecutor(max_workers=jobs or default_jobs()) as pool:
        futures = [pool.submit(one, doc) for doc in docs]
        try:
            for number, future in enumerate(futures, start=1):
                chapter = future.result()
                state = "frozen (cache)" if chapter.cached else "executed"
                log(f"[{number}/{len(docs)}] {chapter.doc.path}: {state} "
                    f"in {chapter.seconds:.1f} s")
                done.append(chapter)
        except BaseException:
            for future in futures:
                future.cancel()  # chapters not yet started need not run
            raise
    return done


def trace(chapters: list[ExecutedChapter]) -> list[dict]:
    """Every inline expression with its value, in chapter order then line.

    Returns
    -------
    list of dict
        ``{"chapter", "line", "expression", "value"}`` per inline expression.
    """
    rows = []
    for chapter in chapters:
        values = inline_values(chapter.doc, chapter.notebook)
        for block in sorted(values):
            for entry in values[block]:
                rows.append({"chapter": chapter.doc.path, "line": entry["line"],
                             "expression": entry["expression"], "value": inline_text(entry)})
    order = {c.doc.path: i for i, c in enumerate(chapters)}
    return sorted(rows, key=lambda r: (order[r["chapter"]], r["line"]))
