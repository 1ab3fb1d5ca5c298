"""python-calamine reads the bundled exports exactly as the regex reader (xlsx_fast) did.

Temporary: this test goes when ``analysis/ingest/xlsx_fast.py`` goes; the cells it checks are
then pinned by hand in test_ingest_xlsx_reader.py.
"""

import warnings
import zipfile

import numpy as np
import pandas as pd
import pytest

from analysis.ingest import read_export, table
from analysis.ingest.problems import ProblemLog
from analysis.ingest.xlsx_fast import read_sheet, sheet_names
from analysis.ingest.xlsx_reader import read_xlsx_cells
from analysis.paths import exports_dir
from analysis.questionnaire import load_questionnaire


def _regex_cells(path, log, sheet):
    """The old reader's cells, in the array layout of read_xlsx_cells."""
    with zipfile.ZipFile(path) as archive:
        names = dict(sheet_names(archive))
        log.sheet = sheet or next(iter(names))
        numbered = read_sheet(archive, names[log.sheet])
    cells = np.empty((numbered[-1][0], max(len(r) for _, r in numbered)), dtype=object)
    for number, row in numbered:
        cells[number - 1, :len(row)] = row
    return cells, [], []


@pytest.mark.parametrize("year", [2023, 2025])
def test_same_cells(year):
    path = exports_dir() / f"forms-{year}.xlsx"
    new, _, _ = read_xlsx_cells(path, ProblemLog(path), None)
    old, _, _ = _regex_cells(path, ProblemLog(path), None)
    assert new.shape == old.shape
    # Same values; calamine gives every number as a float, the regex reader gave ints.
    assert [[_whole(v) for v in row] for row in new.tolist()] == old.tolist()


def _whole(value):
    return int(value) if isinstance(value, float) and value.is_integer() else value


@pytest.mark.parametrize("year", [2023, 2025])
def test_same_frames(monkeypatch, year):
    path = exports_dir() / f"forms-{year}.xlsx"
    questionnaire = load_questionnaire(year)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new = read_export(path, questionnaire)
        monkeypatch.setattr(table, "read_xlsx_cells", _regex_cells)
        old = read_export(path, questionnaire)
    assert new.respondents == old.respondents
    pd.testing.assert_frame_equal(new.long, old.long)
    pd.testing.assert_frame_equal(new.wide, old.wide)
