"""Numbering of chapters, appendices, sections, figures and tables; reference text."""

from __future__ import annotations

import pytest

from analysis.engine.crossref import asked_questions, collect, number_headings, resolve_refs
from analysis.engine.errors import RenderError, UnsupportedError
from analysis.engine.qmd import parse_qmd

FIG = "```{{python}}\n#| label: {label}\n1\n```\n"


def _docs():
    pre = parse_qmd("# Forord {.unnumbered}\n\ntekst\n", "index.qmd")
    one = parse_qmd("# En {#sec-en}\n\n## Del {#sec-en-del}\n\n" + FIG.format(label="fig-en-a")
                    + FIG.format(label="tbl-en-b") + FIG.format(label="fig-en-c"), "c1.qmd")
    two = parse_qmd("# To\n\n```\n# ikke overskrift\n```\n\n## A\n\n### B\n\n## C {#sec-to-c}\n"
                    + FIG.format(label="fig-to-a"), "c2.qmd")
    app = parse_qmd("# Vedlegget {#sec-app}\n\n" + FIG.format(label="tbl-app-a"), "a.qmd")
    return [pre, one, two, app]


def test_numbers_per_chapter_and_appendix_letters():
    index = collect(_docs(), {"a.qmd"})
    texts = {label: ref.text for label, ref in index.refs.items()}
    assert texts == {
        "sec-en": "Kapittel 1", "sec-en-del": "avsnitt 1.1", "fig-en-a": "Figur 1.1",
        "tbl-en-b": "Tabell 1.1", "fig-en-c": "Figur 1.2", "sec-to-c": "avsnitt 2.2",
        "fig-to-a": "Figur 2.1", "sec-app": "Vedlegg A", "tbl-app-a": "Tabell A.1",
    }
    assert index.chapters["index.qmd"].headings == [None]
    assert index.chapters["c2.qmd"].headings == ["2", "2.1", "2.1.1", "2.2"]


def test_headings_get_numbers_outside_code_fences():
    text = "# To\n\n```\n# kode\n```\n\n## A {#sec-a}\n"
    assert number_headings(text, ["2", "2.1"]) == (
        "# [2]{.header-section-number} To\n\n```\n# kode\n```\n\n"
        "## [2.1]{.header-section-number} A {#sec-a}\n")


def test_references_resolve_and_unknown_ones_fail_with_line():
    index = collect(_docs(), {"a.qmd"})
    text = "Se @fig-en-c, @sec-app og post@norcrin.no.\nOg @tbl-en-b."
    out = resolve_refs(text, index, lambda ref: f"{ref.page}#{ref.label}", "x.qmd", 10)
    assert out == ("Se [Figur 1.2](c1.qmd#fig-en-c), [Vedlegg A](a.qmd#sec-app) og "
                   "post@norcrin.no.\nOg [Tabell 1.1](c1.qmd#tbl-en-b).")
    with pytest.raises(RenderError, match=r"x\.qmd:11: unresolved cross-reference @fig-nei"):
        resolve_refs("a\n@fig-nei", index, str, "x.qmd", 10)


def test_duplicate_label_and_bracketed_reference_fail():
    dup = parse_qmd(FIG.format(label="fig-x") + FIG.format(label="fig-x"), "d.qmd")
    with pytest.raises(RenderError, match="d.qmd:5: label 'fig-x' is already used"):
        collect([dup], set())
    with pytest.raises(UnsupportedError, match=r"b.qmd:2: unsupported"):
        collect([parse_qmd("# B\nSe [@fig-x].\n", "b.qmd")], set())


def _question_chapter():
    return parse_qmd("# En\n\n" + "".join(
        f'::: {{.question qid="{qid}"}}\n\n## {qid} {{#sec-en-{qid}}}\n\n'
        + FIG.format(label=f"tbl-en-{qid}") + "\n::: {.note}\nx\n:::\n\n:::\n\n"
        for qid in ("q05", "q06", "q07")), "c1.qmd")


def test_a_question_not_asked_keeps_its_heading_number_but_not_its_table_number():
    index = collect([_question_chapter()], set(), {"c1.qmd": {"q05", "q07"}})
    texts = {label: ref.text for label, ref in index.refs.items()}
    assert texts == {"sec-en-q05": "avsnitt 1.1", "tbl-en-q05": "Tabell 1.1",
                     "sec-en-q06": "avsnitt 1.2", "tbl-en-q06": "?@tbl-en-q06",
                     "sec-en-q07": "avsnitt 1.3", "tbl-en-q07": "Tabell 1.2"}
    # without the marker (or with every question asked) everything is numbered
    assert collect([_question_chapter()], set(), {"c1.qmd": None}).refs["tbl-en-q07"].text \
        == "Tabell 1.3"


def test_the_asked_questions_are_read_from_the_marker_a_cell_displayed():
    from nbformat.v4 import new_code_cell, new_notebook, new_output

    marker = new_output("display_data", {"text/markdown": 'x\n\n[]{.asked qids="q01 q02"}\n'})
    notebook = new_notebook(cells=[new_code_cell("1", outputs=[marker])])
    assert asked_questions(notebook) == {"q01", "q02"}
    assert asked_questions(new_notebook(cells=[new_code_cell("1")])) is None
