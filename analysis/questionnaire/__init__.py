"""The questionnaire of each survey wave, as validated data (``data/questionnaires/<year>.yaml``)."""

from analysis.questionnaire.schema import (
    Option,
    Question,
    QuestionType,
    Questionnaire,
    RatingScale,
    WaveMapping,
)
from analysis.questionnaire.load import QuestionnaireError, load_questionnaire

__all__ = [
    "Option",
    "Question",
    "QuestionType",
    "Questionnaire",
    "QuestionnaireError",
    "RatingScale",
    "WaveMapping",
    "load_questionnaire",
]
