"""Execute every chapter of the book, or take it from the freeze cache."""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from nbformat import NotebookNode

from analysis.engine.cache import (
    FreezeCache,
    chapter_key,
    document_digest,
    execution_signature,
    prepare_bundle,
    rebase,
    tree_fingerprint,
)
from analysis.engine.chapter_kernel import ChapterKernel, kernel_env, kernel_interpreter
from analysis.engine.errors import RenderError
from analysis.engine.fork_server import ForkServer, ForkServerError
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


#: Run in every chapter's kernel before the chapter, leaving no name, output or execution
#: count behind: the libraries and the report layer are imported, then the bundle is loaded.
WARM_IMPORTS = "import analysis.engine.kernel as _k\n_k.preload()\ndel _k"
WARM_BUNDLE = "import analysis.engine.kernel as _k\n_k.load_bundle()\ndel _k"


def prepared_kernel(root: Path, bundle: Path | None, phases: Phases, chapter: str = "",
                    ready: Callable[[], bool] | None = None) -> ChapterKernel:
    """A fresh kernel process for one chapter (no fork server), started with the heavy imports
    done and, when the render stored one, the bundle loaded (from ``bundle``, see
    :mod:`analysis.bundle_cache`).

    ``ready`` (if given) is called after the imports and blocks until the render knows whether
    ``bundle`` was stored (``True``: load it now); the kernel starts meanwhile. The chapter
    then runs from a clean namespace as under Quarto: the preparation is silent (no history,
    no execution count) and deletes the names it used.
    """
    from analysis import bundle_cache

    kernel = ChapterKernel(root, phases, env={bundle_cache.ENV: str(bundle) if bundle else None})
    try:
        kernel.run_silent(WARM_IMPORTS, "imports", chapter)
        if ready is not None:
            with phases.time("waiting for the bundle"):
                stored = ready()
        else:
            stored = bundle is not None and bundle.is_file()
        if stored:
            kernel.run_silent(WARM_BUNDLE, "bundle load", chapter)
    except BaseException:
        kernel.close()
        raise
    return kernel


def fork_kernels() -> bool:
    """Whether chapter kernels are forked from a :class:`ForkServer`: on Linux, unless
    ``NORCRIN_FORK_KERNELS=0`` (then each kernel is a new process that imports for itself).

    Elsewhere a fork after importing numpy and matplotlib is not known to be safe (macOS's
    system libraries are not fork-safe), so the engine starts kernels as Quarto does.
    """
    return (sys.platform.startswith("linux") and hasattr(os, "fork")
            and os.environ.get("NORCRIN_FORK_KERNELS", "1") != "0")


def _prepare_server(server: ForkServer, bundle_stored: bool, phases: Phases) -> None:
    """Wait for the server's imports, then have it load the stored bundle.

    Raises
    ------
    RenderError
        If the server could not import the libraries or load the bundle.
    """
    try:
        with phases.time("fork server: waiting for its imports"):
            server.wait_ready()
        if bundle_stored:
            server.load_bundle()
    except ForkServerError as exc:
        raise RenderError(f"preparing the chapters' kernels failed: {exc}") from None
    phases.add("fork server: imports (in the server)", server.import_seconds or 0.0)
    phases.add("fork server: bundle load", server.bundle_seconds)


def read_chapters(root: Path, sources: tuple[str, ...]) -> list[QmdDocument]:
    """Parse every chapter (fails fast, before any kernel starts, on unsupported syntax)."""
    return [read_qmd(root / source, source) for source in sources]


def default_jobs() -> int:
    """Chapters executing at once: ``NORCRIN_RENDER_JOBS``, else one per usable core."""
    try:
        cores = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # not on Linux
        cores = os.cpu_count() or 1
    return max(1, int(os.environ.get("NORCRIN_RENDER_JOBS") or cores))


