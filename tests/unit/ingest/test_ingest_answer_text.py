"""The one normal form of respondents' text: invisible and control characters, NFKC, spaces."""

import unicodedata

import pytest

from analysis.ingest.answer_text import is_clean, normalise_answer


@pytest.mark.parametrize(("raw", "expected"), [
    ("0101\u200b9000083", "01019000083"),          # zero-width space inside a number
    ("0101\u20609000083", "01019000083"),          # word joiner
    ("ola\u200b@example.no", "ola@example.no"),
    ("\u202etxt.exe", "txt.exe"),                  # right-to-left override
    ("a\u200eb\u2066c\u2069d\ufeffe\u00adf", "abcdef"),
    ("farge \x1b[31mrød\x1b[0m", "farge [31mrød [0m"),  # ESC becomes a space
    ("null\x00byte", "null byte"),
    ("tab\tog\x7fdel", "tab og del"),
    ("０１０１９０", "010190"),                    # full-width digits
    ("ﬁnt", "fint"),
    ("a\u00a0\u2009\u3000 b", "a b"),               # every kind of space, collapsed
    ("  linje 1 \r\n\r\n  linje 2\u2028linje 3 ", "linje 1\nlinje 2\nlinje 3"),
    ("vanlig tekst", "vanlig tekst"),
])
def test_normal_form(raw, expected):
    assert normalise_answer(raw) == expected


def test_surrogates_become_the_replacement_character():
    assert normalise_answer("a\udcff b") == "a\ufffd b"


@pytest.mark.parametrize("code", [c for c in range(0x30000)
                                  if unicodedata.category(chr(c)) in ("Cf", "Cc")][::7])
def test_no_format_or_control_character_survives(code):
    text = normalise_answer(f"a{chr(code)}b")
    assert is_clean(text), hex(code)


def test_idempotent_and_bidi_isolate_text_kept():
    once = normalise_answer("\u2067مرحبا\u2069 og  hei\u200b!")
    assert once == "مرحبا og hei!"
    assert normalise_answer(once) == once


def test_a_long_answer_is_kept_whole():
    assert normalise_answer("x" * 20_000) == "x" * 20_000
