"""Nettskjema exports (CSV report, Excel report, TSD Data Loader CSV), made by hand after the
format notes: recognised from the header, read into the same frames and summary as a Forms
export, with option codes mapped through the questionnaire's `code`s."""

import csv
import datetime as dt
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from xlsx_builder import workbook_parts, write_parts

from analysis.ingest import ExportError, read_export, read_forms_export
from analysis.ingest.summary import summarize_export
from analysis.questionnaire import load_questionnaire

DATA = Path(__file__).parent / "data"

HEADER = ["$submission_id", "$created", "rolle", "brukt", "tjenester.1", "tjenester.2",
          "tjenester.3", "tjenester.4", "fornoyd", "kommentar", "$answer_time_ms"]
ROWS = [
    ["27685292", "2023-06-01T20:57:15+02:00", "1", "1", "1", "1", "0", "0", "5", "Bra",
     "74630"],
    ["27685293", "2023-06-01T21:03:40+02:00", "2", "1", "0", "1", "0", "1", "4", "", "51200"],
    ["27685294", "2023-06-02T08:10:05+02:00", "", "0", "0", "0", "0", "0", "4", "", "30001"],
    ["27685295", "2023-06-02T09:00:00+02:00", "9", "0", "0", "0", "0", "0", "3", "  ", "9000"],
    ["27685296", "2023-06-03T12:30:59+02:00", "1", "1", "0", "0", "1", "0", "", "Raskere svar",
     "120000"],
]
# Counted by hand from ROWS (codes as in mini-nettskjema.yaml).
EXPECTED = {
    "respondents": 5,
    "q01": {"n": 4, "counts": {"Forsker": 2, "Studiesykepleier": 1, "Annet": 1}},
    "q02": {"n": 5, "counts": {"Ja": 3, "Nei": 2}},
    "q03": {"n": 3, "counts": {"Monitorering": 1, "Rådgivning, planlegging": 2,
                               "Datahåndtering": 1, "Annet": 1}},
    "q04": {"n": 4, "counts": {"1": 0, "2": 0, "3": 1, "4": 2, "5": 1},
            "mean": 4.0, "median": 4.0},
    "q05": {"n": 2},
}


@pytest.fixture(scope="module")
def coded():
    return load_questionnaire(DATA / "mini-nettskjema.yaml")


def _csv(path, header=HEADER, rows=ROWS, delimiter=";"):
    """As the CSV report writes it: every field quoted, UTF-8."""
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerows([header, *rows])
    path.write_bytes(text.getvalue().encode("utf-8"))
    return path


def _xlsx(path, rows=ROWS):
    """As the Excel report writes it: inline strings, the sheet named after the form, the ID
    a number, $created a local date cell, codes and 0/1 as text, empty answers as ''."""
    cells = [[int(r[0]), dt.datetime.fromisoformat(r[1]).replace(tzinfo=None), *r[2:-1],
              int(r[-1])] for r in rows]
    return write_parts(path, workbook_parts(HEADER, cells, shared=False,
                                            sheets=("NorCRIN brukerundersøkelse",),
                                            date_format="yyyy-MM-dd'T'HH:mm:ss"))


@pytest.mark.parametrize("kind", ["report.csv", "report.xlsx", "dataloader.csv"])
def test_summary_is_the_hand_count(tmp_path, coded, kind):
    if kind == "report.xlsx":
        path = _xlsx(tmp_path / "data-123823-2025-08-01-1200.xlsx")
    else:
        path = _csv(tmp_path / "internal_123823.csv", delimiter="," if "loader" in kind else ";")
    export = read_export(path, coded)
    assert export.source == "nettskjema"
    assert summarize_export(export) == EXPECTED
    assert export.problems == []


def test_frames(tmp_path, coded):
    export = read_export(_csv(tmp_path / "svar.csv"), coded)
    wide = export.wide
    assert wide.index.tolist() == [27685292, 27685293, 27685294, 27685295, 27685296]
    assert wide.loc[27685293, "q03"] == ("Rådgivning, planlegging", "Annet")
    assert wide.loc[27685295, "q01"] == "Annet"
    # The wall-clock time is kept and the offset dropped, as in Nettskjema's Excel report.
    assert wide.loc[27685292, "submitted"] == dt.datetime(2023, 6, 1, 20, 57, 15)
    assert export.long[export.long.question == "q03"].option.tolist() == [
        "Monitorering", "Rådgivning, planlegging", "Rådgivning, planlegging", "Annet",
        "Datahåndtering"]


def test_read_forms_export_reads_nettskjema_too(tmp_path, coded):
    assert read_forms_export(_csv(tmp_path / "svar.csv"), coded).source == "nettskjema"


