"""Screen free text for personal data before it is stored or printed.

Finds e-mail addresses, Norwegian phone numbers, 11-digit national identity numbers
(fødselsnummer) and URLs with query strings, and replaces each with ``[fjernet]``. The kinds
removed are recorded, never the values.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

REMOVED = "[fjernet]"

# One alternation so each match is found once, leftmost first. Order matters at equal
# positions: a URL may contain an e-mail address, and 11 digits must win over 8.
_END = r"""[^\s.,;:!?)\]»"']"""  # a URL does not end in trailing punctuation
_PATTERN = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s?#]*\?\S*{_END})
  | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)+)
  | (?P<national_id>(?<![\d+])\d{{6}}\ ?\d{{5}}(?!\d))
  | (?P<phone>(?<![\w+])(?:(?:\+|00)47[\ -]?)?
        [2-9](?:\d{{7}}|\d{{2}}\ \d{{2}}\ \d{{3}}|\d\ \d{{2}}\ \d{{2}}\ \d{{2}})(?!\d))
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class ScreenResult:
    """Screened text and the kinds of personal data removed from it.

    Attributes
    ----------
    text
        The text with each finding replaced by ``[fjernet]``.
    removed
        Kinds removed, in order of appearance: ``"url"``, ``"email"``, ``"national_id"``,
        ``"phone"``. Empty when nothing was found.
    """

    text: str
    removed: tuple[str, ...] = ()

    @property
    def clean(self) -> bool:
        """True when nothing was removed."""
        return not self.removed


def screen(text: str) -> ScreenResult:
    """Replace personal data in one free-text answer with ``[fjernet]``.

    Parameters
    ----------
    text
        A free-text answer.

    Returns
    -------
    ScreenResult
        The screened text and the kinds removed.

    Examples
    --------
    >>> screen("Ring 912 34 567 eller skriv til ola@example.no").text
    'Ring [fjernet] eller skriv til [fjernet]'
    >>> screen("GCP R3 i 2025").removed
    ()
    """
    kinds: list[str] = []

    def _replace(match: re.Match[str]) -> str:
        kinds.append(match.lastgroup or "unknown")
        return REMOVED

    return ScreenResult(_PATTERN.sub(_replace, text), tuple(kinds))


def screen_frame(long: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Screen the ``text`` column of a long answers frame.

    Parameters
    ----------
    long
        One row per respondent x question x answer element; columns ``respondent``,
        ``question``, ``option``, ``score``, ``text`` (str or NA).

    Returns
    -------
    screened : pandas.DataFrame
        A copy of ``long`` (same rows, columns and dtypes) with ``text`` screened.
    removals : pandas.DataFrame
        One row per finding: ``respondent``, ``question``, ``kind``. Values are not kept.

    Raises
    ------
    KeyError
        If ``long`` lacks a ``respondent``, ``question`` or ``text`` column.
    """
    missing = {"respondent", "question", "text"} - set(long.columns)
    if missing:
        raise KeyError(f"long answers frame lacks column(s) {sorted(missing)}")
    screened = long.copy()
    texts = long["text"].tolist()
    rows = []
    for i, value in enumerate(texts):
        if isinstance(value, str):
            result = screen(value)
            texts[i] = result.text
            who = (long["respondent"].iat[i], long["question"].iat[i])
            rows += [(*who, kind) for kind in result.removed]
    screened["text"] = pd.Series(texts, index=long.index, dtype=long["text"].dtype)
    removals = pd.DataFrame(rows, columns=["respondent", "question", "kind"])
    return screened, removals
