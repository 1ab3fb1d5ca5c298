"""The pipe-table formatter run in the kernel, and the book's slug."""

from __future__ import annotations

import pandas as pd

from analysis.engine.book import Book
from analysis.engine.kernel import dataframe_to_pipe_table


def test_pipe_table_aligns_numbers_right_and_blanks_missing():
    frame = pd.DataFrame({"Svar": ["Ja", "Nei|kanskje"], "Andel": [0.5, float("nan")]})
    assert dataframe_to_pipe_table(frame) == (
        # dashes per column = its longest cell + 3 (escaped "Nei\\|kanskje" is 12), at least 8
        "| Svar | Andel |\n|:" + "-" * 14 + "|" + "-" * 7 + ":|\n| Ja | 0.5 |\n"
        "| Nei\\|kanskje |  |")


def test_pipe_table_keeps_a_named_index():
    frame = pd.DataFrame({"n": [3]}, index=pd.Index(["Helse Bergen"], name="Tilhørighet"))
    assert dataframe_to_pipe_table(frame) == (
        "| Tilhørighet | n |\n|:" + "-" * 14 + "|-------:|\n| Helse Bergen | 3 |")


def test_slug_is_ascii():
    assert Book(root=None, title="NorCRIN brukerundersøkelse 2025").slug == (
        "NorCRIN-brukerundersokelse-2025")
