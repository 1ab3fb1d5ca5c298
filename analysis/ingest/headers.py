"""Header text: normalisation, the fixed Forms columns, and matching columns to questions.

Forms writes the question title verbatim as the header, and real exports carry non-breaking
spaces, trailing spaces, newlines, curly quotes, en dashes, a ``2`` suffix for duplicate titles
and columns in any order. So columns are matched by *normalised* text, never by position.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\t\r\n"), " ")
_PUNCT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"',
                        "\u00bb": '"', "\u2013": "-", "\u2014": "-", "\u2212": "-"})
_LEADING_NUMBER = re.compile(r"^\d{1,3}\s*[.)]\s+")
_DUPLICATE_SUFFIX = re.compile(r"^(.*\D)(\d{1,2})$")

#: Normalised fixed-column header -> role, in English and Norwegian (bokmål) interfaces.
FIXED_COLUMNS: dict[str, str] = {
    "id": "id", "start time": "start", "completion time": "completion", "email": "email",
    "name": "name", "last modified time": "modified",
    "starttidspunkt": "start", "fullføringstidspunkt": "completion", "e-postadresse": "email",
    "navn": "name", "tidspunkt for siste endring": "modified",
    "total points": "quiz", "quiz feedback": "quiz",
}
#: Roles whose columns hold personal data (or quiz marks): dropped on read, never quoted.
PERSONAL_ROLES = frozenset({"email", "name", "quiz"})
_QUIZ_PREFIX = re.compile(r"^(points|feedback) - ")


def normalise_value(text: str) -> str:
    """Normalise a cell value for matching option labels: case, spaces, quotes and dashes.

    Examples
    --------
    >>> normalise_value("  Helse\u00a0Bergen \u2013 HF ")
    'helse bergen - hf'
    """
    text = unicodedata.normalize("NFC", str(text)).translate(_SPACES).translate(_PUNCT)
    return " ".join(text.split()).casefold()


def normalise_header(text: str) -> str:
    """Normalise a header or question text for matching.

    Beyond :func:`normalise_value`, drops a trailing colon and a leading question number such
    as ``1.`` or ``12)``.

    Examples
    --------
    >>> normalise_header("3.  Hvor  fornøyd\u00a0var du?\\n:")
    'hvor fornøyd var du?'
    """
    text = normalise_value(text)
    text = _LEADING_NUMBER.sub("", text).rstrip(":").rstrip()
    return text


def fixed_role(header: str) -> str | None:
    """Return the role of a fixed Forms column (``"id"``, ``"email"`` ...) or ``None``."""
    key = normalise_value(header)
    if key in FIXED_COLUMNS:
        return FIXED_COLUMNS[key]
    if _QUIZ_PREFIX.match(key):
        return "quiz"
    return None


def column_letters(number: int) -> str:
    """Letters of a 1-based column number (no upper limit: a CSV may be wider than Excel).

    Examples
    --------
    >>> column_letters(1), column_letters(28), column_letters(16384), column_letters(18279)
    ('A', 'AB', 'XFD', 'AAAA')
    """
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_label(index: int, header: str) -> str:
    """Describe a column for messages: its letter and (shortened) header, e.g. ``C ('Navn')``.

    Parameters
    ----------
    index
        Zero-based column position.
    header
        The header text as found in the file.
    """
    shown = " ".join(str(header).split())
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{column_letters(index + 1)} ({shown!r})"


@dataclass(frozen=True)
class ColumnMatch:
    """Which column holds which question, and what was left over.

    Attributes
    ----------
    questions
        Question id -> zero-based column index.
    unknown
        Indexes of question-like columns that match no question.
    duplicates
        ``(column index, question id)`` of columns matching a question already taken.
    """

    questions: dict[str, int]
    unknown: list[int]
    duplicates: list[tuple[int, str]]


def match_columns(headers: dict[int, str], keys: dict[str, list[str]]) -> ColumnMatch:
    """Match question columns to questions by normalised text.

    Parameters
    ----------
    headers
        Zero-based column index -> header text, for columns that are not fixed columns.
    keys
        Normalised title -> question ids carrying that title, in questionnaire order (several
        ids when two questions share a title; Forms then suffixes the later ones ``2``, ``3``).

    Returns
    -------
    ColumnMatch
        Exact titles are matched first, so a plain ``Title`` claims the first question before
        ``Title2`` claims the next one.
    """
    taken: dict[str, int] = {}
    unknown: list[int] = []
    duplicates: list[tuple[int, str]] = []
    suffixed: list[tuple[int, list[str], int]] = []
    for index, header in headers.items():
        key = normalise_header(header)
        if key in keys:
            _claim(index, keys[key], 0, taken, duplicates)
            continue
        found = _DUPLICATE_SUFFIX.match(key)
        if found and found.group(1).rstrip() in keys:
            suffixed.append((index, keys[found.group(1).rstrip()], int(found.group(2)) - 1))
        else:
            unknown.append(index)
    for index, ids, preferred in suffixed:
        _claim(index, ids, preferred, taken, duplicates)
    return ColumnMatch(taken, sorted(unknown), duplicates)


def _claim(index, ids, preferred, taken, duplicates) -> None:
    order = ids[preferred:] + ids[:preferred] if preferred < len(ids) else ids
    for qid in order:
        if qid not in taken:
            taken[qid] = index
            return
    duplicates.append((index, ids[0]))


def question_keys(questionnaire) -> dict[str, list[str]]:
    """Map every accepted normalised title to its question ids, in questionnaire order.

    A question is known by its ``text``, by ``intro + " " + text`` and by each of ``headers``.
    """
    keys: dict[str, list[str]] = {}
    for q in questionnaire.questions:
        titles = [q.text, *q.headers]
        if q.intro:
            titles.append(f"{q.intro} {q.text}")
        for title in titles:
            ids = keys.setdefault(normalise_header(title), [])
            if q.id not in ids:
                ids.append(q.id)
    return keys
