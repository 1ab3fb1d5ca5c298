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
    Eleven digits, ``DDMMYY`` + five, either together or with one separator (space, dot,
    dash, en dash or slash) after the sixth digit. Eleven digits in a row count when both
    check digits (mod 11) are right; with a separator, a date-shaped first half is enough,
    since that layout is how people write their own number, typos included. D-numbers (day + 40),
    H-numbers (month + 40) and synthetic test numbers (month + 80) are date-shaped.
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
_NATIONAL_ID = re.compile(r"(?<!\d)(\d{6})([ \u00a0.\-–—/]?)(\d{5})(?!\d)")
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
        for match in phonenumbers.PhoneNumberMatcher(text, "NO", phonenumbers.Leniency.VALID):
            if match.raw_string.lstrip("(").startswith(("+", "00")):
                found.append(Finding(match.start, match.end, Kind.PHONE))
    # "+45 20 12 34 56" also holds a Norwegian-looking "45 20 12 34": one number, from the "+"
    return first_wins(found)


def find_national_ids(text: str) -> list[Finding]:
    """Return the fødselsnummer-like numbers in ``text``.

    Examples
    --------
    >>> len(find_national_ids("010190-12345")), len(find_national_ids("01019012345"))
    (1, 0)
    """
    found: list[Finding] = []
    if len(_DIGIT.findall(text)) < 11:
        return found
    for match in _NATIONAL_ID.finditer(text):
        date, sep, serial = match.groups()
        if has_valid_check_digits(date + serial) or (sep and is_date_shaped(date)):
            found.append(Finding(match.start(), match.end(), Kind.NATIONAL_ID))
    return found
