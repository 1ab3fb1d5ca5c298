"""Hand-made questions for the reconstruction tests."""

import pytest

from analysis.questionnaire.schema import Option, Question, RatingScale


def choice(kind: str, labels: str, **limits) -> Question:
    """A choice question with one-letter options, e.g. ``choice("single", "ABC")``."""
    return Question(id="q01", number=1, text="t", type=kind,
                    options=[Option(label=x) for x in labels], **limits)


@pytest.fixture
def rating() -> Question:
    return Question(id="q11", number=11, text="t", type="rating",
                    scale=RatingScale(min=1, max=5, low_label="low", high_label="high"))
