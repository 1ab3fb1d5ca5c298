"""The change sentences of the book: first what changed, then how sure we are, in words that
vary with the evidence instead of one clause after every figure.

Every clause is worded from a :class:`~analysis.compute.verdict.Verdict` (one vocabulary,
:mod:`analysis.compute.verdict`) and the printed change; the 95 % interval of the change is
given whenever the change is more than a couple of points.
"""

from __future__ import annotations

from decimal import Decimal

from analysis import fmt
from analysis.compute.verdict import Verdict
from analysis.display import Text, as_text
from analysis.report.values import percent, signed, size_text

#: A change of at most this many points that is within chance reads "nesten uendret".
SMALL = 2


def interval_text(low: float, high: float) -> Text:
    """The 95 % interval of a change in points: ``"+1 til +20 prosentpoeng"``.

    >>> interval_text(0.012, 0.204).replace("\\u00a0", " ")
    '+1 til +20 prosentpoeng'
    """
    a, b = percent(low), percent(high)
    if a is None or b is None:
        return Text(fmt.MISSING)
    return Text(f"{signed(a)} til {signed(b)}{fmt.NBSP}prosentpoeng")


def _ki(low: float, high: float) -> str:
    return f"95{fmt.NBSP}% KI {interval_text(low, high)}"


def _what(points: Decimal) -> str:
    return f"{'en økning' if points > 0 else 'en nedgang'} på {size_text(points)}"


def _who(group: str | None, shift: float) -> str:
    """"at andelen «Vest-Norge» blant dem som svarte, økte" (or "hvem som svarte")."""
    if not group:
        return "hvem som svarte"
    return f"at andelen {fmt.quote(group)} blant dem som svarte, {'økte' if shift > 0 else 'falt'}"


@as_text
def share_clause(verdict: Verdict, points: Decimal | None, low: float, high: float,
                 prev_year: int | None, group: str | None = None, group_shift: float = 0.0,
                 reason: str | None = None) -> str:
    """One clause on the change of a share, fitting after "Det er …" or "– …".

    Examples
    --------
    >>> print(share_clause(Verdict.UP, Decimal(10), 0.012, 0.204, 2023).replace(", ", ",\\n")
    ...       .replace("\\xa0", " "))
    en økning på 10 prosentpoeng (95 % KI +1 til +20 prosentpoeng),
    mer enn tilfeldigheter alene gir blant dem som svarte
    >>> share_clause(Verdict.CHANCE, Decimal(1), -0.08, 0.1, 2023).replace("\\xa0", " ")
    'nesten ingen endring (+1 prosentpoeng), innenfor det tilfeldigheter gir'
    """
    if verdict is Verdict.BREAK:
        return (f"et brudd i serien, så endringen fra {prev_year} blir ikke testet: "
                f"{reason or 'Spørsmålet er endret.'}")
    if verdict is Verdict.NOT_TESTABLE or points is None:
        return f"endringen fra {prev_year} kan ikke vurderes fordi tallene ikke er kjent"
    if verdict is Verdict.NO_CHANGE or points == 0:
        return "ingen endring"
    if verdict is Verdict.CHANCE:
        if abs(points) <= SMALL:
            return f"nesten ingen endring ({signed(points)}{fmt.NBSP}prosentpoeng), innenfor det " \
                   "tilfeldigheter gir"
        if low < 0 < high and min(-low, high) >= abs(float(points)) / 100:
            return (f"{_what(points)}, men usikkerheten er så stor ({_ki(low, high)}) at "
                    "endringen like gjerne kan gå den andre veien")
        return f"{_what(points)}, men den kan skyldes tilfeldigheter ({_ki(low, high)})"
    if verdict is Verdict.UNDECIDABLE:
        return (f"{_what(points)} ({_ki(low, high)}), men om den er mer enn tilfeldig, kan ikke "
                "avgjøres med rekonstruerte tall: svaret avhenger av tall de publiserte "
                "figurene ikke fastsetter")
    if verdict is Verdict.COMPOSITION:
        who = _who(group, group_shift)
        return (f"{_what(points)} ({_ki(low, high)}), mer enn tilfeldig, men ikke mer enn at "
                f"det kan skyldes {who}")
    return (f"{_what(points)} ({_ki(low, high)}), mer enn tilfeldigheter alene gir blant dem "
            "som svarte")


@as_text
def whole_clause(verdict: Verdict, prev_year: int | None, rating: bool, how: str = "",
                 group: str | None = None, group_shift: float = 0.0) -> str:
    """One clause on a rating or ordered item as a whole (a full clause: "vurderingene er …").

    Examples
    --------
    >>> whole_clause(Verdict.CHANCE, 2023, True)
    'vurderingene er omtrent som i 2023, innenfor det tilfeldigheter gir'
    >>> whole_clause(Verdict.SHIFTED, 2023, True, "flere gir 5 og flere 1")
    'fordelingen av vurderingene har endret seg siden 2023: flere gir 5 og flere 1'
    """
    what = "vurderingene" if rating else "svarene"
    if verdict is Verdict.BREAK:
        return f"et brudd i serien gjør at {what} ikke sammenliknes med {prev_year}"
    if verdict is Verdict.NOT_TESTABLE:
        return (f"endringen fra {prev_year} kan ikke testes fordi fordelingen ikke er kjent i "
                "begge år")
    if verdict is Verdict.UNDECIDABLE:
        return (f"om {what} har endret seg siden {prev_year}, kan ikke avgjøres med "
                "rekonstruerte tall")
    if verdict in (Verdict.CHANCE, Verdict.NO_CHANGE):
        return f"{what} er omtrent som i {prev_year}, innenfor det tilfeldigheter gir"
    if verdict is Verdict.SHIFTED:
        tail = f": {how}" if how else ""
        return f"fordelingen av {what} har endret seg siden {prev_year}{tail}"
    if verdict is Verdict.COMPOSITION:
        who = _who(group, group_shift)
        return (f"{what} har endret seg mer enn tilfeldig siden {prev_year}, men ikke mer enn at "
                f"det kan skyldes {who}")
    up = verdict in (Verdict.HIGHER, Verdict.UP)
    if rating:
        return (f"vurderingene er {'høyere' if up else 'lavere'} enn i {prev_year} (snitt, median "
                "og andel som gir 4 eller 5 peker samme vei), mer enn tilfeldigheter alene gir "
                "blant dem som svarte")
    return (f"svarene har flyttet seg {'oppover' if up else 'nedover'} på skalaen siden "
            f"{prev_year}, mer enn tilfeldigheter alene gir blant dem som svarte")
