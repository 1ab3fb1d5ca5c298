"""The python-calamine worksheet reader: values, 1904 dates, the openpyxl fallback, and cells
of the bundled exports pinned by hand (checked against openpyxl and Excel's own display)."""

import datetime as dt

import numpy as np
import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from analysis.ingest import xlsx_reader
from analysis.ingest.problems import ProblemLog
from analysis.ingest.table import read_table
from analysis.ingest.xlsx_reader import read_xlsx_cells
from analysis.paths import reconstructed_dir

T = dt.datetime(2025, 3, 1, 9, 30)


def _workbook(path, epoch=None):
    # A normal (not write-only) openpyxl workbook uses shared strings, as Excel does.
    book = openpyxl.Workbook()
    if epoch is not None:
        book.epoch = epoch
    sheet = book.active
    sheet.title = "Svar"
    sheet.append(["ID", "Tid", "Valg", "Tall", "Sann"])
    sheet.append([1, T, "A & B;<C>;", 4.5, True])
    sheet.append([2, None, "Blåbær \"syltetøy\"", 10, False])
    sheet.append([None, None, None, None, None])
    sheet.append([4, dt.datetime(2025, 3, 2), "", None, None])
    sheet["C6"] = "rik tekst"
    book.create_sheet("Annet")
    book.save(path)
    return path


def _cells(path, sheet=None):
    cells, notes, others = read_xlsx_cells(path, ProblemLog(path), sheet)
    return cells.tolist(), notes, others


def test_values_as_python_objects(tmp_path):
    cells, notes, others = _cells(_workbook(tmp_path / "a.xlsx"))
    assert cells == [
        ["ID", "Tid", "Valg", "Tall", "Sann"],
        [1.0, T, "A & B;<C>;", 4.5, True],
        [2.0, None, "Blåbær \"syltetøy\"", 10.0, False],
        [None] * 5,
        [4.0, dt.date(2025, 3, 2), None, None, None],  # a date format without time
        [None, None, "rik tekst", None, None],
    ]
    assert notes == [] and others == ["Annet"]


def test_read_table_drops_empty_rows_and_keeps_row_numbers(tmp_path):
    path = _workbook(tmp_path / "a.xlsx")
    table = read_table(path, ProblemLog(path))
    assert table.sheet == "Svar"
    assert table.header == ["ID", "Tid", "Valg", "Tall", "Sann"]
    assert table.row_numbers.tolist() == [2, 3, 5, 6]


def test_1904_dated_workbook(tmp_path):
    # Mac Excel's 1904 date system: the same serial is 1,462 days later than in 1900.
    cells, _, _ = _cells(_workbook(tmp_path / "mac.xlsx", epoch=CALENDAR_MAC_1904))
    assert cells[1][1] == T


def test_openpyxl_reads_what_calamine_cannot(tmp_path, monkeypatch):
    path = _workbook(tmp_path / "a.xlsx")
    expected, _, _ = _cells(path)

    def fail(*args):
        raise RuntimeError("python-calamine panicked")

    monkeypatch.setattr(xlsx_reader, "_calamine_cells", fail)
    fallback, _, _ = _cells(path)
    # openpyxl gives ints where calamine gives floats, and datetimes for date-only formats.
    expected[4][1] = dt.datetime(2025, 3, 2)
    assert fallback == expected


@pytest.mark.parametrize("year, shape, cells", [
    (2023, (156, 24), {(0, 0): "ID", (0, 7): "Hva er din regionale tilhørighet?",
                       (1, 0): 1.0, (1, 1): dt.datetime(2023, 9, 15, 8, 52),
                       (1, 2): dt.datetime(2023, 9, 15, 8, 57, 40), (1, 3): "anonymous",
                       (1, 4): None, (1, 8): "Kjenner litt", (5, 11): 2.0,
                       (155, 0): 155.0, (155, 7): "Sør-Øst-Norge;"}),
    (2025, (187, 28), {(0, 6): "Hva jobber du med eller som?",
                       (1, 1): dt.datetime(2025, 8, 23, 17, 56),
                       (1, 2): dt.datetime(2025, 8, 23, 18, 15, 52),
                       (1, 6): "Forsker/utprøver (for eksempel PI);",
                       (5, 11): "Ca. annenhver måned eller sjeldnere", (5, 12): 3.0,
                       (186, 0): 186.0, (186, 2): dt.datetime(2025, 8, 12, 13, 52, 29)}),
])
def test_bundled_export_cells(year, shape, cells):
    path = reconstructed_dir() / f"forms-{year}.xlsx"
    found, notes, _ = read_xlsx_cells(path, ProblemLog("x"), None)
    assert found.shape == shape and notes == []
    assert {k: found[k] for k in cells} == cells
    assert not np.equal(found, "").any()
