"""Free-text answers: the report's coded categories and quotes, screening, and tables.

``data/published/free-text-<year>.yaml`` holds what the published report says about each
free-text question; :func:`screen` redacts or withholds answer texts that hold personal data
(names, fødselsnummer, phone numbers, e-mail and web addresses), and :func:`review_rows` lists
what it did, for a record kept outside the book.
"""

from analysis.freetext.coded import (
    NOT_USEFUL,
    UNCATEGORISED,
    category_placeholder,
    coded_answers,
    is_placeholder,
)
from analysis.freetext.findings import Kind
from analysis.freetext.load import FreeTextError, free_text_path, load_free_text
from analysis.freetext.review import REVIEW_COLUMNS, ReviewRow, review_rows
from analysis.freetext.schema import (
    Category,
    FreeText,
    FreeTextQuestion,
    Polarity,
    Quote,
    ThemesBy,
)
from analysis.freetext.screen import (
    LABELS,
    POLICY,
    REMOVED,
    WITHHELD,
    Action,
    ScreenResult,
    marker,
    screen,
    screen_frame,
)
from analysis.freetext.tables import category_examples, category_table, format_quote

__all__ = [
    "LABELS",
    "NOT_USEFUL",
    "POLICY",
    "REMOVED",
    "REVIEW_COLUMNS",
    "UNCATEGORISED",
    "WITHHELD",
    "Action",
    "Category",
    "FreeText",
    "FreeTextError",
    "FreeTextQuestion",
    "Kind",
    "Polarity",
    "Quote",
    "ReviewRow",
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
    "marker",
    "review_rows",
    "screen",
    "screen_frame",
]
