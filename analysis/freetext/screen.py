"""Screen free text for personal data before it is stored or printed.

The survey is anonymous and open to anyone with the link, and any answer may be quoted in the
published report, so every typed text passes :func:`screen` on load. It finds person names,
fødselsnummer, phone numbers, e-mail and web addresses (the finders' modules say how) and
applies one :data:`POLICY` per kind:

========================  ==========  ======================================================
kind                      action      why
========================  ==========  ======================================================
``name``                  withhold    the rest of the answer ("X at the Tromsø unit never
                                      answered") can identify the person even without the
                                      name; and a name the lists miss may stand beside one
                                      they catch
``national_id``           withhold    only typed to identify oneself or someone else (a
                                      patient); the law restricts its use; an answer
                                      carrying one is not a quote to keep
``phone``, ``email``,     redact      contact details added to an otherwise useful answer
``url``                               ("ring meg på ..."); the whole item is replaced, host
                                      and path included, so nothing of it remains, and the
                                      rest of the answer keeps its value
========================  ==========  ======================================================

*Redact* replaces each item by a marker such as ``[fjernet: telefonnummer]``; *withhold*
replaces the whole answer by :data:`WITHHELD`, so the answer still counts as given. The
strongest action of the kinds found wins. A :class:`ScreenResult` says which action was taken
and the kinds found, in order, never a value.

:func:`analysis.freetext.review_rows` lists what was done, for a record kept outside the book.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from types import MappingProxyType

import pandas as pd

from analysis.freetext.find_links import find_links
from analysis.freetext.find_names import find_names
from analysis.freetext.find_numbers import find_national_ids, find_phones
from analysis.freetext.findings import Finding, Kind, first_wins
from analysis.ingest.answer_text import normalise_answer


class Action(StrEnum):
    """What screening did to an answer, weakest first."""

    KEEP = "keep"
    REDACT = "redact"
    WITHHOLD = "withhold"


STRENGTH = {Action.KEEP: 0, Action.REDACT: 1, Action.WITHHOLD: 2}  #: order, for max()

#: Action per kind of personal data; the module docstring says why.
POLICY: Mapping[Kind, Action] = MappingProxyType({
    Kind.NAME: Action.WITHHOLD,
    Kind.NATIONAL_ID: Action.WITHHOLD,
    Kind.PHONE: Action.REDACT,
    Kind.EMAIL: Action.REDACT,
    Kind.URL: Action.REDACT,
})
#: Norwegian word for each kind, as printed in the redaction marker.
LABELS: Mapping[Kind, str] = MappingProxyType({
    Kind.NAME: "navn",
    Kind.NATIONAL_ID: "fødselsnummer",
    Kind.PHONE: "telefonnummer",
    Kind.EMAIL: "e-postadresse",
    Kind.URL: "nettadresse",
})
REMOVED = "[fjernet"  #: every redaction marker starts with this
WITHHELD = "[svar holdt tilbake: kan identifisere en person]"  #: text of a withheld answer


def marker(kind: Kind | str) -> str:
    """Return the text that replaces a redacted item: ``[fjernet: telefonnummer]``."""
    return f"{REMOVED}: {LABELS[Kind(kind)]}]"


@dataclass(frozen=True)
class ScreenResult:
    """A screened answer, the action taken and the kinds found -- never the values.

    Attributes
    ----------
    text
        The answer as it may be shown: unchanged (keep), with each item replaced by its
        :func:`marker` (redact), or :data:`WITHHELD` (withhold).
    removed
        One kind per item found, in order of appearance (``"name"``, ``"national_id"``,
        ``"phone"``, ``"email"``, ``"url"``). Empty when nothing was found.
    action
        The strongest :data:`POLICY` action among ``removed``.
    """

    text: str
    removed: tuple[Kind, ...] = ()
    action: Action = Action.KEEP

    @property
    def clean(self) -> bool:
        """True when nothing was found."""
        return not self.removed

    @property
    def kinds(self) -> tuple[Kind, ...]:
        """The kinds found, each once, in order of first appearance."""
        return tuple(dict.fromkeys(self.removed))

    @property
    def reason(self) -> str:
        """Why: the action and the kinds, e.g. ``"withhold: name, phone"``; "" when kept."""
        return f"{self.action}: {', '.join(self.kinds)}" if self.removed else ""


def screen(text: str) -> ScreenResult:
    """Find personal data in one free-text answer and redact or withhold it by :data:`POLICY`.

    The text is first put in the one normal form of respondents' text
    (:func:`analysis.ingest.answer_text.normalise_answer`; answers from the reader already
    are), so an invisible character between digits hides nothing. Addresses and numbers are
    found first and replaced by markers; names are then looked for in what remains, so a name
    inside an e-mail address goes with the address.

    Parameters
    ----------
    text
        A free-text answer.

    Returns
    -------
    ScreenResult
        The text to show (normalised), the kinds found and the action taken.

    Examples
    --------
    >>> screen("Ring 912 34 567 eller skriv til ola@example.no").text
    'Ring [fjernet: telefonnummer] eller skriv til [fjernet: e-postadresse]'
    >>> result = screen("Kari Nordmann hjalp oss, ring 91234567")
    >>> result.text, result.reason
    ('[svar holdt tilbake: kan identifisere en person]', 'withhold: name, phone')
    >>> screen("GCP R3 i 2025, 8 av 10 i Helse Vest").removed
    ()
    """
    text = normalise_answer(text)  # a no-op for text the reader read; see its module
    structured = first_wins(find_links(text) + find_phones(text) + find_national_ids(text))
    parts, spans, pos = [], [], 0
    for finding in structured:
        parts.append(text[pos:finding.start])
        start = sum(map(len, parts))
        parts.append(marker(finding.kind))
        spans.append(Finding(start, start + len(parts[-1]), finding.kind))
        pos = finding.end
    redacted = "".join(parts) + text[pos:]
    names = [n for n in find_names(redacted)
             if not any(n.start < s.end and s.start < n.end for s in spans)]
    found = sorted(spans + names)
    if not found:
        return ScreenResult(text)
    action = max((POLICY[f.kind] for f in found), key=STRENGTH.__getitem__)
    if action is Action.WITHHOLD:
        shown = WITHHELD
    else:  # names too, should the policy ever redact them
        shown = redacted
        for name in sorted(names, reverse=True):
            shown = shown[:name.start] + marker(name.kind) + shown[name.end:]
    return ScreenResult(shown, tuple(f.kind for f in found), action)


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
        One row per item found, in the order of ``long``: ``respondent``, ``question``,
        ``kind`` (str) and ``action`` (str, the action taken on the whole answer). Values
        are not kept. :func:`analysis.freetext.review_rows` condenses it to one row per
        answer.

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
            rows += [(*who, str(kind), str(result.action)) for kind in result.removed]
    screened["text"] = pd.Series(texts, index=long.index, dtype=long["text"].dtype)
    removals = pd.DataFrame(rows, columns=["respondent", "question", "kind", "action"])
    return screened, removals
