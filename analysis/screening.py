"""The personal-data screen of typed answers on load, and its review record outside the book."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd

from analysis.paths import project_root


def screen_export(export):
    """Redact or withhold personal data (names, national ids, phones, e-mail, URLs) in free text.

    E-mail and name *columns* are already dropped by the reader; this catches what respondents
    typed into free-text fields (:func:`analysis.freetext.screen` says how). Returns the
    screened export (a copy) and the findings (``respondent``, ``question``, ``kind``,
    ``action`` per item found) -- never the values.
    """
    from analysis.freetext import screen, screen_frame

    long, removals = screen_frame(export.long)
    wide = export.wide.copy()
    # Only typed text can hold personal data: free-text answers and typed "Annet" answers.
    # Option labels and ratings come from the questionnaire and need no screening.
    typed = [c for c in wide.columns if str(c).endswith("_other") or c in _free_text_ids(export)]
    for column in typed:
        wide[column] = [screen(v).text if isinstance(v, str) else v for v in wide[column]]
    return replace(export, long=long, wide=wide), removals


def _free_text_ids(export) -> set[str]:
    """Ids of free-text questions; every text column when no questionnaire is attached."""
    if export.questionnaire is None:
        return {c for c in export.wide.columns
                if not pd.api.types.is_numeric_dtype(export.wide[c])}
    from analysis.questionnaire import QuestionType

    return {q.id for q in export.questionnaire.questions if q.type is QuestionType.TEXT}


#: Folder of the screening review record: outside the published book, git-ignored.
REVIEW_DIR = "_review"


def write_review(bundle) -> list[Path]:
    """Write ``_review/screened-<year>.csv`` per wave: which typed answers the personal-data
    screen withheld or redacted and why (respondent, question, action, kinds; no values).

    Never part of ``_book/``; the render writes it so the secretariat can check the screen.
    """
    import csv

    from analysis.freetext import REVIEW_COLUMNS

    folder = (bundle.root or project_root()) / REVIEW_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for year, wave in bundle.waves.items():
        path = folder / f"screened-{year}.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(REVIEW_COLUMNS)
            writer.writerows(wave.review_rows)
        written.append(path)
    return written
