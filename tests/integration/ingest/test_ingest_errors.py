"""Malformed exports, written to tmp_path: each fails (or warns) with a message that names
the file, sheet, row, column, value and what was allowed."""

import datetime as dt
import zipfile

import openpyxl
import pytest

from analysis.ingest import ExportError, read_forms_export
from analysis.ingest.forms_writer import write_table

EMAIL, NAME = "kari.nordmann@example.no", "Kari Nordmann"
FIXED = ["ID", "Starttidspunkt", "Fullføringstidspunkt", "E-postadresse", "Navn"]
QUESTIONS = ["Hvilken rolle har du?", "Har du brukt NorCRIN sine tjenester?",
             "Hvilke tjenester har du brukt?", "Hvor fornøyd var du – alt i alt?",
             "Har du andre kommentarer:"]
T = dt.datetime(2025, 3, 3, 9, 15, 0)


def _row(id_, q01="Forsker", q02="Ja", q03="Monitorering;", q04=4, q05=None):
    return [id_, T, T, EMAIL, NAME, q01, q02, q03, q04, q05]


def _export(path, rows, header=None):
    return write_table(path, header or FIXED + QUESTIONS, rows)


def _error(path, mini) -> str:
    with pytest.raises(ExportError) as caught:
        read_forms_export(path, mini)
    text = str(caught.value)
    assert EMAIL not in text and NAME not in text
    return text


def test_unknown_option(tmp_path, mini):
    path = _export(tmp_path / "svar.xlsx", [_row(1), _row(2, q02="Kanskje")])
    assert _error(path, mini) == (
        "svar.xlsx, sheet 'Sheet1', row 3, column G ('Har du brukt NorCRIN sine tjenester?'): "
        "q02: unknown option; value 'Kanskje'; expected one of 'Ja', 'Nei'")


@pytest.mark.parametrize("value, message", [
    (6, "rating outside the scale; value '6'"), (3.5, "not an integer rating; value '3.5'"),
    ("god", "not an integer rating; value 'god'")])
def test_rating_errors(tmp_path, mini, value, message):
    path = _export(tmp_path / "svar.xlsx", [_row(1, q04=value)])
    text = _error(path, mini)
    assert "row 2, column I ('Hvor fornøyd var du – alt i alt?')" in text
    assert f"q04: {message}; expected an integer from 1 to 5" in text


def test_too_many_choices(tmp_path, mini):
    cell = "Monitorering;Rådgivning, planlegging;Datahåndtering;Noe eget;"
    path = _export(tmp_path / "svar.csv", [_row(1, q03=cell)])
    assert _error(path, mini) == (
        f"svar.csv, row 2, column H ('Hvilke tjenester har du brukt?'): q03: 4 choices; "
        f"value {cell!r}; expected at most 3 choices")


def test_duplicate_response_id(tmp_path, mini):
    path = _export(tmp_path / "svar.xlsx", [_row(7), _row(8), _row(7)])
    assert _error(path, mini) == (
        "svar.xlsx, sheet 'Sheet1', row 4, column A ('ID'): duplicate response ID (also on "
        "row 2); value '7'; expected a unique ID per response")


def test_missing_question_column_lists_closest_headers(tmp_path, mini):
    header = FIXED + QUESTIONS[:3] + ["Hvor fornøyd er du totalt?"] + QUESTIONS[4:]
    path = _export(tmp_path / "svar.xlsx", [_row(1)], header)
    text = _error(path, mini)
    assert "no column for q04 ('Hvor fornøyd var du – alt i alt?')" in text
    assert "closest headers found: I ('Hvor fornøyd er du totalt?')" in text


def test_unknown_extra_column_is_a_warning(tmp_path, mini):
    header = FIXED + QUESTIONS + ["Hvilken avdeling?"]
    path = _export(tmp_path / "svar.xlsx", [_row(1) + ["Avd. X"]], header)
    with pytest.warns(UserWarning, match=r"column K \('Hvilken avdeling\?'\): column matches"):
        export = read_forms_export(path, mini)
    assert [p.column for p in export.problems] == ["K ('Hvilken avdeling?')"]
    assert export.problems[0].value is None
    assert "Avd. X" not in export.long.to_string()


def test_unreadable_time_is_a_warning_and_na(tmp_path, mini):
    row = _row(1)
    row[2] = "i går"
    path = _export(tmp_path / "svar.csv", [row, _row(2)])
    with pytest.warns(UserWarning, match="row 2, column C .*unreadable time"):
        export = read_forms_export(path, mini)
    assert export.wide["submitted"].isna().tolist() == [True, False]


def test_routing_breach_is_a_warning(tmp_path, mini):
    path = _export(tmp_path / "svar.xlsx", [_row(1, q02="Nei", q03="Monitorering;")])
    with pytest.warns(UserWarning, match="row 2: q03 answered although routing skips it"):
        export = read_forms_export(path, mini)
    assert len(export.long[export.long.question == "q03"]) == 1


def test_all_problems_are_listed_together(tmp_path, mini):
    rows = [_row(i, q02="Kanskje") for i in range(1, 26)]
    text = _error(_export(tmp_path / "svar.xlsx", rows), mini)
    assert text.startswith("cannot read the survey export")
    assert "row 21," in text and "row 22," not in text
    assert text.endswith("... and 5 more problems")


def test_bad_id_does_not_quote_personal_columns(tmp_path, mini):
    path = _export(tmp_path / "svar.xlsx", [_row("x1")])
    assert "row 2, column A ('ID'): response ID is not a whole number; value 'x1'" in \
        _error(path, mini)


