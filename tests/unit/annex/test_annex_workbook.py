"""The Excel annex: numbers as numbers, text never a formula, one sheet per table, valid names."""

import zipfile

import pytest
from openpyxl import load_workbook

from analysis.annex import INDEX_SHEET, AnnexTable, notebook_tables, sheet_names, write_annex
from analysis.annex.workbook import COLUMNS_SHEET


def _table(label, rows, headers=("Svar", "Antall")):
    return AnnexTable(label, "Tabell 1.1", "En tabell", "chapters/x.qmd", list(headers),
                      [list(r) for r in rows])


def test_text_that_looks_like_a_formula_stays_a_string(tmp_path):
    hostile = ['=HYPERLINK("http://example.invalid","klikk")', "=1+1", "+SUM(A1:A2)",
               "-2+3", "@cmd", "=cmd|' /C calc'!A0"]
    path = write_annex(tmp_path / "a.xlsx", [_table("tbl-x-fritekst", [[h, "1"] for h in hostile])])
    sheet = load_workbook(path)["x-fritekst"]
    cells = [sheet.cell(row=r, column=1) for r in range(4, 4 + len(hostile))]
    assert [c.value for c in cells] == hostile
    assert {c.data_type for c in cells} == {"s"}
    with zipfile.ZipFile(path) as z:
        xml = z.read("xl/worksheets/sheet3.xml").decode()  # after Innhold, Kolonner
    assert "<f>" not in xml and "<f " not in xml  # no formula element anywhere in the sheet


def test_one_sheet_per_table_after_the_index_in_reading_order(tmp_path):
    tables = [_table("tbl-a-one", [["Ja", "3"]]), _table("tbl-b-two", [["Nei", "4"]])]
    book = load_workbook(write_annex(tmp_path / "a.xlsx", tables, title="Boka"))
    assert book.sheetnames == [INDEX_SHEET, COLUMNS_SHEET, "a-one", "b-two"]
    assert [c.value for c in book["b-two"][3]] == ["Svar", "Antall"]
    assert [c.value for c in book["b-two"][4]] == ["Nei", 4]
    listed = [row[0].value for row in book[INDEX_SHEET].iter_rows(min_row=5)]
    assert listed == ["a-one", "b-two"]


def test_sheet_names_are_valid_unique_and_short():
    labels = ["tbl-" + "x" * 40, "tbl-" + "x" * 40, "tbl-a[b]:c*d?e/f\\g", "tbl-Innhold",
              "tbl-history"]
    names = sheet_names(labels)
    assert all(len(n) <= 31 for n in names)
    assert len({n.lower() for n in names}) == len(names)
    assert not any(set(n) & set("[]:*?/\\") for n in names)
    assert names[0] == "x" * 31 and names[1] == "x" * 29 + "~2"
    assert names[2] == "a-b--c-d-e-f-g"
    assert names[3].lower() != INDEX_SHEET.lower()
    assert names[4].lower() != "history"


def test_same_tables_give_the_same_bytes(tmp_path):
    tables = [_table("tbl-a-one", [["Ja", "3"]])]
    a = write_annex(tmp_path / "a.xlsx", tables, date="2025-09-30").read_bytes()
    b = write_annex(tmp_path / "b.xlsx", tables, date="2025-09-30").read_bytes()
    assert a == b


def test_notebook_tables_read_labels_of_both_engines():
    table = "| Svar | n |\n|:--|--:|\n| Ja | 3 |\n"
    output = {"output_type": "display_data", "data": {"text/markdown": table}}
    builtin = {"cells": [{"cell_type": "code", "metadata": {"qmd": {"label": "tbl-a"}},
                          "source": "x", "outputs": [output]}]}
    quarto = {"cells": [{"cell_type": "code", "metadata": {},
                         "source": "#| label: tbl-b\n#| tbl-cap: \"B\"\nx", "outputs": [output]},
                        {"cell_type": "code", "metadata": {}, "source": "#| label: other\nx",
                         "outputs": [output]}]}
    assert notebook_tables(builtin) == {"tbl-a": (["Svar", "n"], [["Ja", "3"]])}
    assert notebook_tables(quarto) == {"tbl-b": (["Svar", "n"], [["Ja", "3"]])}


