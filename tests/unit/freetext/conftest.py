"""Shared fixtures: the free-text file, loaded once per session."""

import pytest

from analysis.freetext import FreeText, load_free_text


@pytest.fixture(scope="session")
def free_text() -> FreeText:
    return load_free_text()
