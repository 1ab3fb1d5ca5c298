"""Fixtures for reading hand-made and deliberately malformed Forms exports."""

from pathlib import Path

import pytest

from analysis.questionnaire.load import load_questionnaire

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def mini():
    """The five-question test questionnaire (one of each type, routing, an other option)."""
    return load_questionnaire(DATA / "mini.yaml")


@pytest.fixture(scope="session")
def mini_path():
    return DATA / "mini.yaml"
