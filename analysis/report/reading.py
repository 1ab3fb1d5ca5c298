"""The box «Slik leser du tallene»: the book's rules for numbers and tests, stated once.

The method chapter shows it under its own heading (``@sec-slik-leser-du``), which the
Sammendrag's caveats and the chapters link to. What it
says is what the code does: denominators (:mod:`analysis.compute.counts`), rounding and the
printed change (:mod:`analysis.report.values`), the Wilson interval
(:mod:`analysis.compute.intervals`), the tests and Holm's adjustment
(:mod:`analysis.compute.change`, :mod:`analysis.compute.rating_change`), the level
(:data:`analysis.compute.change.ALPHA`) and how the key figures of «Hovedfunn og anbefalinger»
are tested (:mod:`analysis.report.findings`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis import fmt
from analysis.compute.change import ALPHA
from analysis.display import Block, compose, div
from analysis.report.notice import reconstructed_years

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

_ITEMS = (
    "**Hvem andelene gjelder.** En andel er regnet av dem som svarte på spørsmålet, ikke av "
    "alle som svarte på undersøkelsen. Antallet som svarte (n), står nederst i hver tabell. Der "
    "man kunne krysse av for flere svar, kan andelene til sammen bli mer enn 100 %.",
    "**Avrunding.** Andeler står i hele prosent, avrundet på vanlig måte (en halv runder opp). "
    "En endring i prosentpoeng er alltid forskjellen mellom de to avrundede andelene som står ved "
    "siden av den, slik at du kan regne den etter selv. Den kan derfor avvike med ett poeng fra "
    "forskjellen mellom de uavrundede andelene.",
    "**KI betyr konfidensintervall.** Et 95 % KI er et område som viser hvor mye et tall kan "
    "variere av ren tilfeldighet, altså fordi akkurat disse personene svarte. Andelene har "
    "Wilson-intervaller, og hver endring har sitt eget intervall (Newcombe). Om en endring er "
    "sikker, ser du på endringens intervall: ligger det helt over eller helt under null, er "
    "endringen større enn tilfeldigheter alene gir. At intervallene for de to årene overlapper, "
    "sier lite. Intervallene sier ingenting om skjevhet i hvem som valgte å svare.",
    "**p-verdien** svarer på dette: Hvis det egentlig ikke var noen forskjell mellom årene, hvor "
    "ofte ville vi da se en forskjell minst så stor som denne? En liten p-verdi betyr at "
    "tilfeldigheter alene er en dårlig forklaring. Den sier ikke hvor stor eller viktig "
    "forskjellen er, og heller ikke hvorfor den finnes.",
    "**Én test per spørsmål, valgt etter spørsmålstypen.** Et ja/nei-spørsmål er én test: "
    "endringens intervall. Et spørsmål med ett svar blant flere alternativer testes først under "
    "ett, og deretter hvert alternativ med Holms justering innenfor spørsmålet. Et spørsmål med "
    "ordnede svar (som «kjenner godt» til «aldri hørt om») og en vurdering fra en til fem testes "
    "under ett med en rangtest og en test av hele fordelingen, og alle svaralternativene får "
    "spørsmålets vurdering. Retningen (høyere eller lavere) nevnes bare når snitt, median og "
    "andelen av de to øverste svarene peker samme vei; ellers står det at *fordelingen har "
    "endret seg*, og hvordan. Der man kunne krysse av for flere svar, testes hvert alternativ "
    "for seg med Holms justering. Et nøkkeltall i «Hovedfunn og anbefalinger» får alltid samme "
    "vurdering som spørsmålet det kommer fra. Grensen er {alpha}.",
    "**Ordene.** *Mer enn tilfeldigheter gir blant dem som svarte*: testen sier at endringen "
    "neppe er tilfeldig, men den gjelder dem som svarte, ikke alle brukere. *Kan skyldes hvem som "
    "svarte*: endringen er større enn tilfeldig, men sammensetningen har endret seg så mye at en "
    "rimelig forskjell mellom yrkesgrupper eller regioner kan forklare hele endringen (regelen "
    "står i @sec-bakgrunn-apenhet). *Kan skyldes tilfeldigheter*: intervallet rommer "
    "null.{undecidable} *Brudd i serien*: spørsmålet er endret, så bare andelene vises, uten test.",
    "**Dette testes ikke.** Hvem som svarte (yrkesrolle og region) beskrives, men testes ikke: "
    "respondentene har valgt selv å svare, og fordelingen sier noe om hvem som ble nådd, ikke om "
    "hva brukerne mener. Forskjeller mellom spørsmål testes heller ikke. Testene forutsetter at "
    "de to årene er uavhengige utvalg, men noen har trolig svart begge gangene, og det kan ikke "
    "spores fordi undersøkelsen er anonym.",
)


def reading_guide(bundle: SurveyBundle) -> Block:
    """The box «Slik leser du tallene» (a fenced div; the method chapter's section
    ``sec-slik-leser-du`` holds it)."""
    prev = bundle.previous.year if bundle.previous is not None else bundle.current.year
    values = {"prev": str(prev), "year": str(bundle.current.year),
              "alpha": "p\u00a0<\u00a0" + fmt.num(ALPHA, 2),
              # only a reconstruction has ranges a verdict can fall between (by the manifest)
              "undecidable": (" *Kan ikke avgjøres med rekonstruerte tall*: svaret skifter "
                              "innenfor det de publiserte tallene tillater."
                              if reconstructed_years(bundle) else "")}
    lines = []
    for item in _ITEMS:
        used = {k: v for k, v in values.items() if "{" + k + "}" in item}
        lines.append("- " + compose(item, **used))
    items = "\n".join(lines)
    body = Block(items + "\n")
    return div(".reading-guide .reconstruction-notice", body)
