"""Shared fixtures: the free-text file, loaded once per session; small long answer frames."""

import pandas as pd
import pytest

from analysis.freetext import FreeText, load_free_text


@pytest.fixture(scope="session")
def free_text() -> FreeText:
    return load_free_text(year=2025)


@pytest.fixture
def long_answers():
    """Build a long answers frame (reader dtypes) from (respondent, question, text) triples."""

    def build(rows):
        n = len(rows)
        return pd.DataFrame({
            "respondent": pd.Series([r for r, _, _ in rows], dtype="int64"),
            "question": pd.Series([q for _, q, _ in rows], dtype="str"),
            "option": pd.Series([None] * n, dtype="str"),
            "score": pd.array([None] * n, dtype="Int64"),
            "text": pd.Series([t for _, _, t in rows], dtype="str"),
        })

    return build
