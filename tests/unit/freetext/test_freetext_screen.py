"""Screening redacts or withholds personal data by kind, keeps no values, and leaves the
report's published quotes alone."""

import dataclasses
import re
import unicodedata

import pandas as pd
import phonenumbers
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from analysis.freetext import (
    POLICY,
    WITHHELD,
    Action,
    Kind,
    coded_answers,
    format_quote,
    marker,
    screen,
    screen_frame,
)

# --- what the attacker showed passing into the book --------------------------------------------


@pytest.mark.parametrize(
    ("text", "action", "kinds"),
    [
        ("Kari Nordmann hjalp meg", Action.WITHHOLD, ("name",)),
        ("Snakk med Ola Hansen", Action.WITHHOLD, ("name",)),
        ("Ring 9123 4567", Action.REDACT, ("phone",)),
        ("Fnr 010190-12345", Action.WITHHOLD, ("national_id",)),
        ("Se www.kari-nordmann.no", Action.REDACT, ("url",)),
        ("Følg https://www.facebook.com/kari.nordmann", Action.REDACT, ("url",)),
        ("Følg facebook.com/kari.nordmann", Action.REDACT, ("url",)),
    ],
)
def test_attacks_no_longer_pass(text, action, kinds):
    result = screen(text)
    assert result.action is action
    assert result.kinds == kinds
    for value in ("Kari", "Nordmann", "Ola", "Hansen", "9123", "4567", "010190", "kari"):
        assert value not in result.text


def test_policy_per_kind():
    assert dict(POLICY) == {
        Kind.NAME: Action.WITHHOLD, Kind.NATIONAL_ID: Action.WITHHOLD,
        Kind.PHONE: Action.REDACT, Kind.EMAIL: Action.REDACT, Kind.URL: Action.REDACT,
    }


# --- redact -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("item", "kind"),
    [
        ("ola@example.no", "email"), ("ola (at) example.no", "email"),
        ("+47 912 34 567", "phone"), ("91234567", "phone"), ("91 23 45 67", "phone"),
        ("912.34.567", "phone"), ("9123-4567", "phone"), ("0047 91234567", "phone"),
        ("(+47) 22 12 34 56", "phone"), ("+46 70 123 45 67", "phone"),
        ("https://skjema.no/svar?id=42&navn=ola", "url"), ("www.kari-nordmann.no", "url"),
        ("linkedin.com/in/kari-nordmann", "url"), ("x.com/kari", "url"),
    ],
)
def test_contact_details_are_redacted(item, kind):
    result = screen(f"Kontakt meg: {item}, takk")
    assert result.text == f"Kontakt meg: {marker(kind)}, takk"
    assert result.removed == (kind,)
    assert result.action is Action.REDACT
    assert result.reason == f"redact: {kind}"
    assert not result.clean


def test_markers_name_the_kind_in_norwegian():
    assert marker("phone") == "[fjernet: telefonnummer]"
    assert marker(Kind.EMAIL) == "[fjernet: e-postadresse]"
    assert marker(Kind.URL) == "[fjernet: nettadresse]"


def test_name_inside_an_address_goes_with_the_address():
    result = screen("Skriv til kari.nordmann@example.no eller Kari-Nordmann.no")
    assert result.text == f"Skriv til {marker('email')} eller {marker('url')}"
    assert result.action is Action.REDACT


def test_email_inside_url_counts_once():
    result = screen("https://x.no/a?epost=ola@example.no.")
    assert result.text == f"{marker('url')}."
    assert result.removed == ("url",)


# --- withhold ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    ["Fnr 01019000083", "Mitt fødselsnummer er 010190 12345", "Takk til Kari for god hjelp",
     "kari hansen er flink", "Vi snakket med Per og Dag.", "KARI NORDMANN ringte"],
)
def test_names_and_national_ids_withhold_the_whole_answer(text):
    result = screen(text)
    assert result.text == WITHHELD
    assert result.action is Action.WITHHOLD


