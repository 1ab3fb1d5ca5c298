"""Free-text answers: the report's coded categories and quotes, screening, and tables.

``data/published/free-text-<year>.yaml`` holds what the published report says about each
free-text question; :func:`screen` removes personal data from answer texts.
"""

from analysis.freetext.coded import (
    NOT_USEFUL,
    UNCATEGORISED,
    category_placeholder,
    coded_answers,
    is_placeholder,
)
from analysis.freetext.load import FreeTextError, free_text_path, load_free_text
from analysis.freetext.schema import (
    Category,
    FreeText,
    FreeTextQuestion,
    Polarity,
    Quote,
    ThemesBy,
)
from analysis.freetext.screen import REMOVED, ScreenResult, screen, screen_frame
from analysis.freetext.tables import category_examples, category_table, format_quote

__all__ = [
    "NOT_USEFUL",
    "REMOVED",
    "UNCATEGORISED",
    "Category",
    "FreeText",
    "FreeTextError",
    "FreeTextQuestion",
    "Polarity",
    "Quote",
    "ScreenResult",
    "ThemesBy",
    "category_examples",
    "category_placeholder",
    "category_table",
    "coded_answers",
    "format_quote",
    "free_text_path",
    "is_placeholder",
    "load_free_text",
    "screen",
    "screen_frame",
]
