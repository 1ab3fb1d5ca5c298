"""Two renders of the real book on the same data give identical inline values and figures,
and the trace lists every inline expression of the book with its value."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from cli_render import cli_render

from analysis.engine.book import load_book
from analysis.engine.book_execution import fork_kernels
from analysis.engine.project import copy_project
from analysis.paths import project_root


def _figures(book_dir):
    return {p.relative_to(book_dir): p.read_bytes()
            for p in sorted(book_dir.rglob("*")) if p.suffix in (".svg", ".png")}


def _render_with_fresh_kernels(folder: Path) -> Path:
    """A cold render (HTML and PDF) of a copy of the project in ``folder`` whose chapters each
    start a new kernel process that imports for itself, as under Quarto
    (``NORCRIN_FORK_KERNELS=0``): the copy's root."""
    root = copy_project(project_root(), folder / "project")
    cli_render(root, "--to", "html,pdf", "--no-cache", env={"NORCRIN_FORK_KERNELS": "0"})
    return root


def request_background_renders(background, items) -> None:
    """The second render runs in the background (``BackgroundRenders`` in tests/conftest.py),
    in a process of its own, while the rest of the suite runs."""
    background.request("fresh-kernels", _render_with_fresh_kernels, items[0][0])


@pytest.fixture(scope="module")
def two_renders(book_render, request, tmp_path_factory):
    """The shared cold render (kernels forked from the fork server where it runs) and a
    second one whose chapters each start a new kernel process, as under Quarto."""
    background = request.config.pluginmanager.get_plugin("norcrin-background-renders")
    if "fresh-kernels" in background:
        second = background.result("fresh-kernels")
    else:
        second = _render_with_fresh_kernels(tmp_path_factory.mktemp("fresh-kernels"))
    return [book_render("first"), second]


def _tree(book_dir):
    return {str(p.relative_to(book_dir)): p.read_bytes() for p in sorted(book_dir.rglob("*"))
            if p.is_file() and p.name != "render-log.json"}


@pytest.mark.slow
def test_forked_and_fresh_kernels_give_the_same_book_byte_for_byte(two_renders):
    logs = [json.loads((root / "_book" / "render-log.json").read_text("utf-8"))
            for root in two_renders]
    forked = ["fork server: imports (in the server)" in log["phases"] for log in logs]
    assert forked == [fork_kernels(), False]  # the comparison is between the two ways
    a, b = (_tree(root / "_book") for root in two_renders)
    assert {"index.html", "inline-values.json"} <= a.keys()
    assert any(name.endswith(".pdf") for name in a)
    assert a.keys() == b.keys()
    differing = sorted(name for name in a if a[name] != b[name])
    assert not differing, f"files differ between forked and fresh kernels: {differing}"


@pytest.mark.slow
def test_every_chapter_ran_without_error_in_a_fresh_kernel(two_renders):
    """What nbval checked when it ran the chapters: the second render executed every chapter of
    the book (none from the cache) in a kernel that imported for itself, and a cell error
    would have failed the render (the engine executes with ``allow_errors=False``)."""
    log = json.loads((two_renders[1] / "_book" / "render-log.json").read_text("utf-8"))
    ran = {c["chapter"]: c for c in log["chapters"]}
    assert set(load_book(two_renders[1]).sources) <= ran.keys()
    assert not [name for name, c in ran.items() if c["cached"] or "imports" not in c["phases"]]


@pytest.mark.slow
def test_inline_values_and_figures_are_identical_across_renders(two_renders):
    a, b = (root / "_book" for root in two_renders)
    assert (a / "inline-values.json").read_bytes() == (b / "inline-values.json").read_bytes()
    figures_a, figures_b = _figures(a), _figures(b)
    assert figures_a, "the book has no figure files"
    assert figures_a.keys() == figures_b.keys()
    differing = [str(k) for k in figures_a if figures_a[k] != figures_b[k]]
    assert not differing, f"figure files differ between renders: {differing}"


@pytest.mark.slow
def test_trace_lists_every_inline_expression_with_a_value(two_renders):
    root = two_renders[0]
    expected = sum(
        len(re.findall(r"(?<!`)`\{python\} [^`\n]+`", (root / src).read_text(encoding="utf-8")))
        for src in load_book(root).sources
    )
    env = {**os.environ, "NORCRIN_ROOT": str(root)}
    result = subprocess.run([sys.executable, "-m", "analysis", "trace", "--json"],
                            capture_output=True, text=True, check=True, env=env)
    trace = json.loads(result.stdout)
    assert len(trace) >= expected > 0
    assert all(set(e) >= {"chapter", "line", "expression", "value"} for e in trace)
    assert all(str(e["value"]).strip() for e in trace)
    written = json.loads((root / "_book" / "inline-values.json").read_text(encoding="utf-8"))
    assert written == trace
