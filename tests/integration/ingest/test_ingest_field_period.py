"""An export is checked against its wave's field period: a response outside it is a warning
counted in the data-quality table; an export whose responses lie mostly outside it (another
wave's) stops the read with one located error."""

import datetime as dt
import warnings

import pytest

from analysis.ingest import ExportError, read_export
from analysis.ingest.forms_writer import write_table

HEADER = ["ID", "Starttidspunkt", "Fullføringstidspunkt", "Hvilken rolle har du?",
          "Har du brukt NorCRIN sine tjenester?", "Hvilke tjenester har du brukt?",
          "Hvor fornøyd var du – alt i alt?", "Har du andre kommentarer:"]
PERIOD = (dt.date(2025, 8, 11), dt.date(2025, 9, 8))
INSIDE = dt.datetime(2025, 8, 20, 10, 0)


def _row(id_, start, completion=None):
    return [id_, start, completion or start + dt.timedelta(minutes=5), "Forsker", "Ja",
            "Monitorering;", 4, None]


def _read(path, mini, period=PERIOD):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return read_export(path, mini, period=period)


def test_responses_outside_the_period_are_warnings(tmp_path, mini):
    rows = [_row(1, INSIDE), _row(2, dt.datetime(2025, 8, 10, 23, 59)),   # a day before
            _row(3, dt.datetime(2025, 9, 8, 23, 0)),                       # the last day: in
            _row(4, dt.datetime(2025, 9, 8, 23, 58), dt.datetime(2025, 9, 9, 0, 3)),  # after
            _row(5, INSIDE), _row(6, INSIDE)]
    export = _read(write_table(tmp_path / "svar.xlsx", HEADER, rows), mini)
    found = [p for p in export.problems if p.kind == "outside_field_period"]
    assert [p.row for p in found] == [3, 5]  # spreadsheet rows of IDs 2 and 4
    assert found[0].column.startswith("B (") and found[1].column.startswith("C (")
    assert "2025-08-11 to 2025-09-08" in found[0].expected


def test_no_period_no_check(tmp_path, mini):
    rows = [_row(1, dt.datetime(2023, 9, 1, 12, 0))]
    export = _read(write_table(tmp_path / "svar.xlsx", HEADER, rows), mini, period=None)
    assert not [p for p in export.problems if p.kind == "outside_field_period"]


def test_another_waves_export_stops_with_a_located_message(tmp_path, mini):
    moved = [_row(i, dt.datetime(2023, 9, 1 + i, 12, 0)) for i in range(1, 5)]
    rows = moved + [_row(9, INSIDE)]
    with pytest.raises(ExportError) as caught:
        _read(write_table(tmp_path / "svar.xlsx", HEADER, rows), mini)
    message = str(caught.value)
    assert message.startswith("svar.xlsx, sheet 'Sheet1', row 2, column B (")
    assert ("4 of 5 responses were started or completed outside the wave's field period "
            "2025-08-11 to 2025-09-08 (data/survey-waves.yaml); the export looks like another "
            "wave's") in message
    assert "value '2023-09-02 12:00:00'" in message
    assert caught.value.problems[0].kind == "wrong_wave"
