"""A realistic export (Norwegian interface, shuffled columns, messy headers) gives the
hand-counted summary, in xlsx and in both CSV dialects, and never leaks e-mail or name."""

import datetime as dt
import json
import subprocess
import sys

import pandas as pd
import pytest

from analysis.ingest import read_forms_export
from analysis.ingest.forms_writer import write_table
from analysis.ingest.summary import summarize_export

EMAIL, NAME = "ola.nordmann@example.no", "Ola Nordmann"
HEADER = [
    "Navn", "4. Tenk på siste studie. Hvor fornøyd var du - alt i alt?\u00a0", "ID",
    "Hvilke\u00a0tjenester har du brukt (flere svar mulig)?  ", "E-postadresse",
    "1. Hvilken rolle har du? ", "Fullføringstidspunkt", "2) Har du brukt NorCRIN sine tjenester?",
    "Starttidspunkt", "Har du andre kommentarer", "Tidspunkt for siste endring",
]
T = dt.datetime(2025, 3, 3, 9, 15, 0)
# Columns as in HEADER: name, q04, ID, q03, email, q01, completion, q02, start, q05, modified
ROWS = [
    [NAME, 5, 11, "Monitorering;Rådgivning, planlegging;", EMAIL, "Forsker", T, "Ja", T, "Bra",
     None],
    [NAME, 4, 12, "Rådgivning, planlegging;Egen tjeneste;", EMAIL, "Studiesykepleier", T, "Ja",
     T, None, None],
    [NAME, 4.0, 15, None, EMAIL, None, T, "Nei", T, None, None],
    [NAME, "3", 13, None, EMAIL, "Prosjektleder", T, "Nei", T, "  ", None],
    [NAME, None, 14, "Datahåndtering;", EMAIL, "Forsker", T, "Ja", T, "Raskere svar", None],
]
# Counted by hand from ROWS above.
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


def _write(path):
    if path.suffix == ".csv" and "utf8" in path.name:
        # A comma-separated UTF-8 file with BOM, as "CSV UTF-8" in Excel saves it.
        text = pd.DataFrame(ROWS, columns=HEADER).to_csv(index=False,
                                                         date_format="%m/%d/%y %H:%M:%S")
        path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
        return path
    return write_table(path, HEADER, ROWS)


@pytest.mark.parametrize("name", ["svar.xlsx", "svar.csv", "svar-utf8.csv"])
def test_summary_is_the_hand_count(tmp_path, mini, name):
    export = read_forms_export(_write(tmp_path / name), mini)
    assert summarize_export(export) == EXPECTED
    assert export.problems == []


def test_frames(tmp_path, mini):
    export = read_forms_export(_write(tmp_path / "svar.xlsx"), mini)
    assert export.wide.index.tolist() == [11, 12, 13, 14, 15]
    assert export.wide.loc[12, "q03"] == ("Rådgivning, planlegging", "Annet")
    assert export.wide.loc[12, "q03_other"] == "Egen tjeneste"
    assert export.wide.loc[13, "q01_other"] == "Prosjektleder"
    assert export.wide.loc[13, "q04"] == 3
    assert export.wide.loc[11, "submitted"] == pd.Timestamp(T)
    q03 = export.long[export.long.question == "q03"]
    assert q03[["respondent", "option"]].values.tolist() == [
        [11, "Monitorering"], [11, "Rådgivning, planlegging"],
        [12, "Rådgivning, planlegging"], [12, "Annet"], [14, "Datahåndtering"]]
    assert q03.text.isna().tolist() == [True, True, True, False, True]
    frames = export.long.to_string() + export.wide.to_string()
    assert EMAIL not in frames and NAME not in frames


@pytest.mark.parametrize("flag", ["--json", None])
def test_cli_json_has_counts_and_no_personal_data(tmp_path, mini_path, flag):
    path = _write(tmp_path / "svar.xlsx")
    command = [sys.executable, "-m", "analysis", "summarize", str(path),
               "--questionnaire", str(mini_path)] + ([flag] if flag else [])
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    if flag:
        assert json.loads(result.stdout) == EXPECTED
    else:
        assert "Rådgivning, planlegging" in result.stdout
    for leak in (EMAIL, NAME, "Ola"):
        assert leak not in result.stdout + result.stderr
