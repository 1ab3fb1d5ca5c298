"""The Forms-format writer: cell format and byte-for-byte determinism."""

import datetime as dt
import time

import openpyxl
import pytest

from analysis.ingest.forms_writer import forms_cell, write_forms_export
from analysis.questionnaire.schema import Question, Questionnaire

QUESTIONNAIRE = Questionnaire(year=2025, title="t", source="test", questions=[
    Question(id="q01", number=1, text="Tjenester?", type="multiple",
             options=[{"label": "A"}, {"label": "B, C"}, {"label": "Annet", "other": True}]),
    Question(id="q02", number=2, text="Kommentar", type="text"),
])
ROWS = [{"id": 7, "start": dt.datetime(2025, 3, 1, 9, 0), "completion":
         dt.datetime(2025, 3, 1, 9, 5), "email": "kari@example.no", "name": "Kari",
         "q01": ["egen tekst", "B, C", "A"], "q02": "Blåbær"}]


def test_multiple_choice_in_option_order_with_trailing_semicolon():
    assert forms_cell(QUESTIONNAIRE.questions[0], ["egen tekst", "B, C", "A"]) == \
        "A;B, C;egen tekst;"
    assert forms_cell(QUESTIONNAIRE.questions[0], []) is None


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_two_writes_give_the_same_bytes(tmp_path, suffix):
    first = write_forms_export(tmp_path / f"a.{suffix}", ROWS, QUESTIONNAIRE)
    time.sleep(2.1)  # zip times have a 2-second resolution: make a clock leak visible
    second = write_forms_export(tmp_path / f"b.{suffix}", ROWS, QUESTIONNAIRE)
    assert first.read_bytes() == second.read_bytes()


def test_xlsx_layout_norwegian_headers(tmp_path):
    path = write_forms_export(tmp_path / "a.xlsx", ROWS, QUESTIONNAIRE)
    sheet = openpyxl.load_workbook(path).active
    assert sheet.title == "Sheet1"
    rows = list(sheet.values)
    assert rows[0][:6] == ("ID", "Starttidspunkt", "Fullføringstidspunkt", "E-postadresse",
                           "Navn", "Tidspunkt for siste endring")
    assert rows[1][6] == "A;B, C;egen tekst;"
    assert isinstance(sheet["C2"].value, dt.datetime)


def test_csv_is_semicolon_cp1252(tmp_path):
    path = write_forms_export(tmp_path / "a.csv", ROWS, QUESTIONNAIRE, language="en")
    lines = path.read_bytes().decode("cp1252").split("\r\n")
    assert lines[0].startswith("ID;Start time;Completion time;Email;Name;")
    assert lines[1] == ('7;3/1/25 9:00:00;3/1/25 9:05:00;kari@example.no;Kari;;'
                        '"A;B, C;egen tekst;";Blåbær')


def test_csv_refuses_text_outside_cp1252(tmp_path):
    rows = [dict(ROWS[0], q02="emoji \U0001f600")]
    with pytest.raises(ValueError, match="Windows-1252"):
        write_forms_export(tmp_path / "a.csv", rows, QUESTIONNAIRE)


def test_an_answer_starting_with_equals_is_text_not_a_formula(tmp_path):
    rows = [dict(ROWS[0], q02='=HYPERLINK("http://evil.example","klikk")')]
    path = write_forms_export(tmp_path / "a.xlsx", rows, QUESTIONNAIRE)
    cell = openpyxl.load_workbook(path).active["H2"]
    assert cell.data_type == "s"
    assert cell.value == '=HYPERLINK("http://evil.example","klikk")'