def test_header_without_rows(tmp_path, mini):
    path = _export(tmp_path / "svar.xlsx", [])
    assert _error(path, mini) == ("svar.xlsx, sheet 'Sheet1': the header has no rows below it; "
                                  "expected one row per response")


def test_empty_file(tmp_path, mini):
    path = tmp_path / "svar.csv"
    path.write_bytes(b"")
    assert _error(path, mini) == ("svar.csv: the file is empty; expected a header row and "
                                  "one row per response")


def test_pdf_renamed_xlsx(tmp_path, mini):
    path = tmp_path / "svar.xlsx"
    path.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    assert _error(path, mini) == ("svar.xlsx: this is a PDF document, not a spreadsheet; "
                                  "expected a .xlsx workbook or a .csv file")


def test_zip_that_is_not_a_workbook(tmp_path, mini):
    path = tmp_path / "svar.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "hello")
    assert "svar.xlsx: this is a zip archive but not an Excel workbook" in _error(path, mini)


def test_txt_file(tmp_path, mini):
    path = tmp_path / "svar.txt"
    path.write_text("ID;Starttidspunkt\n1;2\n", encoding="utf-8")
    assert _error(path, mini) == ("svar.txt: not an export file (suffix '.txt'); "
                                  "expected a .xlsx workbook or a .csv file")


def test_missing_sheet(tmp_path, mini):
    path = _export(tmp_path / "svar.xlsx", [_row(1)])
    with pytest.raises(ExportError, match=r"svar.xlsx: no sheet 'Svar'; expected one of "
                                          r"\['Sheet1'\]"):
        read_forms_export(path, mini, sheet="Svar")


def test_csv_with_mojibake(tmp_path, mini):
    path = _export(tmp_path / "svar.csv", [_row(1, q05="Blåbær")])
    # UTF-8 read as cp1252 and saved again: "å" becomes "Ã¥".
    path.write_bytes(path.read_bytes().decode("cp1252").encode("utf-8").decode("cp1252")
                     .encode("utf-8"))
    text = _error(path, mini)
    assert text.startswith("svar.csv: the text is garbled on line 1 ('Ã¸'): UTF-8 that was "
                           "read as Windows-1252 and saved again")
    assert text.endswith("expected UTF-8 or Windows-1252 (cp1252) text, as Excel saves CSV")


def test_csv_in_neither_encoding(tmp_path, mini):
    path = tmp_path / "svar.csv"
    # 0x81 is undefined in Windows-1252 and not valid UTF-8 (e.g. a UTF-16 or EBCDIC file).
    path.write_bytes(b"ID;Navn\r\n1;\x81\x81\r\n")
    assert _error(path, mini) == (
        "svar.csv: the CSV is neither UTF-8 nor Windows-1252 (byte 0x81 at offset 11); "
        "expected UTF-8 or Windows-1252 (cp1252) text, as Excel saves CSV")


@pytest.mark.parametrize("second, name", [("Id", "ID"), ("Completion time", "completion time")])
def test_second_fixed_column(tmp_path, mini, second, name):
    header = FIXED + QUESTIONS + [second]
    path = _export(tmp_path / "svar.xlsx", [_row(1) + [2 if name == "ID" else T]], header)
    first = "A ('ID')" if name == "ID" else "C ('Fullføringstidspunkt')"
    assert _error(path, mini) == (
        f"svar.xlsx, sheet 'Sheet1', column K ({second!r}): second {name} column; expected one "
        f"{name} column (first: {first})")


def test_data_not_on_the_first_sheet(tmp_path, mini):
    path = tmp_path / "svar.xlsx"
    book = openpyxl.Workbook()
    book.active.title = "Forside"
    book.active.append(["Brukerundersøkelse 2025", "eksportert fra Forms"])
    book.active.append(["se arket Svar", None])
    answers = book.create_sheet("Svar")
    for row in [FIXED + QUESTIONS, _row(1)]:
        answers.append(row)
    book.create_sheet("Notater")
    book.save(path)
    assert _error(path, mini) == (
        "svar.xlsx, sheet 'Forside': none of the 5 questions has a column here; expected the "
        "sheet that holds the responses; the workbook also has 'Svar', 'Notater': set `sheet:` "
        "for this export in the manifest (data/exports/MANIFEST.yaml), or pass sheet= / --sheet")
    assert read_forms_export(path, mini, sheet="Svar").respondents == 1


def test_empty_first_sheet(tmp_path, mini):
    path = tmp_path / "svar.xlsx"
    book = openpyxl.Workbook()
    book.create_sheet("Svar").append(FIXED + QUESTIONS)
    book.save(path)
    assert _error(path, mini) == (
        "svar.xlsx, sheet 'Sheet': this sheet is empty; expected the sheet that holds the "
        "responses; the workbook also has 'Svar': set `sheet:` for this export in the manifest "
        "(data/exports/MANIFEST.yaml), or pass sheet= / --sheet")


def test_excel_2003_xml_saved_as_xlsx(tmp_path, mini):
    path = tmp_path / "svar.xlsx"
    path.write_text('<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:office:'
                    'spreadsheet"><Worksheet ss:Name="Sheet1"/></Workbook>', encoding="utf-8")
    assert _error(path, mini) == (
        "svar.xlsx: this is an Excel 2003 XML spreadsheet, not a .xlsx workbook; expected a "
        ".xlsx workbook (save it again as Excel Workbook)")
