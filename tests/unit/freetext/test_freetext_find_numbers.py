"""Phone numbers in every Norwegian layout and fødselsnummer are found; other numbers are not."""

import pytest

from analysis.freetext.find_numbers import (
    find_national_ids,
    find_phones,
    has_valid_check_digits,
    is_date_shaped,
    is_norwegian_phone,
)

NBSP = "\u00a0"


def _found(finder, text):
    return [text[f.start:f.end] for f in finder(text)]


@pytest.mark.parametrize(
    "number",
    [
        "91234567", "41234567", "22123456",                      # 8 digits: mobile, Oslo
        "91 23 45 67", "91.23.45.67", "91-23-45-67", f"91{NBSP}23{NBSP}45{NBSP}67",  # 2+2+2+2
        "912 34 567", "912.34.567", "912-34-567",                # 3+2+3
        "9123 4567", "9123-4567", "9123.4567", "9123–4567",      # 4+4, also with an en dash
        "912 345 67", "91–23–45–67", "9 1 2 3 4 5 6 7",          # 3+3+2, en dashes, digit by digit
        "+47 91234567", "+4791234567", "+47 912 34 567", "+47-9123-4567",
        "0047 91 23 45 67", "0047-9123-4567", "004791234567",
        "(+47) 22 12 34 56", "(0047) 91234567", "4791234567",
        "+46 70 123 45 67", "+45 20 12 34 56", "0046 70 123 45 67",  # other countries
    ],
)
def test_phone_number_found_whole(number):
    assert _found(find_phones, f"Ring meg på {number}, takk") == [number]


@pytest.mark.parametrize("text", ["tlf91234567", "tlf:91234567", "(91234567)", "91234567."])
def test_phone_number_glued_to_words_or_punctuation(text):
    assert _found(find_phones, text) == ["91234567"]


@pytest.mark.parametrize(
    "text",
    [
        "8 av 10 var fornøyde",
        "Undersøkelsen 2023–2025, og 2023-2025, og 2023 2025",
        "Møtet 12.03.2025 og 22.03.2025",
        "45 % svarte ja, 4,5 % nei",
        "kr 22 500 000 i året",
        "Organisasjonsnummer 123456789",
        "Kontonummer 1234.56.78903",
        "12345678 og 1234 5678",          # no Norwegian number starts with 1
        "Ring 02800",                     # a company's five-digit service number
        "GCP R3, ISO 14155:2020, 10 000 deltakere",
        "20232025",                       # 20 is not an allocated range
        "Det kostet 4000-5000 kr, eller 2500–3000",  # ranges of round hundreds
        "skala 1 2 3 4 5",
    ],
)
def test_numbers_that_are_not_phone_numbers(text):
    assert find_phones(text) == []


def test_rejected_candidate_does_not_hide_an_overlapping_number():
    # "1234 9123" is a 4+4 candidate but invalid; the 8 digits after the space are a number
    assert _found(find_phones, "ref 1234 91234567") == ["91234567"]


def test_is_norwegian_phone():
    assert is_norwegian_phone("91234567")
    assert is_norwegian_phone("80012345")  # toll-free, still someone's number
    assert not is_norwegian_phone("12345678")
    assert not is_norwegian_phone("02800")


def test_check_digits_by_hand():
    # 010190 000 k1 k2: 0*3+1*7+0*6+1*1+9*8+0*9+0*4+0*5+0*2 = 80, 80 mod 11 = 3, k1 = 11-3 = 8;
    # 0*5+1*4+0*3+1*2+9*7+0*6+0*5+0*4+0*3+8*2 = 85, 85 mod 11 = 8, k2 = 11-8 = 3.
    assert has_valid_check_digits("01019000083")
    assert not has_valid_check_digits("01019000084")
    assert not has_valid_check_digits("01019000093")
    assert not has_valid_check_digits("0101900008")
    assert not has_valid_check_digits("0101900008x")
    assert has_valid_check_digits("٠١٠١٩٠٠٠٠٨٣")  # Arabic-Indic digits, as \d finds them


