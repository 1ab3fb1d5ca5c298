"""The one reconstruction notice: a box in the Sammendrag and the method chapter, and the
marker that turns on the PDF's running footer (assets/typst/reconstruction-footer.typ)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.display import Block, div, empty, paragraph
from analysis.report.values import CHOSEN_MARK

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

_TEXT = (
    "**Rekonstruerte data.** Svardataene for {years} i denne utgaven er rekonstruert fra "
    "tallene i den publiserte rapporten, fordi svarene på enkeltpersonnivå ikke er offentlige. "
    "Tallene per spørsmål stemmer med rapporten der rapporten er konsistent med seg selv; "
    "sammenhenger mellom spørsmål (hvem som svarte hva på flere spørsmål) er ikke kjent og "
    "vises ikke. Et tall rapporten ikke bestemmer, står som «ukjent». Et tall merket {mark} er "
    "rekonstruksjonens valg innenfor det de publiserte tallene tillater, for eksempel hvor mange "
    "som svarte på et spørsmål når rapporten bare gir andeler. Se @sec-etterproving."
)
#: Raw Typst (ignored by the HTML writer): the label the PDF footer looks for.
_FOOTER_MARKER = "```{=typst}\n#metadata(none) <norcrin-reconstructed>\n```\n"


def reconstruction_notice(bundle: SurveyBundle) -> Block:
    """A visible box when any wave is a reconstruction; empty with real exports.

    Shown once in the Sammendrag (``index.qmd``) and once in the method chapter, from their
    setup cells (``output: asis``); the other chapters rely on the PDF's running footer and the
    per-table mark :data:`~analysis.report.values.CHOSEN_MARK`.
    """
    waves = [str(y) for y, w in bundle.waves.items() if w.reconstructed]
    if not waves:
        return empty()
    box = div(".reconstruction-notice",
              paragraph(_TEXT, years=" og ".join(waves), mark=CHOSEN_MARK))
    return Block(box.markdown + "\n" + _FOOTER_MARKER)


# --- Sentences that are true only of reconstructed data -------------------------------------
# Every sentence the book says about how its data were made comes from here and is chosen by
# the manifest (data/exports/MANIFEST.yaml, `reconstructed:` per wave): with real exports the
# reconstructed wording disappears or changes (tests/integration/test_real_manifest.py).

#: key -> (wording when a wave is reconstructed, wording when every wave is a real export).
_SENTENCES: dict[str, tuple[str, str]] = {
    # Chapter 4, "Hva betyr dette for resten av rapporten?"
    "no-crossing": (
        "Dataene er rekonstruert fra den publiserte rapporten, og vi vet ikke hvordan hver "
        "yrkesgruppe eller region svarte på de andre spørsmålene.",
        "Denne utgaven krysser ikke spørsmålene, så den viser ikke hvordan hver yrkesgruppe "
        "eller region svarte på de andre spørsmålene."),
    # Chapter "Sammenlikning", the new option of q10
    "own-group": (
        "Med rådataene kan svarene fra denne gruppen skilles ut i analysen; med rekonstruerte "
        "data er det ikke mulig.",
        "Svarene fra denne gruppen kan skilles ut i en egen analyse av rådataene."),
    # Chapter "Sammenlikning", next round
    "keep-raw": (
        "**Ta vare på rådataene.** Eksporten fra årets runde bør arkiveres, slik at neste "
        "rapport kan sammenliknes med faktiske svar og ikke med en rekonstruksjon.",
        "**Ta vare på rådataene.** Eksporten fra årets runde bør arkiveres sammen med boken, "
        "slik at alle tallene kan regnes på nytt."),
    # Appendix, introduction
    "audit-no-check": (
        "Med rekonstruerte data er dette ingen kontroll, se nedenfor.", ""),
    # Appendix and chapter on cooperation: inconsistent figures
    "held-out": ("De er holdt utenfor rekonstruksjonen.", ""),
    # Method chapter, the partner packs: regions exist only in a real export
    "packs-regions": (
        "På rekonstruerte data er regionene oppdiktet, og hver side i pakkene sier det.", ""),
    # Chapter "Sammenlikning", the change table's standardised changes
    "mix-adjusted": (
        "Hvor mye av hver endring som skyldes at andre roller svarte, kan bare regnes ut av den "
        "ekte eksporten med hver persons svar; med rekonstruerte data står tabellen uten "
        "standardiserte endringer.",
        "Kolonnen «Standardisert» viser endringen slik den hadde vært om rollene (hovedrollen "
        "til hver person) var fordelt som i forrige runde, og «CMH p» tester om svarene har "
        "endret seg innenfor rollene (Cochran–Mantel–Haenszel)."),
    "held-out-q19": ("Tallet er derfor holdt utenfor rekonstruksjonen, og regnestykket står i",
                     "Regnestykket står i"),
}


def reconstructed_years(bundle: SurveyBundle) -> list[int]:
    """Years whose data the manifest marks ``reconstructed: true`` (oldest first)."""
    return sorted(y for y, w in bundle.waves.items() if w.reconstructed)


def sentence(bundle: SurveyBundle, key: str) -> Block:
    """The authored sentence ``key`` worded for the data in use (empty when it only holds for
    reconstructed data and none are), for an inline value.

    Raises
    ------
    KeyError
        For an unknown key.
    """
    reconstructed, real = _SENTENCES[key]
    return Block(reconstructed if reconstructed_years(bundle) else real)


def data_origin(bundle: SurveyBundle) -> Block:
    """The method chapter's account of where the answers come from, by the manifest.

    With a reconstructed wave: how the reconstruction was made and its two limits; with real
    exports only: one paragraph saying the book is computed from them.
    """
    recon = reconstructed_years(bundle)
    real = sorted(y for y in bundle.waves if y not in recon)
    real_text = (paragraph("Tallene for {years} er regnet direkte fra eksporten fra Microsoft "
                           "Forms, slik den ble lastet ned.",
                           years=" og ".join(map(str, real))) if real else empty())
    if not recon:
        return real_text
    return paragraph(
        "Svarene på enkeltpersonnivå for {years} er ikke offentlige. Denne utgaven er derfor "
        "regnet fra en rekonstruksjon: for hvert spørsmål er det funnet hele antall svar per "
        "alternativ som, avrundet slik rapporten avrunder, gir de tallene rapporten oppgir. "
        "Oppgaven er løst som et heltallsprogram, der hvert publisert tall blir en betingelse; "
        "om et publisert gjennomsnitt i det hele tatt kan komme ut av hele vurderinger, prøves "
        "med GRIM-testen [@brown-heathers-grim]. Der rapportens tall ikke kan være sanne "
        "samtidig, er det minste mulige settet av tall lagt til side, og @sec-etterproving "
        "viser hvilke det gjelder og hvorfor.", years=" og ".join(map(str, recon))) + real_text


def data_limits(bundle: SurveyBundle) -> Block:
    """The reconstruction's two limits and what a real export changes (empty without one)."""
    if not reconstructed_years(bundle):
        return empty()
    return Block(
        "Rekonstruksjonen har to viktige begrensninger:\n\n"
        "- Den gir fordelingen på hvert spørsmål for seg, men ikke hvem som svarte hva på flere "
        "spørsmål. Kryssing av spørsmål, for eksempel tilfredshet etter yrkesgruppe, er derfor "
        "ikke mulig og vises ikke.\n"
        "- Der de publiserte tallene ikke bestemmer et antall, står det «ukjent» i tabellene, og "
        "alternativet er utelatt fra figurer og tester.\n\n"
        "Med den ekte eksporten fra Microsoft Forms regnes den samme boken direkte fra "
        "rådataene: Alle tall, tabeller og figurer beregnes på nytt, merknaden om rekonstruerte "
        "data forsvinner, og «ukjent» erstattes av faktiske tall.\n")


