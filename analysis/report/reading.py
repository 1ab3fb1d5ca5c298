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

from analysis import fmt
from analysis.compute.change import ALPHA
from analysis.display import Block, compose, div

_ITEMS = (
    "**Hvem andelene gjelder.** En andel er regnet av dem som svarte på spørsmålet, ikke av "
    "alle som svarte på undersøkelsen. Antallet som svarte (n), står nederst i hver tabell. Der "
    "man kunne krysse av for flere svar, kan andelene til sammen bli mer enn 100 %.",
    "**Avrunding.** Andeler står i hele prosent, avrundet på vanlig måte (en halv runder opp). "
    "En endring i prosentpoeng er alltid forskjellen mellom de to avrundede andelene som står ved "
    "siden av den, slik at du kan regne den etter selv. Den kan derfor avvike med ett poeng fra "
    "forskjellen mellom de uavrundede andelene.",
    "**KI betyr konfidensintervall.** Et 95 % KI er et område som viser hvor mye en andel kan "
    "variere av ren tilfeldighet, altså fordi akkurat disse personene svarte. Er forskjellen "
    "mellom to år mye større enn intervallene, er det lite trolig at den bare er tilfeldig. "
    "Intervallene er Wilson-intervaller og står i tabellene for begge år og som streker i "
    "figurene. De sier ingenting om skjevhet i hvem som valgte å svare.",
    "**p-verdien** svarer på dette: Hvis det egentlig ikke var noen forskjell mellom årene, hvor "
    "ofte ville vi da se en forskjell minst så stor som denne? En liten p-verdi betyr at "
    "tilfeldigheter alene er en dårlig forklaring. Den sier ikke hvor stor eller viktig "
    "forskjellen er, og heller ikke hvorfor den finnes.",
    "**Dette testes.** Bare endringer fra {prev} til {year}: hvert svaralternativ for seg med "
    "Fishers eksakte test, og vurderinger på skalaen fra en til fem med Mann–Whitneys test. Når "
    "mange alternativer i samme spørsmål testes samtidig, vil noen av dem få en lav p-verdi av "
    "ren tilfeldighet. P-verdiene justeres derfor med Holms metode innenfor hvert spørsmål. "
    "Tabellene viser både den ujusterte p-verdien (p) og den justerte (p (Holm)). En endring er "
    "*statistisk signifikant* når den justerte p-verdien er under {alpha}. Teksten sier da at "
    "endringen *trolig er reell*, og ellers at den *kan skyldes tilfeldigheter*. Et nøkkeltall "
    "i «Hovedfunn og anbefalinger» som er ett svaralternativ, vurderes som i kapittelet sitt, og "
    "et som slår sammen flere svar, testes for seg uten justering. P-verdiene står i tabellene, "
    "ikke i teksten.",
    "**Dette testes ikke.** Hvem som svarte (yrkesrolle og region) beskrives, men testes ikke: "
    "respondentene har valgt selv å svare, og fordelingen sier noe om hvem som ble nådd, ikke om "
    "hva brukerne mener. Vi tester heller ikke hele fordelinger under ett eller forskjeller "
    "mellom spørsmål. Testene forutsetter at de to årene er uavhengige utvalg, men noen har trolig "
    "svart begge gangene, og det kan ikke spores fordi undersøkelsen er anonym.",
)


def reading_guide(bundle) -> Block:
    """The box «Slik leser du tallene» (a fenced div; the method chapter's section
    ``sec-slik-leser-du`` holds it)."""
    prev = bundle.previous.year if bundle.previous is not None else bundle.current.year
    values = {"prev": str(prev), "year": str(bundle.current.year),
              "alpha": fmt.num(ALPHA, 2)}
    lines = []
    for item in _ITEMS:
        used = {k: v for k, v in values.items() if "{" + k + "}" in item}
        lines.append("- " + compose(item, **used))
    items = "\n".join(lines)
    body = Block(items + "\n")
    return div(".reading-guide .reconstruction-notice", body)
