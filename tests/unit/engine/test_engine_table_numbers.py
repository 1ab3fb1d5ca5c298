"""The book's tables for the annex: reading order, printed numbers, which may be missing."""

from analysis.engine.book import load_book
from analysis.engine.table_numbers import book_tables

CELL = '```{{python}}\n#| label: {label}\n#| tbl-cap: "{cap}"\n1\n```\n\n'


def test_tables_come_in_reading_order_with_their_numbers_and_question_tables_optional(
        tmp_path):
    (tmp_path / "_quarto.yml").write_text(
        "project: {type: book}\nbook: {title: T, date: '2025-09-30', "
        "chapters: [index.qmd, a.qmd]}\n", encoding="utf-8")
    (tmp_path / "index.qmd").write_text("# Forord {.unnumbered}\n\nTekst.\n", encoding="utf-8")
    (tmp_path / "a.qmd").write_text(
        "# A {#sec-a}\n\n" + CELL.format(label="tbl-a-all", cap="Alle")
        + '::: {.question qid="q05"}\n\n## Q5 {#sec-a-q05}\n\n'
        + CELL.format(label="tbl-a-q05", cap="Q5") + ":::\n", encoding="utf-8")
    tables = book_tables(load_book(tmp_path))
    assert (tables.title, tables.annex_name) == ("T", load_book(tmp_path).annex_name)
    assert [(t.label, t.number, t.caption, t.chapter, t.optional) for t in tables.tables] == [
        ("tbl-a-all", "Tabell 1.1", "Alle", "a.qmd", False),
        ("tbl-a-q05", "Tabell 1.2", "Q5", "a.qmd", True)]
