"""The book map's schema and the reading of printed values (hand-made inputs)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from analysis.display.markup import pipe_table
from analysis.report.book_map import BookMap, Entry, Place, pipe_table_cells, printed_value


def test_a_place_is_either_inline_or_a_table_cell():
    Place(chapter="chapters/x.qmd", expression="q03.share(known)")
    Place(table="tbl-x-q03", row="Kjenner godt", column="Andel 2023")
    with pytest.raises(ValidationError):
        Place(chapter="chapters/x.qmd", table="tbl-x-q03", row="a", column="b")
    with pytest.raises(ValidationError):
        Place(table="tbl-x-q03", row="a")


def test_deliberate_differences_need_a_reason_and_the_sentence():
    where = Place(table="tbl-x-q03", row="a", column="b")
    with pytest.raises(ValidationError, match="reason"):
        Entry(id="r25-x", shown_as="corrected", where=where)
    with pytest.raises(ValidationError, match="explained_by"):
        Entry(id="r25-x", shown_as="inconsistent", where=where, reason="r")
    with pytest.raises(ValidationError, match="where"):
        Entry(id="r25-x", shown_as="published")
    Entry(id="r25-x", shown_as="not-shown", reason="merged in the book")


def test_a_figure_is_mapped_once():
    entry = {"id": "r25-x", "where": {"table": "tbl-x-q01", "row": "a", "column": "b"}}
    with pytest.raises(ValidationError, match="twice"):
        BookMap(sections=["4.1"], years=[2025], shown=[entry, entry])


def test_printed_value_reads_cells_and_inline_values():
    markdown = pipe_table(["Svaralternativ", "Andel 2023"], [["Ja", "33\u00a0%"], ["Nei", ""]],
                          ["l", "r"])
    tables = {"tbl-x-q01": pipe_table_cells(markdown)}
    inline = {("chapters/x.qmd", "q01.share('Ja')"): ["50\u00a0%", "50\u00a0%"]}
    cell = Place(table="tbl-x-q01", row="Ja", column="Andel 2023")
    assert printed_value(cell, tables, inline) == "33\u00a0%"
    assert printed_value(Place(chapter="chapters/x.qmd", expression="q01.share('Ja')"),
                         tables, inline) == "50\u00a0%"
    with pytest.raises(LookupError, match="rows labelled"):
        printed_value(Place(table="tbl-x-q01", row="Kanskje", column="Andel 2023"), tables, {})
    with pytest.raises(LookupError, match="no column"):
        printed_value(Place(table="tbl-x-q01", row="Ja", column="Andel 2025"), tables, {})
    with pytest.raises(LookupError, match="no inline"):
        printed_value(Place(chapter="chapters/x.qmd", expression="q02.n()"), tables, inline)