@pytest.mark.parametrize(
    ("six", "shaped"),
    [("010190", True), ("311299", True), ("410190", True),  # D-number: day + 40
     ("015190", True), ("018190", True),                     # H-number, synthetic: month + 40/80
     ("320190", False), ("011390", False), ("000190", False), ("720190", False),
     ("123456", False)],
)
def test_date_shape(six, shaped):
    assert is_date_shaped(six) is shaped


@pytest.mark.parametrize(
    "number",
    ["01019000083", "010190 12345", "010190-12345", "010190–12345", "010190.12345", "010190/12345",
     f"010190{NBSP}12345", "410190 12345"],
)
def test_national_id_found(number):
    assert _found(find_national_ids, f"Fnr: {number}.") == [number]


@pytest.mark.parametrize(
    "text",
    ["01019012345",            # eleven in a row, check digits wrong
     "12345678901",
     "123456 78901",           # separated, but not date-shaped and check digits wrong
     "011390 00000",           # month 13
     "Organisasjonsnummer 123456789", "2023–2025", "0101901234", "010190123456"],
)
def test_not_a_national_id(text):
    assert find_national_ids(text) == []


def test_check_digits_alone_suffice_without_a_date():
    # month 13: not date-shaped, but both check digits right -> still an id
    digits = next(f"0113{n:07d}" for n in range(10**7) if has_valid_check_digits(f"0113{n:07d}"))
    assert _found(find_national_ids, f"nr {digits}") == [digits]


# A fødselsnummer and a D-nummer (day + 40) with right check digits, computed by hand from
# the weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2 (remainders 3 and 4 -> 8 and 3 for the
# first; 4 and 4 -> 7 and 7 for the second).
FNR, DNR = "01019000083", "41019000077"


@pytest.mark.parametrize("layout", [
    "{0}{1}{2}{3}{4}{5} {6}{7}{8} {9}{10}",      # 6 + 3 + 2
    "{0}{1}.{2}{3}.{4}{5} {6}{7}{8}{9}{10}",      # a date with dots, then five
    "{0} {1} {2} {3} {4} {5} {6} {7} {8} {9} {10}",  # digit by digit
    "{0}{1}{2}{3}{4}{5}\u200b{6}{7}{8}{9}{10}",    # a zero-width space, not normalised
    "{0}{1}{2}{3}\u2060{4}{5}{6}{7}{8}{9}{10}",    # a word joiner inside the date
    "{0}{1}{2}{3}{4}{5} - {6}{7}{8}{9}{10}",       # three separators
    "({0}{1}{2}{3}{4}{5}) {6}{7}{8}{9}{10}",
])
@pytest.mark.parametrize("number", [FNR, DNR])
def test_national_id_found_whatever_stands_between_the_digits(layout, number):
    written = layout.format(*number)
    # the finding runs from the first digit to the last
    assert _found(find_national_ids, f"Mitt nr er {written}, takk") == [written.lstrip("(")]


@pytest.mark.parametrize("text", [
    "0 1 0 1 9 0 0 0 0 8 4",                # digit by digit, check digit wrong
    "Score 4, 5, 3, 4, 5, 2, 1, 3, 4, 5, 5",  # a list of scores
    "2023 2025 2027 19",                    # years
    "12 34 56 78 901",                      # not date-shaped (month 34)
    "0101 9000 0083 4",                     # twelve digits
])
def test_runs_of_numbers_that_are_no_national_id(text):
    assert find_national_ids(text) == []


def test_each_id_in_a_run_found_once():
    text = f"{FNR[:6]} {FNR[6:]} og {DNR[:6]} {DNR[6:]}"
    assert _found(find_national_ids, text) == [f"{FNR[:6]} {FNR[6:]}", f"{DNR[:6]} {DNR[6:]}"]
