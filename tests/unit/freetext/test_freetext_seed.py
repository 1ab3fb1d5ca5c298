"""Every quote and theme in the free-text file occurs verbatim in the published report."""

import re

import pytest

from analysis.paths import project_root

SEED = "000_cc2ca316f8dd6b6b.txt"


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def report_text() -> str:
    path = project_root().parent / "shared" / "seeds" / SEED
    if not path.is_file():
        pytest.skip(f"report text {path} not available")
    return _normalise(path.read_text(encoding="utf-8"))


def test_every_quote_occurs_in_report(free_text, report_text):
    quotes = [
        (qid, c.name, q.text)
        for qid, question in free_text.questions.items()
        for c in question.categories
        for q in c.quotes
    ]
    # quoted lines counted by hand in the report: q09 3, q12 11+7+9+5, q13 6+5+2+4+3+3, q17 7
    assert len(quotes) == 3 + 32 + 23 + 7
    missing = [item for item in quotes if _normalise(item[2]) not in report_text]
    assert not missing


def test_every_theme_and_category_name_occurs_in_report(free_text, report_text):
    missing = [
        (qid, c.name, text)
        for qid, question in free_text.questions.items()
        for c in question.categories
        for text in (c.name, *c.themes)
        if _normalise(text) not in report_text
    ]
    assert not missing


def test_multipliers_match_report(free_text, report_text):
    for question in free_text.questions.values():
        for c in question.categories:
            for q in c.quotes:
                if q.times > 1:
                    assert f"- {_normalise(q.text)} ({q.times})" in report_text