def caveats(bundle: SurveyBundle) -> Block:
    """The Sammendrag's one box of caveats: who answered, and (by the manifest) that the data
    are a reconstruction; it links to the method, where each caveat is explained once."""
    prev = bundle.previous.year if bundle.previous is not None else bundle.current.year
    text = ("**Forbehold.** Respondentene har selv valgt å svare, og ingen vet hvor mange som "
            "fikk invitasjonen. Resultatene gjelder dem som svarte, og de kan ikke regnes om til "
            "en svarprosent eller generaliseres til alle brukere (@sec-bakgrunn-utvalg). Fordi "
            "sammensetningen har endret seg så mye, kan mange av endringene fra {prev} skyldes "
            "hvem som svarte, ikke at brukerne mener noe annet.")
    recon = reconstructed_years(bundle)
    if recon:
        text += (" Svardataene for {years} er rekonstruert fra tallene i den publiserte "
                 "rapporten, fordi svarene på enkeltpersonnivå ikke er offentlige "
                 "(@sec-bakgrunn-data).")
    text += (" Hvordan tallene er regnet og endringene testet, står i @sec-slik-leser-du, og "
             "metoden i @sec-bakgrunn-metode.")
    values = {"prev": str(prev), **({"years": " og ".join(map(str, recon))} if recon else {})}
    return div(".reconstruction-notice .caveats", paragraph(text, **values))
