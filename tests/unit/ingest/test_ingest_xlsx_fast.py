"""The fast worksheet reader gives the same values as openpyxl, or refuses the layout."""

import datetime as dt
import zipfile

import openpyxl
import pytest

from analysis.ingest.problems import ProblemLog
from analysis.ingest.table import read_table
from analysis.ingest.xlsx_fast import UnsupportedLayoutError, read_sheet, sheet_names


def _workbook(path):
    # A normal (not write-only) openpyxl workbook uses shared strings, unlike our writer.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Svar"
    sheet.append(["ID", "Tid", "Valg", "Tall", "Sann"])
    sheet.append([1, dt.datetime(2025, 3, 1, 9, 30), "A & B;<C>;", 4.5, True])
    sheet.append([2, None, "Blåbær \"syltetøy\"", 10, False])
    sheet.append([None, None, None, None, None])
    sheet.append([4, dt.datetime(2025, 3, 2), None, None, None])
    sheet["C6"] = "rik tekst"
    book.create_sheet("Annet")
    book.save(path)
    return path


def test_same_values_as_openpyxl(tmp_path):
    path = _workbook(tmp_path / "a.xlsx")
    with zipfile.ZipFile(path) as archive:
        names = sheet_names(archive)
        rows = read_sheet(archive, names[0][1])
    assert [n for n, _ in names] == ["Svar", "Annet"]
    assert rows == [
        (1, ("ID", "Tid", "Valg", "Tall", "Sann")),
        (2, (1, dt.datetime(2025, 3, 1, 9, 30), "A & B;<C>;", 4.5, True)),
        (3, (2, None, "Blåbær \"syltetøy\"", 10, False)),
        (5, (4, dt.datetime(2025, 3, 2), None, None, None)),
        (6, (None, None, "rik tekst", None, None)),
    ]


def test_prefixed_markup_is_refused(tmp_path):
    path = _workbook(tmp_path / "a.xlsx")
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace('<c r="', '<c  r="').encode()
    with zipfile.ZipFile(tmp_path / "b.xlsx", "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    with zipfile.ZipFile(tmp_path / "b.xlsx") as archive, pytest.raises(UnsupportedLayoutError):
        read_sheet(archive, "xl/worksheets/sheet1.xml")
    # read_table then falls back to openpyxl and reads the same table.
    table = read_table(tmp_path / "b.xlsx", ProblemLog(tmp_path / "b.xlsx"))
    assert table.row_numbers == [2, 3, 5, 6]
    assert table.rows[0] == (1, dt.datetime(2025, 3, 1, 9, 30), "A & B;<C>;", 4.5, True)