def test_several_findings_in_order_strongest_action_wins():
    result = screen("Ring 912 34 567 eller ola@example.no, fnr 01019000083. Hilsen Kari")
    assert result.removed == ("phone", "email", "national_id", "name")
    assert result.kinds == ("phone", "email", "national_id", "name")
    assert result.action is Action.WITHHOLD
    assert result.reason == "withhold: phone, email, national_id, name"
    assert result.text == WITHHELD


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("Ring 912 34 567 eller ola@example.no", ["912", "ola@", "example"]),
        ("Kari Nordmann, fnr 010190-12345", ["Kari", "Nordmann", "010190", "12345"]),
        ("www.kari-nordmann.no", ["kari", "nordmann"]),
    ],
)
def test_result_never_holds_a_value(text, values):
    result = screen(text)
    assert [f.name for f in dataclasses.fields(result)] == ["text", "removed", "action"]
    for value in values:
        assert value not in repr(result)
        assert value not in result.reason


# --- keep -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Det kom ikke helt tydelig frem hva de nye oppdateringene i GCP R3 gikk ut på",
        "Undersøkelsen 2025 fikk 186 svar, mot 2018, 2020 og 2023",
        "8 av 10 var fornøyde", "Undersøkelsen 2023–2025 og 2023-2025", "45 % svarte ja",
        "GCP-kurs og SOP`er", "Møtet 12.03.2025 kl. 12.00", "Organisasjonsnummer 123456789",
        "Bergen", "Helse Vest", "Helse Nord og St. Olavs hospital",
        "Per i dag er det vanskelig å finne frem på metodebok.no",
        "Se https://norcrin.no/kurs for GCP-kurs",
        "",
    ],
)
def test_ordinary_text_left_alone(text):
    result = screen(text)
    assert result.text == text
    assert result.removed == ()
    assert result.action is Action.KEEP
    assert result.reason == ""
    assert result.clean


def test_every_published_quote_passes(free_text):
    # The report published these; none holds personal data, so none may be withheld or
    # changed. Documented exceptions: none.
    flagged = [
        (qid, quote.text)
        for qid, question in free_text.questions.items()
        for category in question.categories
        for quote in category.quotes
        if not screen(quote.text).clean or screen(format_quote(quote)).text != format_quote(quote)
    ]
    assert flagged == []


def test_reconstructed_answers_and_category_names_pass(free_text):
    texts = [text for qid in free_text.questions for _, text in coded_answers(free_text, qid)]
    texts += [c.name for q in free_text.questions.values() for c in q.categories]
    texts += [t for q in free_text.questions.values() for c in q.categories for t in c.themes]
    assert [t for t in texts if not screen(t).clean] == []


# --- frames -------------------------------------------------------------------------------


def test_screen_frame_keeps_rows_and_na(long_answers):
    long = long_answers([(1, "q01", None), (1, "q12", "Raskt svar, ring 91234567"),
                  (2, "q12", "Raskt svar"), (3, "q13", "Kari Nordmann var treg")])
    screened, removals = screen_frame(long)
    assert list(screened.columns) == list(long.columns)
    assert screened.dtypes.equals(long.dtypes)
    assert pd.isna(screened["text"].iloc[0])
    assert screened["text"].tolist()[1:] == [
        f"Raskt svar, ring {marker('phone')}", "Raskt svar", WITHHELD]
    assert removals.to_dict("records") == [
        {"respondent": 1, "question": "q12", "kind": "phone", "action": "redact"},
        {"respondent": 3, "question": "q13", "kind": "name", "action": "withhold"},
    ]
    assert long["text"].iloc[1] == "Raskt svar, ring 91234567"  # input untouched


def test_screen_frame_needs_text_column():
    with pytest.raises(KeyError, match="text"):
        screen_frame(pd.DataFrame({"respondent": [1], "question": ["q12"]}))


# --- properties -------------------------------------------------------------------------------

_RUN = re.compile(r"\d+")
_K1 = (3, 7, 6, 1, 8, 9, 4, 5, 2)
_K2 = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)


def _check_digit(digits, weights):
    """The mod-11 check digit, or None where the remainder leaves none (written out again
    here so that the oracle does not share the code it checks)."""
    k = 11 - sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11
    return {11: 0, 10: None}.get(k, k)


def _validates_as_national_id(run):
    return (len(run) == 11 and _check_digit(run[:9], _K1) == int(run[9])
            and _check_digit(run[:10], _K2) == int(run[10]))


