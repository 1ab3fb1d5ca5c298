"""Find Norwegian phone numbers and national identity numbers (fødselsnummer) in free text.

Phone numbers
    Eight digits written as ``91234567``, ``91 23 45 67`` (2+2+2+2), ``912 34 567`` (3+2+3),
    ``912 345 67`` (3+3+2), ``9123 4567`` (4+4) or digit by digit, with spaces, dots or dashes
    (also en dashes) between the groups, optionally after ``+47``, ``0047``, ``(+47)`` or a
    bare ``47`` glued to the eight digits. A candidate counts only when Google's
    libphonenumber (package ``phonenumberslite``) says it is a valid Norwegian number, so
    ``12.03.2025`` or ``2023-2025`` never do. A dashed 4+4 of round hundreds (``4000-5000``)
    is a range. The amount layout 2+3+3 (``22 500 000``) is not a phone layout. Numbers
    written with a country code in another layout, or another country's (``+46 70 123 45
    67``), are found by libphonenumber's own matcher. Five-digit Norwegian service numbers
    (``02800``) belong to companies and are left alone.
National identity numbers
    Eleven digits, ``DDMMYY`` + five. Eleven digits in a row count when both check digits
    (mod 11) are right; with one separator (space, dot, dash, en dash or slash) after the
    sixth digit, a date-shaped first half is enough, since that layout is how people write
    their own number, typos included. Written any other way -- digits in groups of any size,
    one by one, with up to three separators of any kind between them (spaces, punctuation,
    brackets, invisible characters such as a zero-width space or a word joiner) -- eleven
    digits count when they are date-shaped *and* both check digits are right, which a chance
    run of numbers (a list of scores, two years) rarely is. D-numbers (day + 40), H-numbers
    (month + 40) and synthetic test numbers (month + 80) are date-shaped.
"""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

from analysis.freetext.findings import Finding, Kind, first_wins

_SEP = r"[ \u00a0\u202f.\-–—]"  # one space (also no-break), dot or dash between groups
_PHONE = re.compile(
    rf"""
    (?<!\d)
    (?P<prefix>\(?(?:\+|00)\ ?47\)?{_SEP}?|47(?=\d{{8}}(?!\d)))?
    (?P<body>\d{{8}}
      |\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}{_SEP}\d{{2}}
      |\d{{3}}{_SEP}\d{{2}}{_SEP}\d{{3}}
      |\d{{3}}{_SEP}\d{{3}}{_SEP}\d{{2}}
      |\d{{4}}{_SEP}\d{{4}}
      |\d(?:{_SEP}\d){{7}})
    (?!\d)
    """,
    re.VERBOSE,
)
_RANGE = re.compile(r"\d\d00[-–—]\d\d00")  # "4000-5000 kr": a range, not a 4+4 number
_ID_PLAIN_SEP = frozenset(" \u00a0.-–—/")  # the one separator of ``DDMMYY-NNNNN``
# Anything but a letter or a digit that may stand between the digits of a written number:
# spaces, punctuation, brackets and the invisible format characters (should the text not have
# been normalised).
_ID_SEP = (r"[\s.,:;_/\\|'’*·•()\[\]{}\-\u2010-\u2015\u00ad\u200b-\u200f\u202a-\u202e"
           r"\u2060-\u2064\u2066-\u2069\ufeff]")
_DIGIT_RUN = re.compile(rf"\d(?:{_ID_SEP}{{0,3}}\d)*")
_DIGIT_GROUP = re.compile(r"\d+")
_DIGIT = re.compile(r"\d")
_INTERNATIONAL = re.compile(r"(?:\+|\b00)\ ?[1-9]")  # cheap test before the slow matcher
_WEIGHTS_1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_WEIGHTS_2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def is_norwegian_phone(digits: str) -> bool:
    """True when ``digits`` (eight digits, no country code) is a valid Norwegian number.

    Examples
    --------
    >>> is_norwegian_phone("91234567"), is_norwegian_phone("12032025")
    (True, False)
    """
    number = phonenumbers.parse("+47" + digits)
    return phonenumbers.is_valid_number(number) and len(str(number.national_number)) == 8


