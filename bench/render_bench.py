"""Benchmark the built-in render engine on the real book, in a temporary project copy.

Prints, from one run on this machine:

* a profile of one cold render (``--no-cache``) and one cached re-render (nothing changed),
  both run as ``python -m analysis render --engine builtin`` the way a user runs them: the
  seconds of each phase, from the ``phases`` the engine writes to ``_book/render-log.json``
  (render phases, among them the fork server's imports and bundle load, and per chapter
  kernel start, cells, figure cells), then the whole command's wall time;
* the floor, measured in the same run: as many fresh kernels as the book has chapters, each
  only importing the libraries the chapters use, run with the engine's parallelism;
* with ``--quarto`` (and a Quarto >= 1.9 on PATH) the same two renders with real Quarto;
  with ``--nbconvert`` the time ``jupyter nbconvert --execute`` needs for the chapter notebooks.

Targets are printed, not asserted. Never touches the project's own ``_book/``.

Run: ``.venv/bin/python bench/render_bench.py [--quarto] [--fresh-kernels] [--nbconvert]``
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from analysis.engine.book import load_book
from analysis.engine.book_execution import default_jobs, execute_chapters, read_chapters
from analysis.engine.chapter_kernel import ChapterKernel
from analysis.engine.notebook import write_notebook
from analysis.engine.project import copy_project
from analysis.engine.quarto import QuartoError, find_quarto, render_with_quarto
from analysis.engine.timing import Phases
from analysis.paths import project_root

#: What the floor's kernels import: the libraries every chapter needs, nothing of ours.
FLOOR_IMPORTS = "import pandas, numpy, scipy.stats, matplotlib.pyplot, seaborn"


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def render_command(root: Path, *extra: str, env_extra: dict | None = None
                   ) -> tuple[float, dict]:
    """Run the render command in ``root``; its wall time and the run log it wrote."""
    env = {**os.environ, "NORCRIN_ROOT": str(root), **(env_extra or {})}
    seconds = timed(lambda: subprocess.run(
        [sys.executable, "-m", "analysis", "render", "--engine", "builtin", *extra],
        cwd=root, env=env, check=True, capture_output=True))
    return seconds, json.loads((root / "_book" / "render-log.json").read_text("utf-8"))


def floor(root: Path, chapters: int, jobs: int) -> float:
    """Wall time of ``chapters`` fresh kernels that only import the libraries, ``jobs`` at
    a time (the engine's parallelism)."""
    def one(_):
        kernel = ChapterKernel(root, Phases())
        kernel.client.shutdown_kernel = "immediate"  # idle; no graceful stop (and its noise)
        try:
            kernel.run_silent(FLOOR_IMPORTS, "imports")
        finally:
            kernel.close()

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return timed(lambda: list(pool.map(one, range(chapters))))


def chapter_phases(log: dict) -> dict[str, float]:
    """Per-chapter phases summed over the chapters (kernel-seconds, not wall time)."""
    total: dict[str, float] = {}
    for chapter in log.get("chapters", []):
        for phase, seconds in chapter.get("phases", {}).items():
            total[phase] = total.get(phase, 0.0) + seconds
    return total


def print_profile(cold: tuple[float, dict], cached: tuple[float, dict], floor_s: float,
                  jobs: int) -> None:
    (cold_s, cold_log), (cached_s, cached_log) = cold, cached
    rows: list[str] = list(cold_log.get("phases", {}))
    rows += [p for p in cached_log.get("phases", {}) if p not in rows]
    print(f"{'phase (seconds)':<44}{'cold':>9}{'cached':>9}")
    for phase in rows:
        a = cold_log.get("phases", {}).get(phase)
        b = cached_log.get("phases", {}).get(phase)
        print(f"{phase:<44}{_cell(a)}{_cell(b)}")
    summed = chapter_phases(cold_log)
    if summed:
        print(f"{'  in the kernels, summed over chapters:':<44}")
        for phase, seconds in summed.items():
            print(f"{'    ' + phase:<44}{_cell(seconds)}{_cell(None)}")
    print(f"{'render (in process, from the run log)':<44}{_cell(cold_log.get('seconds'))}"
          f"{_cell(cached_log.get('seconds'))}")
    print(f"{'render command (wall, incl. python start)':<44}{_cell(cold_s)}{_cell(cached_s)}")
    print(f"{'floor: fresh kernels importing the libraries':<44}{_cell(floor_s)}")
    print(f"kernels at once: {jobs}; chapters: {len(cold_log.get('chapters', []))}")
    print(f"cold / floor: {cold_s / floor_s:.2f} (target <= 1.5); "
          f"cached: {cached_s:.1f} s (target <= 2 s)")
    print(f"{'chapter (cold)':<36}{'total':>8}  phases")
    for chapter in cold_log.get("chapters", []):
        parts = ", ".join(f"{k} {v:.1f}" for k, v in chapter.get("phases", {}).items()
                          if v >= 0.05)
        print(f"{chapter['chapter']:<36}{chapter['seconds']:8.1f}  {parts}")


def _cell(value) -> str:
    return f"{value:9.2f}" if isinstance(value, (int, float)) else f"{'':>9}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quarto", action="store_true", help="also time real Quarto")
    parser.add_argument("--fresh-kernels", action="store_true",
                        help="also time a cold render whose kernels are new processes "
                             "(NORCRIN_FORK_KERNELS=0) instead of forks of the fork server")
    parser.add_argument("--nbconvert", action="store_true",
                        help="also time jupyter nbconvert on the same notebooks")
    args = parser.parse_args(argv)
    source = project_root()
    jobs = default_jobs()
    with tempfile.TemporaryDirectory(prefix="render-bench-") as scratch:
        (Path(scratch) / "project").mkdir()
        root = copy_project(source, Path(scratch) / "project")
        docs = read_chapters(root, load_book(root).sources)
        floor_s = floor(root, len(docs), jobs)
        cold = render_command(root, "--no-cache")
        cached = render_command(root)
        floor_s = min(floor_s, floor(root, len(docs), jobs))  # the floor, twice: noise
        print_profile(cold, cached, floor_s, jobs)
        if args.fresh_kernels:
            fresh, _ = render_command(root, "--no-cache", env_extra={"NORCRIN_FORK_KERNELS": "0"})
            print(f"cold render with fresh kernel processes (no fork server): {fresh:6.1f} s "
                  f"({fresh / floor_s:.2f} x the floor)")
        if args.nbconvert:
            nbconvert_bench(root, docs, Path(scratch))
        if args.quarto:
            quarto_times = quarto_bench(source, Path(scratch) / "quarto", lambda line: None)
            if quarto_times is not None:
                q_cold, q_cached = quarto_times
                print(f"quarto cold full render (html+pdf, _freeze cleared): {q_cold:6.1f} s")
                print(f"quarto re-render, nothing changed (freeze):          {q_cached:6.1f} s")
                print(f"built-in / quarto: cold {cold[0] / q_cold:.2f}, "
                      f"cached {cached[0] / q_cached:.2f} (target: <= 1)")
    return 0


