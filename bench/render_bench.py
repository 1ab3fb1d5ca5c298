"""Benchmark the built-in render engine on the real book, in a temporary project copy.

Prints: cold full render (HTML + PDF, cache cleared), cached re-render, the time
``jupyter nbconvert --to notebook --execute`` needs for the same chapter notebooks, and the
engine's execution overhead relative to it. Never touches the project's own ``_book/``.

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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
