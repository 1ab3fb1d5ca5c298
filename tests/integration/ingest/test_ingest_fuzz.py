"""Fuzz test: an export built from arbitrary cell values (respondent text with markup, control
characters, very long strings, odd numbers and dates) is either read or refused with an
ExportError -- never another exception."""

import csv
import datetime as dt
import io
import tempfile
import warnings
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from xlsx_builder import Error, Formula, workbook_parts, write_parts

from analysis.ingest import ExportError, SurveyExport, read_export

HEADER = ["ID", "Starttidspunkt", "Fullføringstidspunkt", "E-postadresse", "Navn",
          "Hvilken rolle har du?", "Har du brukt NorCRIN sine tjenester?",
          "Hvilke tjenester har du brukt?", "Hvor fornøyd var du – alt i alt?",
          "Har du andre kommentarer:"]
TEXTS = ["<script>alert('x')</script>", "`{python} 1 + 1`", "```{python}\nimport os\n```",
         "@fig-x", "{{< include x >}}", "$x^2$", "<!-- -->", "]]>", "&amp;", "_x000D_",
         "=1+1", "\x00", "\x1b[31m", "\u202etxet", "Forsker", "Annet", "Ja", "Nei",
         "Monitorering;Datahåndtering;", "Rådgivning, planlegging;", "4", "4,0", "9/20/24 19:04"]
CELL = st.one_of(
    st.none(), st.booleans(), st.integers(-2**70, 2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.datetimes(min_value=dt.datetime(1800, 1, 1), max_value=dt.datetime(9999, 12, 31)),
    st.text(max_size=30), st.sampled_from(TEXTS),
    st.integers(32_760, 32_780).map(lambda n: "ø" * n),
    st.builds(Formula, st.sampled_from(["1+1", "A1&\"<x>\""]), st.sampled_from([None, 3])),
    st.builds(Error, st.sampled_from(["#N/A", "#DIV/0!"])),
)
ROW = st.tuples(st.one_of(st.integers(1, 4), CELL),
                *[st.one_of(st.sampled_from(TEXTS), CELL)] * (len(HEADER) - 1)).map(list)
TABLE = st.lists(ROW, min_size=1, max_size=4)
FUZZ = settings(max_examples=60, deadline=None, database=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _read(path, mini) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            assert isinstance(read_export(path, mini), SurveyExport)
        except ExportError as exc:
            assert str(exc)


@FUZZ
@given(rows=TABLE, shared=st.booleans(), extra=st.none() | st.text(max_size=20))
def test_workbook_is_read_or_refused(mini, rows, shared, extra):
    header = HEADER + ([extra] if extra is not None else [])
    with tempfile.TemporaryDirectory() as folder:
        path = write_parts(Path(folder) / "svar.xlsx", workbook_parts(header, rows,
                                                                      shared=shared))
        _read(path, mini)


@FUZZ
@given(rows=TABLE, delimiter=st.sampled_from([";", ",", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "utf-16"]))
def test_csv_is_read_or_refused(mini, rows, delimiter, encoding):
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=delimiter)
    writer.writerows([HEADER, *[[_csv_text(v) for v in row] for row in rows]])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "svar.csv"
        path.write_bytes(text.getvalue().encode(encoding, errors="replace"))
        _read(path, mini)


def _csv_text(value) -> str:
    if isinstance(value, Formula | Error):
        return f"={value.text}" if isinstance(value, Formula) else value.text
    if isinstance(value, dt.datetime):
        return value.strftime("%m/%d/%y %H:%M:%S")
    return "" if value is None else str(value)


GOOD = [[1, dt.datetime(2025, 3, 3, 9, 15), None, "anonymous", None, "Forsker", "Ja",
         "Monitorering;", 4, "Bra"]]


@FUZZ
@given(stored=st.booleans(), shared=st.booleans(), cut=st.none() | st.floats(0, 1),
       flips=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 255)),
                      min_size=1, max_size=5))
def test_damaged_workbook_is_refused(mini, stored, shared, cut, flips):
    # Random damage once let zipfile's NotImplementedError (unknown compression) through.
    with tempfile.TemporaryDirectory() as folder:
        path = write_parts(Path(folder) / "svar.xlsx", workbook_parts(HEADER, GOOD,
                                                                      shared=shared),
                           stored=stored)
        data = bytearray(path.read_bytes())
        for where, byte in flips:
            data[int(where * len(data))] = byte
        path.write_bytes(bytes(data[:int(cut * len(data))] if cut is not None else data))
        _read(path, mini)
