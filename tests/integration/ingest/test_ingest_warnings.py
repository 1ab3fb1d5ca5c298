"""Problems the reader works around: each is a DataProblem with a kind in export.problems (and
a UserWarning), so a data-quality table can count them."""

import datetime as dt
import warnings

import openpyxl
import pytest
from xlsx_builder import Error, Formula, workbook_parts, write_parts

from analysis.ingest import count_kinds, read_export
from analysis.ingest.forms_writer import write_table
from analysis.ingest.summary import summarize_export

HEADER = ["ID", "Starttidspunkt", "Fullføringstidspunkt", "Hvilken rolle har du?",
          "Har du brukt NorCRIN sine tjenester?", "Hvilke tjenester har du brukt?",
          "Hvor fornøyd var du – alt i alt?", "Har du andre kommentarer:"]
T = dt.datetime(2025, 3, 3, 9, 15)


def _row(id_, q01="Forsker", q04=4, q05=None, start=T, completion=T + dt.timedelta(minutes=5)):
    return [id_, start, completion, q01, "Ja", "Monitorering;", q04, q05]


def _read(path, mini):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        export = read_export(path, mini)
    assert [str(w.message) for w in caught] == [str(p) for p in export.problems]
    return export


def test_formula_without_saved_value(tmp_path, mini):
    rows = [_row(1, q04=Formula("2+2")), _row(2, q04=Formula("2+3", cached=5))]
    export = _read(write_parts(tmp_path / "svar.xlsx", workbook_parts(HEADER, rows)), mini)
    assert [str(p) for p in export.problems] == [
        "svar.xlsx, sheet 'Sheet1', row 2, column G ('Hvor fornøyd var du – alt i alt?'): the "
        "cell holds a formula without a saved value; read as not answered; value '=2+2'; "
        "expected a value (open the file in Excel and save it, so that formulas are calculated "
        "and their values kept)"]
    assert export.problems[0].kind == "formula_without_value"
    assert export.wide["q04"].isna().tolist() == [True, False]
    assert export.wide.loc[2, "q04"] == 5
    assert export.respondents == 2


def test_formula_written_by_openpyxl(tmp_path, mini):
    # openpyxl stores formulas without computing them, as many scripts that "fix" exports do.
    path = tmp_path / "svar.xlsx"
    book = openpyxl.Workbook()
    for row in [HEADER, _row(1), _row(2)]:
        book.active.append(row)
    book.active["H3"] = '=CONCATENATE("Bra", " nok")'
    book.save(path)
    export = _read(path, mini)
    assert [(p.kind, p.row, p.value) for p in export.problems] == [
        ("formula_without_value", 3, '=CONCATENATE("Bra", " nok")')]


def test_excel_error_cell(tmp_path, mini):
    rows = [_row(1, q01=Error("#N/A")), _row(2)]
    export = _read(write_parts(tmp_path / "svar.xlsx", workbook_parts(HEADER, rows)), mini)
    assert [str(p) for p in export.problems] == [
        "svar.xlsx, sheet 'Sheet1', row 2, column D ('Hvilken rolle har du?'): the cell holds "
        "an Excel error; read as not answered; value '#N/A'; expected an answer, or an empty "
        "cell"]
    assert export.problems[0].kind == "error_value"


def test_completion_before_start(tmp_path, mini):
    rows = [_row(1), _row(2, start=T, completion=T - dt.timedelta(hours=1))]
    export = _read(write_parts(tmp_path / "svar.xlsx", workbook_parts(HEADER, rows)), mini)
    assert [str(p) for p in export.problems] == [
        "svar.xlsx, sheet 'Sheet1', row 3, column C ('Fullføringstidspunkt'): completed before "
        "it was started; value '2025-03-03 08:15:00'; expected a completion time at or after "
        "the start time (2025-03-03 09:15:00)"]
    assert export.problems[0].kind == "completion_before_start"


@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_empty_response_is_not_a_respondent(tmp_path, mini, suffix):
    empty = [3, T, T, None, None, None, None, None]
    path = write_table(tmp_path / f"svar.{suffix}", HEADER, [_row(1), empty, _row(2)])
    export = _read(path, mini)
    sheet = ", sheet 'Sheet1'" if suffix == "xlsx" else ""
    assert [str(p) for p in export.problems] == [
        f"svar.{suffix}{sheet}, row 3: the response has no answers; it is not counted as a "
        "respondent; expected at least one answered question"]
    assert export.respondents == 2
    assert export.wide.index.tolist() == [1, 2]
    assert summarize_export(export)["respondents"] == 2


def test_problems_counted_by_kind(tmp_path, mini):
    rows = [_row(1, q04=Formula("1")), [2, T, T, None, None, None, None, None],
            _row(3, completion=T - dt.timedelta(minutes=1))]
    export = _read(write_parts(tmp_path / "svar.xlsx", workbook_parts(HEADER + ["Avdeling"],
                                                                      rows)), mini)
    counts = count_kinds(export.problems)
    assert {k: n for k, n in counts.items() if n} == {
        "unknown_column": 1, "completion_before_start": 1, "formula_without_value": 1,
        "empty_response": 1}
    assert counts["invalid_answer"] == 0


def test_many_warnings_are_issued_as_twenty_and_a_count(tmp_path, mini):
    header = HEADER + [f"Ekstra {i}" for i in range(25)]
    rows = [_row(1) + ["x"] * 25, [2, T, T, None, None, None, None, None] + [None] * 25]
    path = write_parts(tmp_path / "svar.xlsx", workbook_parts(header, rows))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        export = read_export(path, mini)
    assert len(export.problems) == 26
    assert [str(w.message) for w in caught[:20]] == [str(p) for p in export.problems[:20]]
    assert [str(w.message) for w in caught[20:]] == [
        "svar.xlsx: ... and 6 more warnings (5 unknown_column, 1 empty_response)"]