def _validates_as_phone(run):
    try:
        number = phonenumbers.parse(run, "NO")
    except phonenumbers.NumberParseException:
        return False
    return (phonenumbers.is_valid_number(number)
            and phonenumbers.region_code_for_number(number) == "NO"
            and len(str(number.national_number)) == 8)


def _leaks(text):
    """Digit runs in ``text`` that validate as a Norwegian phone number or fødselsnummer."""
    runs = ["".join(str(unicodedata.decimal(c)) for c in run) for run in _RUN.findall(text)]
    return [r for r in runs if _validates_as_phone(r) or _validates_as_national_id(r)]


_FILLER = st.text(alphabet="abcæøå KariOla,.!?:;()«»-\n", max_size=20)
_NOISY = st.text(alphabet="0123456789" * 4 + "  +-.()/\nab@KO", max_size=40)


@settings(deadline=None, max_examples=300)
@given(st.one_of(st.text(), _NOISY))
def test_screen_never_raises_nor_leaks_a_number(text):
    result = screen(text)
    assert _leaks(result.text) == []
    assert result.action in Action


@st.composite
def _phone_numbers(draw):
    digits = draw(st.text(alphabet="0123456789", min_size=7, max_size=7))
    digits = draw(st.sampled_from("2345679")) + digits
    assume(_validates_as_phone(digits))
    groups = draw(st.sampled_from([(8,), (2, 2, 2, 2), (3, 2, 3), (3, 3, 2), (4, 4), (1,) * 8]))
    sep = draw(st.sampled_from([" ", ".", "-", "–", "\u00a0"]))
    # documented exception: a dashed 4+4 of round hundreds reads as a range ("4000-5000")
    assume(not (groups == (4, 4) and sep in "-–" and digits[2:4] == digits[6:] == "00"))
    parts, i = [], 0
    for size in groups:
        parts.append(digits[i:i + size])
        i += size
    prefix = draw(st.sampled_from(["", "+47", "+47 ", "0047 ", "(+47) ", "0047-"]
                                  + (["47"] if groups == (8,) else [])))
    return digits, prefix + sep.join(parts)


@settings(deadline=None)
@given(_FILLER, _phone_numbers(), _FILLER)
def test_every_phone_layout_is_removed(before, number, after):
    digits, written = number
    result = screen(before + written + after)
    assert digits not in re.sub(r"\D", "", result.text)
    assert result.action is not Action.KEEP


@st.composite
def _national_ids(draw):
    day = draw(st.integers(1, 28)) + draw(st.sampled_from([0, 40]))
    month, year = draw(st.integers(1, 12)), draw(st.integers(0, 99))
    individual = draw(st.integers(0, 999))
    nine = f"{day:02d}{month:02d}{year:02d}{individual:03d}"
    k1 = _check_digit(nine, _K1)
    assume(k1 is not None)
    k2 = _check_digit(nine + str(k1), _K2)
    assume(k2 is not None)
    digits = f"{nine}{k1}{k2}"
    sep = draw(st.sampled_from(["", " ", "-", "–", ".", "/"]))
    return digits, digits[:6] + sep + digits[6:]


@settings(deadline=None)
@given(_FILLER, _national_ids(), _FILLER)
def test_every_national_id_layout_is_withheld(before, number, after):
    digits, written = number
    result = screen(before + written + after)
    assert result.text == WITHHELD
    assert digits not in re.sub(r"\D", "", result.text)


@pytest.mark.parametrize(("text", "action", "kind"), [
    ("Mitt fnr er 010190\u200b00083", Action.WITHHOLD, "national_id"),
    ("Mitt fnr er 0101\u20609000083", Action.WITHHOLD, "national_id"),
    ("D-nr 41 01 90 000 77 om dere trenger det", Action.WITHHOLD, "national_id"),
    ("Send til ola\u200b@example.no", Action.REDACT, "email"),
    ("Skriv til ola punktum nordmann krøllalfa example punktum no", Action.REDACT, "email"),
])
def test_disguised_personal_data_is_caught(text, action, kind):
    result = screen(text)
    assert (result.action, [str(k) for k in result.kinds]) == (action, [kind])
    for secret in ("00083", "000 77", "example", "nordmann"):
        assert secret not in result.text


def test_the_shown_text_is_normalised():
    assert screen("Bra\u202e kurs\x1b!").text == "Bra kurs !"
