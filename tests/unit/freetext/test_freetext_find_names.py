"""Person names are found; ordinary capitalised words, places and institutions are not."""

import subprocess
import sys

import pytest

from analysis.freetext.find_names import INSTITUTION_WORDS, WORD_NAMES, find_names, name_lists


def _found(text):
    return [text[f.start:f.end] for f in find_names(text)]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Kari Nordmann", ["Kari Nordmann"]),                 # first name + capitalised word
        ("Ola Hansen svarte", ["Ola Hansen"]),
        ("Per Hansen svarte raskt", ["Per Hansen"]),          # a word-name with a surname
        ("Dag Olsen og Liv Ullmann", ["Dag Olsen", "Liv Ullmann"]),
        ("ring Ola hansen", ["Ola hansen"]),                  # capitalised first + surname
        ("kari hansen er flink", ["kari hansen"]),            # both lower case
        ("Kontakt Ingvild Johansen", ["Ingvild Johansen"]),   # unknown first + surname
        ("Spør etter Ingvild Kvalvågsen", ["Ingvild Kvalvågsen"]),  # -sen surname
        ("Ingvild Nordmann svarte", ["Ingvild Nordmann"]),    # -mann surname
        ("Takk til Kari for god hjelp", ["Kari"]),            # a first name alone
        ("Spør etter Trond på kontoret", ["Trond"]),
        ("Vi snakket med Per og Dag.", ["Per", "Dag"]),       # word-names mid-sentence
        ("Takk til Mari, Ole og Siri", ["Mari", "Ole", "Siri"]),
        ("Hilsen Anne-Lise", ["Anne-Lise"]),
        ("Karis innsats var god", ["Karis"]),                 # genitive
        ("takk til kari", ["kari"]),                          # typed without capitals
        ("KARI NORDMANN ringte", ["KARI NORDMANN"]),          # in capitals
        ("Monitor var Jon Berg", ["Jon Berg"]),
        ("svar – Tor Hansen", ["Tor Hansen"]),
    ],
)
def test_names_found(text, names):
    assert _found(text) == names


@pytest.mark.parametrize(
    "text",
    [
        # places and institutions
        "Bergen", "Helse Vest", "Helse Nord RHF har gode rutiner",
        "Regional forskningsstøtte i Helse Sør-Øst",
        "Oslo universitetssykehus og Akershus universitetssykehus",
        "St. Olavs hospital i Trondheim", "Sankt Olav", "Haukeland universitetssjukehus",
        "Universitetssykehuset Nord-Norge (UNN) i Tromsø",
        "Sykehuset Innlandet, Sykehuset Østfold og Vestre Viken",
        "Sørlandet sykehus i Kristiansand og Arendal", "Stavanger universitetssjukehus",
        "Helse Møre og Romsdal, Helse Førde og Helse Fonna", "Nordlandssykehuset i Bodø",
        "Vil gjerne ha kurs i Tromsø, Bodø, Ålesund, Molde, Hamar og Lillehammer",
        "Kontakt med Forskningsstøtte på Ahus var bra", "Norsk forskningsråd og Kreftforeningen",
        # capitalised sentence starts that are names too
        "Per i dag er det vanskelig å finne frem.", "Dag for dag blir det bedre.",
        "Hans erfaring var god.", "Liv og helse står i fokus.", "Stig på, sa de.",
        "Finn frem til SOP-ene selv.", "Odd nok fikk vi ikke svar", "Bo i nærheten hjelper",
        "Lage bedre maler for CTIS", "Line opp tydelige krav", "Rosa skjema var vanskelig",
        "Frank og ærlig tilbakemelding", "Sine egne prosjekter først", "I helga var det stengt",
        # nynorsk
        "Det kan vera vanskeleg å finna fram", "Anna enn det har eg ikkje noko å seia",
        "Eg tor ikkje spørje", "Inga hjelp å få",
        # months, English, acronyms, compounds
        "Mai og juni er travle måneder", "I august kom det nye maler.",
        "May I suggest more English content?", "This would help. Clinical Trial Agreement",
        "Good Clinical Practice-kurset var nyttig", "NorCRIN, ECRIN, REK, CTIS, GCP og GDPR",
        "Microsoft Teams og Forms", "Søknadsprosessen tok tid", "Per prosessen",
        "'begrenset' read as 'hørt om'; with 4 % only this reading leaves room for 'litt'",
        "Mer informasjon om Horizon Europe og EU-midler", "Takk for god hjelp!",
    ],
)
def test_ordinary_text_has_no_names(text):
    assert find_names(text) == []


def test_lists_hold_norwegian_names_and_no_places():
    first, surnames = name_lists()
    assert {"kari", "ola", "per", "ingrid", "anne", "lise"} <= first
    assert {"hansen", "johansen", "olsen", "berg"} <= surnames
    places = {"oslo", "bergen", "trondheim", "stavanger", "tromsø", "bodø", "ålesund",
              "kristiansand", "drammen", "hamar", "molde", "førde", "helse", "norge"}
    assert not places & first
    assert not places & surnames


def test_hand_lists_are_lower_case_words():
    for words in (WORD_NAMES, INSTITUTION_WORDS):
        assert all(w == w.casefold() and " " not in w for w in words)


def test_name_lists_are_not_loaded_at_import():
    code = "import sys, analysis.freetext; print('faker' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip() == "False"
