"""Benchmark both render engines on the real book, in temporary project copies.

Prints, from one run: cold full render (HTML + PDF, cache cleared) and cached re-render for the
built-in engine and -- when a Quarto >= 1.9 is on PATH -- for real Quarto, with the ratio; the
time ``jupyter nbconvert --to notebook --execute`` needs for the same chapter notebooks, and
the engine's execution overhead relative to it. Targets are printed, not asserted. Never
touches the project's own ``_book/``.

Run: ``.venv/bin/python bench/render_bench.py``
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from analysis.engine.book import load_book
from analysis.engine.execution import execute_chapters, read_chapters
from analysis.engine.notebook import write_notebook
from analysis.engine.project import copy_project
from analysis.engine.quarto import QuartoError, find_quarto, render_with_quarto
from analysis.engine.render import render_book
from analysis.paths import project_root


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def main() -> int:
    source = project_root()
    jupyter = Path(sys.executable).with_name("jupyter")
    with tempfile.TemporaryDirectory(prefix="render-bench-") as scratch:
        (Path(scratch) / "project").mkdir()
        root = copy_project(source, Path(scratch) / "project")
        quiet = lambda line: None  # noqa: E731
        cold = timed(lambda: render_book(root, ("html", "pdf"), use_cache=False, log=quiet))
        cached = timed(lambda: render_book(root, ("html", "pdf"), log=quiet))
        quarto_times = quarto_bench(source, Path(scratch) / "quarto", quiet)
        docs = read_chapters(root, load_book(root).sources)
        engine_exec = timed(lambda: execute_chapters(root, docs, use_cache=False, log=quiet,
                                                     jobs=1))
        notebooks = [write_notebook(root / d.path, Path(scratch) / "nb" / f"{i:02d}.ipynb")
                     for i, d in enumerate(docs)]
        nbconvert = timed(lambda: [subprocess.run(
            [str(jupyter), "nbconvert", "--to", "notebook", "--execute", "--output-dir",
             str(Path(scratch) / "nb-out"), str(nb)], cwd=root, check=True,
            capture_output=True) for nb in notebooks])
    overhead = engine_exec / nbconvert - 1
    print(f"chapters: {len(docs)}")
    print(f"cold full render (html+pdf, cache cleared, parallel kernels): {cold:6.1f} s")
    print(f"cached re-render (html+pdf):                                 {cached:6.1f} s")
    print(f"engine execution only, one kernel at a time:                 {engine_exec:6.1f} s")
    print(f"jupyter nbconvert --execute, same notebooks, one at a time:  {nbconvert:6.1f} s")
    print(f"engine execution overhead vs nbconvert: {overhead:+.0%} (target <= +30 %)")
    if quarto_times is None:
        print("quarto: not on PATH; no engine comparison")
    else:
        q_cold, q_cached = quarto_times
        print(f"quarto cold full render (html+pdf, _freeze cleared):        {q_cold:6.1f} s")
        print(f"quarto re-render, nothing changed (freeze):                 {q_cached:6.1f} s")
        print(f"built-in / quarto: cold {cold / q_cold:.2f}, cached {cached / q_cached:.2f} "
              "(target: cold <= 1, built-in cached <= 2 s)")
    return 0


def quarto_bench(source: Path, folder: Path, log) -> tuple[float, float] | None:
    """Cold and unchanged re-render times with real Quarto, or None without one."""
    try:
        quarto = find_quarto()
    except QuartoError as exc:
        print(f"quarto: {exc}")
        return None
    if quarto is None:
        return None
    folder.mkdir(parents=True)
    root = copy_project(source, folder)
    cold = timed(lambda: render_with_quarto(root, quarto, ("html", "pdf"), use_cache=False,
                                            log=log, quiet=True))
    cached = timed(lambda: render_with_quarto(root, quarto, ("html", "pdf"), log=log,
                                              quiet=True))
    return cold, cached


if __name__ == "__main__":
    raise SystemExit(main())