def test_a_table_the_book_lists_but_no_notebook_printed_is_an_error(tmp_path):
    from analysis.annex import tables_of_book
    from analysis.engine.book import load_book
    from analysis.engine.table_numbers import book_tables

    (tmp_path / "_quarto.yml").write_text(
        "project: {type: book}\nbook: {title: T, chapters: [index.qmd]}\n", encoding="utf-8")
    (tmp_path / "index.qmd").write_text(
        "# T {#sec-t}\n\n```{python}\n#| label: tbl-t-a\n#| tbl-cap: \"A\"\n1\n```\n",
        encoding="utf-8")
    with pytest.raises(ValueError, match=r"index.qmd: table cell 'tbl-t-a' \(line \d+\) printed"):
        tables_of_book(book_tables(load_book(tmp_path)), {"index.qmd": {}})


def test_a_question_section_table_no_notebook_printed_is_left_out():
    from analysis.annex import tables_of_book
    from analysis.book_order import BookTables, NumberedTable

    printed = {"a.qmd": {"tbl-a-q01": (["Svar"], [["Ja"]])}}
    book = BookTables("T", "", "t.xlsx", (
        NumberedTable("tbl-a-q01", "Tabell 1.1", "Q1", "a.qmd", 3, optional=True),
        NumberedTable("tbl-a-q02", "Tabell 1.2", "Q2", "a.qmd", 9, optional=True)))
    assert [t.label for t in tables_of_book(book, printed)] == ["tbl-a-q01"]
    with pytest.raises(ValueError, match="tbl-a-q02"):
        tables_of_book(BookTables("T", "", "t.xlsx", (
            NumberedTable("tbl-a-q02", "Tabell 1.2", "Q2", "a.qmd", 9, optional=False),)),
            printed)


def test_numbers_are_numbers_and_intervals_two_columns(tmp_path):
    """An auditor can sum the annex: hand-written cells as the book prints them."""
    headers = ("Svaralternativ", "Antall 2025", "Andel 2025", "95 % KI 2025", "Endring (pp)",
               "p", "Snitt")
    rows = [["Ja", "51", "33\u00a0%", "26\u201341\u00a0%", "\u221210", "< 0,001", "3,98"],
            ["Nei", "155\u2020", "67\u00a0%", "ukjent", "+8", "0,042", "ukjent"]]
    path = write_annex(tmp_path / "a.xlsx", [_table("tbl-x-q01", rows, headers)])
    book = load_workbook(path)
    sheet = book["x-q01"]
    assert [c.value for c in sheet[3]] == ["Svaralternativ", "Antall 2025", "Andel 2025",
                                           "95 % KI 2025 nedre", "95 % KI 2025 øvre",
                                           "Endring (pp)", "p", "Snitt"]
    ja, nei = ([c.value for c in sheet[r]] for r in (4, 5))
    assert ja == ["Ja", 51, 0.33, 0.26, 0.41, -10, "< 0,001", 3.98]
    assert nei == ["Nei", 155, 0.67, "ukjent", None, 8, 0.042, "ukjent"]
    assert sheet["C4"].number_format == "0%" and sheet["D4"].number_format == "0%"
    assert sheet["B5"].comment is not None  # the reconstruction's mark, kept as a comment
    assert sheet.freeze_panes == "A4"
    described = {r[0].value: r[1].value for r in book[COLUMNS_SHEET].iter_rows(min_row=2)}
    assert described["95 % KI 2025 nedre"].startswith("Nedre grense")
    assert described["Andel 2025"].startswith("Andel")