def nbconvert_bench(root: Path, docs, scratch: Path) -> None:
    """Engine execution, one kernel at a time, against nbconvert on the same notebooks."""
    jupyter = Path(sys.executable).with_name("jupyter")
    quiet = lambda line: None  # noqa: E731
    engine = timed(lambda: execute_chapters(root, docs, use_cache=False, log=quiet, jobs=1))
    notebooks = [write_notebook(root / d.path, scratch / "nb" / f"{i:02d}.ipynb")
                 for i, d in enumerate(docs)]
    nbconvert = timed(lambda: [subprocess.run(
        [str(jupyter), "nbconvert", "--to", "notebook", "--execute", "--output-dir",
         str(scratch / "nb-out"), str(nb)], cwd=root, check=True,
        capture_output=True) for nb in notebooks])
    print(f"engine execution only, one kernel at a time:        {engine:6.1f} s")
    print(f"jupyter nbconvert --execute, same notebooks:        {nbconvert:6.1f} s")
    print(f"engine execution overhead vs nbconvert: {engine / nbconvert - 1:+.0%}")


def quarto_bench(source: Path, folder: Path, log) -> tuple[float, float] | None:
    """Cold and unchanged re-render times with real Quarto, or None without one."""
    try:
        quarto = find_quarto()
    except QuartoError as exc:
        print(f"quarto: {exc}")
        return None
    if quarto is None:
        print("quarto: not on PATH; no engine comparison")
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
