"""One execution per chapter under real Quarto: the Typst pass takes the HTML pass's results.

A Quarto book render executes every chapter once per format: all chapters for HTML, then all
for Typst. With ``freeze: auto`` (``_quarto.yml``) Quarto stores each execution in
``_freeze/<chapter>/execute-results/<format>.json`` (quarto-cli
``src/command/render/freeze.ts``: ``{"hash": md5 of the source, "result": {...}}``) and, before
executing a chapter for a format, takes that file instead when its hash is the source's.

For this book the two formats' results differ in three mechanical ways only (Quarto 1.10,
checked on every chapter of a cold render, docs/design-decisions.md "Real Quarto in about a
minute"): HTML cell divs carry an id ``#cell-<label>`` that Typst's do not; figures are written
under ``figure-html/`` resp. ``figure-typst/`` (the same SVG, ``fig-format: svg`` in both);
and ``supporting``/``includes`` name the folders and the (empty) HTML dependencies. So while
``python -m analysis render --engine quarto`` runs Quarto, :func:`typst_from_html` watches for
each ``html.json`` this run writes and writes the Typst result beside it (figures first, the
JSON last by an atomic rename); Quarto's Typst pass then finds it, checks its hash like any
frozen result, and lays the chapter out without executing it again.

It cannot go stale in a way Quarto's own freeze could not: only results this run executed are
carried over (never an older file), they carry the hash of the source they ran from, the
pre-render hook drops the whole ``_freeze/`` when data, code or pins change, and a missing or
late file only means Quarto executes the chapter for Typst itself. A plain ``quarto render``
reads the files as its own. ``_freeze/`` is git-ignored.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

FREEZE_DIR = "_freeze"
#: seconds a result must be left alone before it is read: Quarto copies a chapter's results
#: into _freeze/ in milliseconds (``copyToProjectFreezer``, file by file), and starts the
#: chapter's Typst execution after the HTML pass's pandoc run, about 1.5 s later on this book.
#: A settle time of 1 s lost that race for two chapters of twelve (executed twice).
SETTLE = 0.25
#: Quarto's cell div of an HTML result: ``::: {#cell-<label> .cell ...}``.
_HTML_CELL_ID = re.compile(r"^(:::+ \{)#cell-\S+ (\.cell[ }])", re.MULTILINE)


def typst_result(html: dict, stem: str) -> dict:
    """The Typst freeze entry of a chapter from its HTML one (``stem``: the chapter's file name
    without ``.qmd``).

    Examples
    --------
    >>> markdown = "::: {#cell-fig-x .cell execution_count=2}\\n![](a_files/figure-html/x.svg)"
    >>> entry = {"hash": "h", "result": {"engine": "jupyter", "supporting": ["a_files"],
    ...     "filters": [], "includes": {}, "markdown": markdown}}
    >>> typst_result(entry, "a")["result"]["markdown"]
    '::: {.cell execution_count=2}\\n![](a_files/figure-typst/x.svg)'
    >>> typst_result(entry, "a")["result"]["supporting"]
    ['a_files/figure-typst']
    """
    result = dict(html["result"])
    markdown = _HTML_CELL_ID.sub(r"\1\2", result["markdown"])
    result["markdown"] = markdown.replace(f"{stem}_files/figure-html/",
                                          f"{stem}_files/figure-typst/")
    result["supporting"] = [f"{stem}_files/figure-typst"]
    if not result.get("includes"):
        result.pop("includes", None)
    return {"hash": html["hash"], "result": result}


def carry_over(results: Path, since: float, done: dict[Path, float]) -> int:
    """Write ``typ.json`` beside every ``html.json`` under ``results`` (``_freeze/``) written
    at or after ``since`` and not yet carried over at its current time (``done``); return how
    many were written."""
    written = 0
    for html_file in results.glob("**/execute-results/html.json"):
        folder = html_file.parent.parent  # _freeze/<chapter path without .qmd>
        figures = folder / "figure-html"
        try:
            stamp = html_file.stat().st_mtime
            if stamp < since or done.get(html_file) == stamp or time.time() - stamp < SETTLE:
                continue
            entry = json.loads(html_file.read_text(encoding="utf-8"))
            named = re.findall(rf"{re.escape(folder.name)}_files/figure-html/([^)\s\"']+)",
                               entry["result"]["markdown"])
            if not all((figures / name).is_file()
                       and time.time() - (figures / name).stat().st_mtime >= SETTLE
                       for name in named):
                continue  # Quarto is still copying the chapter's folder into _freeze/
        except (OSError, ValueError, KeyError):  # being written: the next look takes it
            continue
        if figures.is_dir():
            target = folder / "figure-typst"
            shutil.rmtree(target, ignore_errors=True)
            shutil.copytree(figures, target)
        typ = html_file.with_name("typ.json")
        scratch = typ.with_name(f".typ.json.{os.getpid()}")
        scratch.write_text(json.dumps(typst_result(entry, folder.name), indent=2),
                           encoding="utf-8")
        os.replace(scratch, typ)
        done[html_file] = stamp
        written += 1
    return written


@contextlib.contextmanager
def typst_from_html(root: Path, log: Callable[[str], None] = print,
                    interval: float = 0.05) -> Iterator[None]:
    """While the body runs Quarto, carry every HTML result it executes over to Typst."""
    since = time.time() - 1.0  # file times may be coarser than this clock
    done: dict[Path, float] = {}
    stop = threading.Event()
    count = [0]

    def watch() -> None:
        while not stop.wait(interval):
            count[0] += carry_over(root / FREEZE_DIR, since, done)

    thread = threading.Thread(target=watch, name="typst-freeze", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
        log(f"quarto: {count[0]} chapters executed once for both formats (HTML's results "
            "carried over to Typst)")
