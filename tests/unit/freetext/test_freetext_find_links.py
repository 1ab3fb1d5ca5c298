"""E-mail and web addresses are found whole, with or without scheme; look-alikes are not."""

import pytest

from analysis.freetext.find_links import find_links
from analysis.freetext.findings import Kind


def _found(text):
    return [(f.kind, text[f.start:f.end]) for f in find_links(text)]


@pytest.mark.parametrize(
    "address",
    ["ola@example.no", "kari.nordmann@helse-bergen.no", "ola.no@example.com",
     "kari+survey@uio.no", "ola (at) example.no", "ola[at]example.no", "ola [at] example.no"],
)
def test_email_found_whole(address):
    assert _found(f"Skriv til {address}, takk") == [(Kind.EMAIL, address)]


@pytest.mark.parametrize(
    "address",
    [
        "https://skjema.no/svar?id=42&navn=ola", "http://kari.no", "ftp://filer.example.com/x",
        "www.kari-nordmann.no", "www2.kari.no/om", "WWW.KARI.NO",
        "https://www.facebook.com/kari.nordmann", "facebook.com/kari.nordmann",
        "fb.me/kari.nordmann", "linkedin.com/in/kari-nordmann", "instagram.com/kari_n",
        "x.com/kari", "tiktok.com/@kari", "youtube.com/watch?v=abc",
        "kari-nordmann.no", "Kari-Nordmann.no/blogg", "karinordmann.me", "blogg.kari.com/2024/",
        "https://norcrin.no/kurs?utm_source=epost",  # the survey's own site, with a query
    ],
)
def test_url_found_whole(address):
    assert _found(f"Se {address}, takk") == [(Kind.URL, address)]


@pytest.mark.parametrize("end", [".", ",", ")", "!", "?", "»", ":", ";"])
def test_url_does_not_swallow_trailing_punctuation(end):
    assert _found(f"(se www.kari.no{end} neste") == [(Kind.URL, "www.kari.no")]


@pytest.mark.parametrize(
    "text",
    [
        "f.eks. bl.a. o.l. m.m. t.o.m. ca. 10 forb. ift. mht. dvs. osv.",
        "Last ned skjema.pdf og protokoll.docx",
        "Det var bra.De svarte raskt. Bra.Men tregt",   # a missing space, not a host
        "GCP R3, versjon 1.2, 2.5 %, SOP`er, E6(R3)",
        "NorCRIN og ECRIN",
        # the survey's own sites, which the questions are about
        "Vanskelig å finne fram på metodebok.no og norcrin.no.",
        "Se https://norcrin.no/kurs for GCP-kurs", "www.ecrin.eu", "https://www.metodebok.no/sop",
    ],
)
def test_look_alikes_and_the_surveys_own_sites_are_not_addresses(text):
    assert find_links(text) == []


def test_email_inside_a_url_is_one_url():
    text = "https://x.no/a?epost=ola@example.no."
    assert _found(text) == [(Kind.URL, "https://x.no/a?epost=ola@example.no")]


def test_look_alike_of_an_own_site_is_an_address():
    assert _found("norcrin.no.evil.com/x og evilnorcrin.no") == [
        (Kind.URL, "norcrin.no.evil.com/x"), (Kind.URL, "evilnorcrin.no")]


@pytest.mark.parametrize("address", [
    "ola punktum nordmann krøllalfa example punktum no",
    "ola.nordmann alfakrøll example.no",
    "ola . nordmann @ example . no",
    "ola.nordmann @ example.no",
    "ola (at) example (dot) no",
    "ola [at] uib [punktum] no",
    "Ola.Nordmann KRØLLALFA Helse-Bergen PUNKTUM no",
    "ola krøll-alfa example prikk com",
])
def test_spelled_out_and_spaced_email_found_whole(address):
    assert _found(f"Skriv til {address}, takk") == [(Kind.EMAIL, address)]


@pytest.mark.parametrize("text", [
    "Jeg synes at det var bra at dere kom, punktum.",
    "Møtet @ Ullevål var bra",                 # no domain ending
    "Vi ses kl. 12 punktum ferdig",
])
def test_prose_with_the_words_is_no_address(text):
    assert find_links(text) == []