def test_question_texts_as_headers_when_the_codebook_is_off(tmp_path, mini):
    header = ["$submission_id", "$created", "Hvilken rolle har du?",
              "Har du brukt NorCRIN sine tjenester?", "Hvilke tjenester har du brukt?.Monitorering",
              "Hvilke tjenester har du brukt?.Datahåndtering",
              "Hvilke tjenester har du brukt?.Rådgivning, planlegging",
              "Hvilke tjenester har du brukt?.Annet",
              "Tenk på siste studie. Hvor fornøyd var du – alt i alt?",
              "Har du andre kommentarer:", "$answer_time_ms"]
    rows = [["1", "2023-06-01T20:57:15+02:00", "Forsker", "Ja", "1", "", "1", "", "5", "", "9"]]
    export = read_export(_csv(tmp_path / "svar.csv", header, rows), mini)
    assert export.wide.loc[1, "q03"] == ("Monitorering", "Rådgivning, planlegging")
    assert export.wide.loc[1, "q01"] == "Forsker"
    assert [p.kind for p in export.problems] == []


def _error(path, questionnaire) -> str:
    with pytest.raises(ExportError) as caught:
        read_export(path, questionnaire)
    return str(caught.value)


def test_codes_without_a_codebook_in_the_questionnaire(tmp_path, mini):
    header = ["$submission_id", "$created", "Hvilken rolle har du?", "$answer_time_ms"]
    text = _error(_csv(tmp_path / "svar.csv", header, [["1", "", "2", "9"]]), mini)
    assert "  " + (
        "svar.csv, row 2, column C ('Hvilken rolle har du?'): q01: unknown option code; value "
        "'2'; expected one of 'Forsker', 'Studiesykepleier', 'Annet' (or any other text, for "
        "the 'other' option) (a Nettskjema export holds option codes: give each option its "
        "`code:` in the questionnaire)") in text.splitlines()


def test_unknown_code(tmp_path, coded):
    rows = [ROWS[0][:2] + ["7"] + ROWS[0][3:]]
    assert _error(_csv(tmp_path / "svar.csv", rows=rows), coded) == (
        "svar.csv, row 2, column C ('rolle'): q01: unknown option code; value '7'; expected "
        "one of 'Forsker', 'Studiesykepleier', 'Annet' or their codes '1', '2', '9' (or any "
        "other text, for the 'other' option)")


def test_checkbox_value_that_is_not_0_or_1(tmp_path, coded):
    rows = [ROWS[0][:5] + ["ja"] + ROWS[0][6:]]
    assert _error(_csv(tmp_path / "svar.csv", rows=rows), coded) == (
        "svar.csv, row 2, column F ('tjenester.2'): q03: checkbox value is not 1 or 0; value "
        "'ja'; expected 1 (ticked), 0 (not ticked) or empty")


def test_too_many_ticks(tmp_path, coded):
    rows = [ROWS[0][:4] + ["1", "1", "1", "1"] + ROWS[0][8:]]
    assert _error(_csv(tmp_path / "svar.csv", rows=rows), coded) == (
        "svar.csv, row 2, column E ('tjenester.1') to H ('tjenester.4'): q03: 4 choices; "
        "value 'Monitorering;Rådgivning, planlegging;Datahåndtering;Annet'; expected at most "
        "3 choices")


def test_checkbox_option_without_a_column(tmp_path, coded):
    header = [h for h in HEADER if h != "tjenester.3"]
    rows = [r[:6] + r[7:] for r in ROWS]
    with pytest.warns(UserWarning, match="no checkbox column"):
        export = read_export(_csv(tmp_path / "svar.csv", header, rows), coded)
    assert [str(p) for p in export.problems] == [
        "svar.csv: q03: no checkbox column for option 'Datahåndtering' (code 3); never "
        "counted; expected one column '<variable>.<code>' per option"]
    assert export.problems[0].kind == "missing_option_column"


def test_second_submission_id_column(tmp_path, coded):
    header = HEADER + ["$submission_id"]
    rows = [r + [r[0]] for r in ROWS]
    assert _error(_csv(tmp_path / "svar.csv", header, rows), coded) == (
        "svar.csv, column L ('$submission_id'): second ID column; expected one ID column "
        "(first: A ('$submission_id'))")


def test_cli_summarize(tmp_path):
    path = _csv(tmp_path / "svar.csv")
    result = subprocess.run([sys.executable, "-m", "analysis", "summarize", str(path),
                             "--questionnaire", str(DATA / "mini-nettskjema.yaml"), "--json"],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == EXPECTED