def execute_chapters(root: Path, docs: list[QmdDocument], use_cache: bool = True,
                     log: Callable[[str], None] = print,
                     jobs: int | None = None,
                     preflight: Callable[[], object] | None = None,
                     phases: Phases | None = None,
                     fingerprint: str | None = None,
                     ) -> list[ExecutedChapter]:
    """Execute the chapters, each in its own fresh kernel, reusing valid cache entries.

    On Linux the kernels are forked from one :class:`ForkServer` started here, which imports
    the libraries while ``preflight`` runs and loads the stored bundle once
    (:func:`fork_kernels`); elsewhere each is a new process that imports for itself
    (:func:`prepared_kernel`).

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
        Called once when any chapter must execute, before any chapter runs (the render
        command validates the data there, so a bad export is one located message rather
        than a traceback from every chapter's kernel); the kernels start and import
        meanwhile. A bundle it returns is handed to the kernels.
    phases : Phases, optional
        Receives the render's own phases here (fingerprint, preflight, execution).
    fingerprint : str, optional
        :func:`~analysis.engine.cache.tree_fingerprint` of ``root`` if already computed.

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
    if fingerprint is None:
        with phases.time("fingerprint"):
            fingerprint = tree_fingerprint(root)
    # Keyed by what the kernel executes, not the prose: a chapter whose prose alone changed
    # is joined with its stored outputs instead of executing (analysis/engine/cache.py).
    keys = {doc.path: chapter_key(execution_signature(doc), fingerprint) for doc in docs}
    with phases.time("freeze cache read"):
        frozen = {doc.path: _frozen(cache, doc, keys[doc.path]) if use_cache else None
                  for doc in docs}
    must_run = any(nb is None for nb in frozen.values())

    # The bundle's file is named by the fingerprint, so the kernels can start (and import)
    # while the data check below runs; they load the bundle once it is stored.
    from analysis import bundle_cache

    bundle = bundle_cache.path_for(root, fingerprint) if must_run else None
    stored: Future = Future()
    # With a fork server the libraries are imported once, in the server, while the data
    # check runs; it then loads the bundle once and forks each chapter's kernel.
    env = {bundle_cache.ENV: str(bundle) if bundle else None}
    interpreter = kernel_interpreter() if must_run and fork_kernels() else None
    server = ForkServer(root, kernel_env(root, env), interpreter) if interpreter else None
    warmed: Future = Future()
    jobs = jobs or default_jobs()
    running = threading.Semaphore(jobs)
    failed = threading.Event()

    def one(doc: QmdDocument) -> ExecutedChapter:
        start = time.perf_counter()
        notebook = frozen[doc.path]
        if notebook is not None:
            return ExecutedChapter(doc, notebook, True, time.perf_counter() - start)
        if failed.is_set():
            raise _SkippedError
        own = Phases()
        kernel = None
        try:
            if server is not None:
                with own.time("waiting for the bundle"):
                    warmed.result()
                kernel = ChapterKernel(root, own, env=env, server=server).start()
            else:
                kernel = prepared_kernel(root, bundle, own, doc.path, stored.result)
            # At most `jobs` chapters run at once; the worker beyond them readies the next
            # chapter's kernel meanwhile.
            with own.time("waiting for a core"):
                running.acquire()
            try:
                if failed.is_set():
                    raise _SkippedError
                notebook = kernel.execute(document_to_notebook(doc), doc.path)
            finally:
                running.release()
        except _SkippedError:
            raise
        except BaseException:
            failed.set()
            raise
        finally:
            if kernel is not None:
                kernel.close()
        cache.store(doc.path, keys[doc.path], notebook, document_digest(doc))
        return ExecutedChapter(doc, notebook, False, time.perf_counter() - start,
                               own.as_dict())

    done = []
    with phases.time("chapters (wall)"), ThreadPoolExecutor(max_workers=jobs + 1) as pool:
        # Longest chapters first (by their last execution), so no long one starts last and
        # leaves the other cores idle; results are still collected in book order.
        last = _last_seconds(root)
        order = sorted(docs, key=lambda d: -last.get(d.path, 0.0))
        submitted = {doc.path: pool.submit(one, doc) for doc in order}
        futures = [submitted[doc.path] for doc in docs]
        try:
            if must_run:
                loaded = None
                if preflight is not None:
                    with phases.time("preflight (data validation)"):
                        loaded = preflight()
                with phases.time("bundle stored for the kernels"):
                    stored.set_result(prepare_bundle(root, fingerprint, loaded,
                                                      reuse=use_cache) is not None)
                if server is not None:
                    _prepare_server(server, stored.result(), phases)
                    warmed.set_result(True)
            for number, future in enumerate(futures, start=1):
                try:
                    chapter = future.result()
                except _SkippedError:
                    continue  # another chapter failed; its error is raised in book order
                state = "frozen (cache)" if chapter.cached else "executed"
                log(f"[{number}/{len(docs)}] {chapter.doc.path}: {state} "
                    f"in {chapter.seconds:.1f} s")
                done.append(chapter)
        except BaseException:
            failed.set()
            for pending in (stored, warmed):
                if not pending.done():
                    pending.set_exception(_SkippedError())  # kernels waiting for it give up
            for future in futures:
                future.cancel()  # chapters not yet started need not run
            raise
        finally:
            if server is not None:
                server.close()
    _remember_seconds(root, {c.doc.path: c.seconds for c in done if not c.cached})
    return done


def _frozen(cache: FreezeCache, doc: QmdDocument, key: str) -> NotebookNode | None:
    """The stored notebook of ``doc`` joined with its current prose, or ``None``.

    A notebook stored for this very source is returned as it is; one stored before a prose
    edit is joined with the new prose (:func:`~analysis.engine.cache.rebase`, which builds
    the notebook's cells again) and stored again, so the next render need not.
    """
    found = cache.entry(doc.path, key)
    if found is None:
        return None
    stored, digest = found
    if digest == document_digest(doc):
        return stored
    try:
        joined = rebase(stored, doc)
    except ValueError:
        return None  # a stored notebook of another layout is a miss, not an error
    cache.store(doc.path, key, joined, document_digest(doc))
    return joined


def _seconds_file(root: Path) -> Path:
    return root / ".cache" / "chapter-seconds.json"


def _last_seconds(root: Path) -> dict[str, float]:
    """How long each chapter took when it last executed (empty if unknown)."""
    try:
        data = json.loads(_seconds_file(root).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {k: float(v) for k, v in data.items() if isinstance(v, (int, float))} \
        if isinstance(data, dict) else {}


def _remember_seconds(root: Path, seconds: dict[str, float]) -> None:
    if not seconds:
        return
    merged = {**_last_seconds(root), **{k: round(v, 2) for k, v in seconds.items()}}
    path = _seconds_file(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(merged, indent=1, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


class _SkippedError(Exception):
    """A chapter not run because another one failed."""


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
