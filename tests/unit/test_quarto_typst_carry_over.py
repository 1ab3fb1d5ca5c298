"""The Typst pass of a Quarto render takes what the HTML pass of the same run executed: the
result Quarto 1.10 itself freezes for Typst (a chapter with a figure and a table, in the shape
of a cold render), never one older than the run, and never before its figures are there."""

from __future__ import annotations

import json
import os
import time

from analysis.engine.quarto_freeze import carry_over

MARKDOWN = ("# Hovedfunn {#sec-hovedfunn}\n\n::: {#cell-fig-x .cell execution_count=2}\n"
            "::: {.cell-output .cell-output-display}\n![Endringen](01-x_files/figure-html/"
            "fig-x-output-2.svg){#fig-x}\n:::\n:::\n\n"
            "::: {#cell-tbl-y .cell execution_count=3}\n::: {.cell-output}\n| a |\n:::\n:::\n")
#: typ.json for the chapter above as Quarto 1.10.18 writes it (shape taken from a cold render
#: that executed both passes: no cell ids, figure-typst/, its supporting folder, no includes).
QUARTO_TYPST = {"hash": "87c0515a", "result": {
    "engine": "jupyter",
    "markdown": ("# Hovedfunn {#sec-hovedfunn}\n\n::: {.cell execution_count=2}\n"
                 "::: {.cell-output .cell-output-display}\n![Endringen](01-x_files/"
                 "figure-typst/fig-x-output-2.svg){#fig-x}\n:::\n:::\n\n"
                 "::: {.cell execution_count=3}\n::: {.cell-output}\n| a |\n:::\n:::\n"),
    "supporting": ["01-x_files/figure-typst"], "filters": []}}


def _figure(folder, age: float = 5.0):
    (folder / "figure-html").mkdir(exist_ok=True)
    svg = folder / "figure-html" / "fig-x-output-2.svg"
    svg.write_text("<svg/>")
    stamp = time.time() - age
    os.utime(svg, (stamp, stamp))


def _html(tmp_path, age: float = 5.0, figure: bool = True):
    folder = tmp_path / "_freeze" / "chapters" / "01-x"
    (folder / "execute-results").mkdir(parents=True)
    if figure:
        _figure(folder, age)
    html = folder / "execute-results" / "html.json"
    html.write_text(json.dumps({"hash": "87c0515a", "result": {
        "engine": "jupyter", "markdown": MARKDOWN, "supporting": ["01-x_files"],
        "filters": [], "includes": {}}}))
    stamp = time.time() - age
    os.utime(html, (stamp, stamp))
    return folder, stamp


def test_the_typst_result_is_the_one_quarto_writes(tmp_path):
    folder, stamp = _html(tmp_path)
    assert carry_over(tmp_path / "_freeze", stamp - 1, {}) == 1
    assert json.loads((folder / "execute-results" / "typ.json").read_text()) == QUARTO_TYPST
    assert (folder / "figure-typst" / "fig-x-output-2.svg").read_text() == "<svg/>"


def test_results_older_than_the_run_are_left_alone(tmp_path):
    folder, stamp = _html(tmp_path)
    assert carry_over(tmp_path / "_freeze", stamp + 1, {}) == 0
    assert not (folder / "execute-results" / "typ.json").exists()


def test_a_result_is_taken_once_its_figures_are_there_and_only_once(tmp_path):
    folder, stamp = _html(tmp_path, figure=False)
    done: dict = {}
    assert carry_over(tmp_path / "_freeze", stamp - 1, done) == 0  # Quarto still copying
    _figure(folder, age=0.0)  # the figure just written: it may still be being copied
    assert carry_over(tmp_path / "_freeze", stamp - 1, done) == 0
    _figure(folder)
    assert carry_over(tmp_path / "_freeze", stamp - 1, done) == 1
    assert carry_over(tmp_path / "_freeze", stamp - 1, done) == 0


def test_a_result_just_written_is_left_to_settle(tmp_path):
    folder, stamp = _html(tmp_path, age=0.0)
    assert carry_over(tmp_path / "_freeze", stamp - 1, {}) == 0
