"""Run every benchmark and print its figures (`make bench`). Targets are printed, not asserted.

Arguments (``make bench ARGS="--quarto"``) go to the render benchmark only.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCHES = ["read_bench.py", "render_bench.py"]
#: Goal of issue 25: a cold render with real Quarto at most this many times the built-in's.
QUARTO_RATIO_GOAL = 3.0


def cold_render_seconds(root: Path, engine: str) -> float:
    """Wall time of ``python -m analysis render --engine ENGINE --no-cache`` in ``root`` (the
    book's HTML and PDF and the deck, as ``make report`` renders them), from a folder with no
    ``_book/``, caches or Quarto freeze."""
    for name in ("_book", ".cache", "_freeze", ".quarto"):
        shutil.rmtree(root / name, ignore_errors=True)
    env = {**os.environ, "NORCRIN_ROOT": str(root)}
    env.setdefault("QUARTO_PYTHON", sys.executable)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "render", "--engine", engine,
                    "--no-cache"], cwd=root, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def quarto_versus_builtin() -> int:
    """Cold built-in and cold Quarto renders of the book in one run (one temporary project
    copy, one after the other, so both see the same machine), and their ratio."""
    if shutil.which("quarto") is None:
        print("quarto: not on PATH; no cold Quarto render, no Quarto/built-in ratio")
        return 0
    from analysis.engine.project import copy_project
    from analysis.paths import project_root

    with tempfile.TemporaryDirectory(prefix="quarto-bench-") as scratch:
        root = copy_project(project_root(), Path(scratch) / "project")
        builtin = cold_render_seconds(root, "builtin")
        quarto = cold_render_seconds(root, "quarto")
    print(f"cold render, built-in engine (render --engine builtin --no-cache): {builtin:6.1f} s")
    print(f"cold render, real Quarto     (render --engine quarto --no-cache):  {quarto:6.1f} s")
    print(f"Quarto / built-in: {quarto / builtin:.2f} (goal <= {QUARTO_RATIO_GOAL:g})")
    return 0


def main() -> int:
    here = Path(__file__).resolve().parent
    status = 0
    for name in BENCHES:
        print(f"== {name}", flush=True)
        extra = sys.argv[1:] if name == "render_bench.py" else []
        status |= subprocess.call([sys.executable, str(here / name), *extra])
    print("== cold renders: Quarto against the built-in engine", flush=True)
    status |= quarto_versus_builtin()
    return status


if __name__ == "__main__":
    raise SystemExit(main())
