"""Two hand-made questionnaires, 2025 and 2027, for the compare_to and diff tests.

From 2025 to 2027: q01 is reworded; in q02 the option «Kjenner godt» is renamed «Kjenner
svært godt» and kept comparable, «Usikker» is renamed «Vet ikke» and *not* comparable
(null), «Aldri hørt om» is dropped and «Ny kanal» is added; q03 is dropped; q04 is added.
"""

from __future__ import annotations

import copy

from analysis.questionnaire.schema import Questionnaire

RAW_2025 = {
    "year": 2025, "title": "Undersøkelse 2025", "source": "hand-made",
    "questions": [
        {"id": "q01", "number": 1, "text": "Hvor jobber du?", "type": "single",
         "options": [{"label": "Sykehus"}, {"label": "Industri"}]},
        {"id": "q02", "number": 2, "text": "Hvor godt kjenner du oss?", "type": "multiple",
         "options": [{"label": "Kjenner godt"}, {"label": "Usikker"},
                     {"label": "Aldri hørt om"}]},
        {"id": "q03", "number": 3, "text": "Hvor lett var det?", "type": "rating",
         "scale": {"low_label": "Vanskelig", "high_label": "Lett"}},
    ],
}

RAW_2027 = {
    "year": 2027, "title": "Undersøkelse 2027", "source": "hand-made",
    "questions": [
        {"id": "q01", "number": 1, "text": "Hvor arbeider du?", "type": "single",
         "options": [{"label": "Sykehus"}, {"label": "Industri"}]},
        {"id": "q02", "number": 2, "text": "Hvor godt kjenner du oss?", "type": "multiple",
         "options": [{"label": "Kjenner svært godt"}, {"label": "Vet ikke"},
                     {"label": "Ny kanal"}]},
        {"id": "q04", "number": 4, "text": "Hva savner du?", "type": "text", "new": True},
    ],
    "compare_to": {
        "target_year": 2025,
        "questions": {"q01": "q01", "q02": "q02", "q04": None},
        "options": {
            "q01": {"Sykehus": "Sykehus", "Industri": "Industri"},
            "q02": {"Kjenner svært godt": "Kjenner godt", "Vet ikke": None},
        },
    },
}


def raw(which: dict) -> dict:
    """A deep copy to edit."""
    return copy.deepcopy(which)


def q2025() -> Questionnaire:
    return Questionnaire.model_validate(raw(RAW_2025))


def q2027() -> Questionnaire:
    return Questionnaire.model_validate(raw(RAW_2027))