def has_valid_check_digits(digits: str) -> bool:
    """True when the two mod-11 check digits of an 11-digit fødselsnummer are right.

    Examples
    --------
    >>> has_valid_check_digits("01019000083"), has_valid_check_digits("01019000084")
    (True, False)
    """
    values = [unicodedata.decimal(d, -1) for d in digits]  # any script's digits, as \d finds
    if len(values) != 11 or -1 in values:
        return False
    for weights, check in ((_WEIGHTS_1, 9), (_WEIGHTS_2, 10)):
        remainder = sum(w * v for w, v in zip(weights, values, strict=False)) % 11
        if (11 - remainder) % 11 != values[check]:  # remainder 1 -> 10: no valid digit
            return False
    return True


def is_date_shaped(digits: str) -> bool:
    """True when six digits read as DDMMYY, allowing D-, H- and synthetic test numbers.

    Examples
    --------
    >>> is_date_shaped("010190"), is_date_shaped("410190"), is_date_shaped("123456")
    (True, True, False)
    """
    day, month = int(digits[:2]), int(digits[2:4])
    return (1 <= day % 40 <= 31 and day < 72) and any(
        1 <= month - offset <= 12 for offset in (0, 40, 80)
    )


def find_phones(text: str) -> list[Finding]:
    """Return the phone numbers in ``text`` (Norwegian formats, and ``+``/``00`` numbers).

    Examples
    --------
    >>> text = "Ring 9123 4567 før 12.03.2025"
    >>> [text[f.start:f.end] for f in find_phones(text)]
    ['9123 4567']
    """
    found: list[Finding] = []
    if len(_DIGIT.findall(text)) < 5:  # fewer digits than any number (most answers)
        return found
    pos = 0
    while match := _PHONE.search(text, pos):
        body = match["body"]
        if not _RANGE.fullmatch(body) and is_norwegian_phone(re.sub(r"\D", "", body)):
            found.append(Finding(match.start(), match.end(), Kind.PHONE))
            pos = match.end()
        else:  # a rejected candidate must not hide a valid number overlapping it
            pos = match.start() + 1
    if _INTERNATIONAL.search(text):
        for number in phonenumbers.PhoneNumberMatcher(text, "NO", phonenumbers.Leniency.VALID):
            if number.raw_string.lstrip("(").startswith(("+", "00")):
                found.append(Finding(number.start, number.end, Kind.PHONE))
    # "+45 20 12 34 56" also holds a Norwegian-looking "45 20 12 34": one number, from the "+"
    return first_wins(found)


def find_national_ids(text: str) -> list[Finding]:
    """Return the fødselsnummer- and D-nummer-like numbers in ``text``.

    Each run of digits joined by at most three separators is split into its digit groups;
    every stretch of whole groups holding eleven digits is a candidate (see the module
    docstring for when it counts).

    Examples
    --------
    >>> len(find_national_ids("010190-12345")), len(find_national_ids("01019012345"))
    (1, 0)
    >>> text = "fnr: 0 1 0 1 9 0 . 0 0 0 8 3, D-nr 41 01 90 000 77"
    >>> [text[f.start:f.end] for f in find_national_ids(text)]
    ['0 1 0 1 9 0 . 0 0 0 8 3', '41 01 90 000 77']
    """
    found: list[Finding] = []
    if len(_DIGIT.findall(text)) < 11:
        return found
    for run in _DIGIT_RUN.finditer(text):
        groups = list(_DIGIT_GROUP.finditer(text, run.start(), run.end()))
        i = 0
        while i < len(groups):
            end = _national_id_end(text, groups, i)
            if end is None:
                i += 1
                continue
            found.append(Finding(groups[i].start(), groups[end].end(), Kind.NATIONAL_ID))
            i = end + 1
    return found


def _national_id_end(text: str, groups: list[re.Match], first: int) -> int | None:
    """Index of the last group of a national id that starts at group ``first``, or None."""
    digits = ""
    for last in range(first, len(groups)):
        digits += groups[last][0]
        if len(digits) > 11:
            return None
        if len(digits) < 11:
            continue
        if last == first:  # eleven in a row
            return last if has_valid_check_digits(digits) else None
        between = text[groups[first].end():groups[last].start()]
        if (last == first + 1 and len(groups[first][0]) == 6 and len(between) == 1
                and between in _ID_PLAIN_SEP and is_date_shaped(digits[:6])):
            return last  # DDMMYY-NNNNN: how people write their own, typos included
        return last if has_valid_check_digits(digits) and is_date_shaped(digits) else None
    return None
