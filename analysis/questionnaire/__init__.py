"""The questionnaire of each survey wave as validated data (``data/questionnaires/<year>.yaml``)."""

from analysis.questionnaire.load import QuestionnaireError, load_questionnaire
from analysis.questionnaire.schema import (
    Option,
    Question,
    Questionnaire,
    QuestionType,
    RatingScale,
    WaveMapping,
)

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
