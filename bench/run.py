"""Run every benchmark and print its figures (`make bench`). Targets are printed, not asserted.

Arguments (``make bench ARGS="--quarto"``) go to the render benchmark only;
``ARGS=--prose-only`` runs only the prose-edit figures (:func:`prose_edit_figures`),
``ARGS=--ratio-only`` only the cold renders of both engines (:func:`quarto_versus_builtin`).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BENCHES = ["read_bench.py", "render_bench.py"]
#: Goal of issue 25: a cold render with real Quarto at most this many times the built-in's.
QUARTO_RATIO_GOAL = 3.0
#: Cold renders of each engine per run: one alone varies by about 15 % on a 2-core machine,
#: as much as the gap to the goal, so the ratio is the median of this many pairs.
RATIO_PAIRS = 3


def render_seconds(root: Path, engine: str, cold: bool = True) -> float:
    """Wall time of ``python -m analysis render --engine ENGINE --no-cache`` in ``root`` (the
    book's HTML and PDF and the deck, as ``make report`` renders them), from a folder with no
    ``_book/``, caches or Quarto freeze. ``cold=False``: ``render --engine ENGINE`` with the
    caches and the freeze of the previous render kept (nothing executes), ``_book/`` removed."""
    names = ("_book", ".cache", "_freeze", ".quarto") if cold else ("_book",)
    for name in names:
        shutil.rmtree(root / name, ignore_errors=True)
    env = {**os.environ, "NORCRIN_ROOT": str(root)}
    env.setdefault("QUARTO_PYTHON", sys.executable)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "analysis", "render", "--engine", engine,
                    *(["--no-cache"] if cold else [])], cwd=root, env=env, check=True,
                   capture_output=True)
    return time.perf_counter() - start


def quarto_versus_builtin(pairs: int = RATIO_PAIRS) -> int:
    """Cold built-in and cold Quarto renders of the book, ``pairs`` times in one run (one
    temporary project copy, one after the other, so both see the same machine; the order
    alternates so a machine that slows down or speeds up does not favour one engine), and
    the median of the pairs' ratios. Then once Quarto with its freeze kept: its layout alone,
    no chapter executed, what the ratio would be if Quarto did not execute."""
    if shutil.which("quarto") is None:
        print("quarto: not on PATH; no cold Quarto render, no Quarto/built-in ratio")
        return 0
    from analysis.engine.project import copy_project
    from analysis.paths import project_root

    ratios: list[float] = []
    times: dict[str, list[float]] = {"builtin": [], "quarto": []}
    with tempfile.TemporaryDirectory(prefix="quarto-bench-") as scratch:
        root = copy_project(project_root(), Path(scratch) / "project")
        for pair in range(pairs):
            order = ("builtin", "quarto") if pair % 2 == 0 else ("quarto", "builtin")
            seconds = {engine: render_seconds(root, engine) for engine in order}
            for engine, value in seconds.items():
                times[engine].append(value)
            ratios.append(seconds["quarto"] / seconds["builtin"])
            print(f"pair {pair + 1} ({' then '.join(order)}): built-in {seconds['builtin']:5.1f} s,"
                  f" Quarto {seconds['quarto']:5.1f} s, ratio {ratios[-1]:.2f}", flush=True)
        if order[-1] != "quarto":
            render_seconds(root, "quarto")  # the freeze of a cold Quarto render
        frozen = render_seconds(root, "quarto", cold=False)

    def spread(values: list[float], unit: str = " s", digits: int = 1) -> str:
        return (f"median {statistics.median(values):.{digits}f}{unit} (range "
                f"{min(values):.{digits}f}-{max(values):.{digits}f}{unit}, {len(values)} runs)")

    print("cold render, built-in engine (render --engine builtin --no-cache): "
          + spread(times["builtin"]))
    print("cold render, real Quarto     (render --engine quarto --no-cache):  "
          + spread(times["quarto"]))
    print(f"Quarto / built-in: {spread(ratios, '', 2)} (goal <= {QUARTO_RATIO_GOAL:g})")
    print(f"Quarto with its freeze (nothing executed): {frozen:.1f} s, "
          f"{frozen / statistics.median(times['builtin']):.2f} x the built-in's median")
    return 0


#: The prose edit timed: one sentence of a results chapter, as an author would change it.
PROSE_CHAPTER = "chapters/04-2-kjennskap.qmd"
PROSE_SENTENCE = "ikke nødvendigvis alle NorCRINs brukere"
#: Goals of issue 25 on two cores: seconds until a prose edit shows.
PROSE_GOALS = {"html": 2.0, "pdf": 5.0}


def prose_edit_figures(repeats: int = 3) -> None:
    """Prose edit -> HTML and -> PDF with the built-in engine, in a temporary project copy.

    After one cold render (``--to html,pdf --no-cache``, printed too) one sentence of
    :data:`PROSE_CHAPTER` is changed ``repeats`` times per format and rendered: once as the
    command an author runs (``python -m analysis render --to html``, with its start-up and
    imports) and once as ``python -m analysis preview`` renders on a save (a process that has
    rendered before). Prints the median and the range, whether any chapter executed, and
    the goal.
    """
    from analysis.engine.project import copy_project
    from analysis.engine.render import render_book
    from analysis.paths import project_root
    from analysis.render_hooks import check_inputs

    with tempfile.TemporaryDirectory(prefix="prose-bench-") as tmp:
        root = copy_project(project_root(), Path(tmp) / "project")
        env = {**os.environ, "NORCRIN_ROOT": str(root)}

        def command(*extra: str) -> float:
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "analysis", "render", "--engine", "builtin",
                            *extra], cwd=root, env=env, check=True, capture_output=True)
            return time.perf_counter() - start

        def in_process(formats: tuple[str, ...]) -> float:
            start = time.perf_counter()
            render_book(root, formats, log=lambda line: None,
                        preflight=lambda: check_inputs(root))
            return time.perf_counter() - start

        edits = iter(range(1, 1000))

        def edit() -> None:
            path = root / PROSE_CHAPTER
            text = path.read_text(encoding="utf-8")
            at = text.index(PROSE_SENTENCE) + len(PROSE_SENTENCE)
            end = text.index(")", at) + 1 if text[at:at + 9] == " (endring" else at
            path.write_text(f"{text[:at]} (endring {next(edits)}){text[end:]}", encoding="utf-8")

        cold = command("--to", "html,pdf", "--no-cache")
        print(f"cold render (--to html,pdf --no-cache): {cold:6.1f} s", flush=True)
        in_process(("html", "pdf"))  # the preview's first render (imports, nothing changed)
        executed = 0
        for fmt in ("html", "pdf"):
            for how, run in (("command", lambda f=fmt: command("--to", f)),
                             ("preview", lambda f=fmt: in_process((f,)))):
                seconds = []
                for _ in range(repeats):
                    edit()
                    seconds.append(run())
                    log = json.loads((root / "_book" / "render-log.json").read_text("utf-8"))
                    executed += sum(not c["cached"] for c in log["chapters"])
                print(f"prose edit -> {fmt.upper():4} ({how:7}): median "
                      f"{statistics.median(seconds):5.1f} s (range {min(seconds):.1f}-"
                      f"{max(seconds):.1f}, {repeats} edits; goal <= {PROSE_GOALS[fmt]:.0f} s)",
                      flush=True)
        print(f"chapters executed for the prose edits: {executed} (expected 0)")


def main() -> int:
    here = Path(__file__).resolve().parent
    status = 0
    if sys.argv[1:] == ["--prose-only"]:
        prose_edit_figures()
        return status
    if sys.argv[1:] == ["--ratio-only"]:
        return quarto_versus_builtin()
    for name in BENCHES:
        print(f"== {name}", flush=True)
        extra = sys.argv[1:] if name == "render_bench.py" else []
        status |= subprocess.call([sys.executable, str(here / name), *extra])
    print("== prose edits", flush=True)
    prose_edit_figures()
    print("== cold renders: Quarto against the built-in engine", flush=True)
    status |= quarto_versus_builtin()
    return status


if __name__ == "__main__":
    raise SystemExit(main())
