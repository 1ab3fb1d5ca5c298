"""What a personal-data finder reports: the kind of item and where it is, never its value.

The finders (:mod:`~analysis.freetext.find_numbers`, :mod:`~analysis.freetext.find_links`,
:mod:`~analysis.freetext.find_names`) each return :class:`Finding` spans; :func:`first_wins`
merges them so that every character belongs to at most one finding.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from typing import NamedTuple


class Kind(StrEnum):
    """A kind of personal data found in free text."""

    NAME = "name"
    NATIONAL_ID = "national_id"  #: fødselsnummer or D-number, 11 digits
    PHONE = "phone"
    EMAIL = "email"
    URL = "url"


class Finding(NamedTuple):
    """One item of personal data: ``text[start:end]`` is of ``kind``."""

    start: int
    end: int
    kind: Kind


def first_wins(findings: Iterable[Finding]) -> list[Finding]:
    """Merge overlapping findings into the one that starts first (at a tie, the longer one).

    A URL may contain an e-mail address, an e-mail address a name: the enclosing item starts
    first and keeps its kind. A finding that sticks out past the end of an earlier one
    stretches it, so no fragment of either is left behind.

    Examples
    --------
    >>> first_wins([Finding(4, 9, Kind.EMAIL), Finding(0, 12, Kind.URL)])
    [Finding(start=0, end=12, kind=<Kind.URL: 'url'>)]
    """
    kept: list[Finding] = []
    for finding in sorted(findings, key=lambda f: (f.start, -f.end)):
        if kept and finding.start < kept[-1].end:
            kept[-1] = kept[-1]._replace(end=max(kept[-1].end, finding.end))
        else:
            kept.append(finding)
    return kept
