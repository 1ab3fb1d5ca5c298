"""One published figure as the solver sees it, and the interval its printed value stands for.

The ledger (``analysis.ledger``) is a data frame with one row per published figure; the solver
only needs a few of its columns, so it reads them into a small frozen :class:`Figure`. Keeping
this independent of the ledger module lets the solver be tested on hand-made figure lists.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from analysis.ledger.rounding import stated_interval

KINDS = ("count", "percent", "mean", "median", "n")


@dataclass(frozen=True)
class Figure:
    """A published figure about one question of one wave.

    ``option`` holds option labels (choice questions) or scores (ratings); several entries mean
    the figure is a sum ("godt eller litt", "score 4 eller 5"); it is empty for n, mean, median.
    ``basis`` is None (the solver picks the percent denominator) or a fixed denominator name.
    """

    id: str
    kind: str
    value: float
    decimals: int = 0
    option: tuple = ()
    basis: str | None = None
    year: int | None = None
    question: int | None = None
    qualifier: str | None = None  #: "over", "under" or "about" ("ca.", "rundt"); None: plain
    section: str | None = None  #: report section ("1" is the summary)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"figure {self.id}: unknown kind {self.kind!r}; expected {KINDS}")

    @property
    def printed(self) -> str:
        """The value as printed, e.g. ``4.17`` or ``45 %``."""
        text = f"{self.value:.{self.decimals}f}"
        return f"{text} %" if self.kind == "percent" else text


def printed_interval(
    value: float, decimals: int, qualifier: str | None = None, *, cap: float = 1e9
) -> tuple[Fraction, Fraction]:
    """Return the exact interval of true values that print as ``value`` with ``decimals``.

    Half-up rounding gives the half-open interval ``[value - h, value + h)`` with
    ``h = 0.5 * 10**-decimals``; both ends are returned as exact fractions.

    Parameters
    ----------
    value
        The printed number (a float such as ``4.17``).
    decimals
        Number of decimals printed (0 for ``45 %``).

    Returns
    -------
    tuple of Fraction
        ``(low, high)``.

    Examples
    --------
    >>> printed_interval(4.17, 2)
    (Fraction(833, 200), Fraction(167, 40))
    """
    if qualifier is not None:
        # "over 70 %", "ca. 16 %": the ledger's stated interval; an open side becomes +-cap.
        lo, hi = stated_interval(value, decimals, qualifier)
        return (Fraction(-cap) if lo is None else lo), (Fraction(cap) if hi is None else hi)
    exact = Fraction(Decimal(str(value)))
    half = Fraction(1, 2 * 10**decimals)
    return exact - half, exact + half


def round_half_up(value: Fraction | float, decimals: int) -> Decimal:
    """Round as a printer does (half-up), e.g. ``round_half_up(Fraction(250, 60), 2)`` is 4.17."""
    if isinstance(value, Fraction):
        dec = Decimal(value.numerator) / Decimal(value.denominator)
    else:
        dec = Decimal(str(value))
    return dec.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def figures_from_records(records: Iterable[Mapping[str, Any]]) -> list[Figure]:
    """Read ledger rows (dicts, or ``DataFrame.to_dict("records")``) into figures.

    Parameters
    ----------
    records
        Mappings with at least ``id``, ``kind``, ``value``; optionally ``decimals``, ``option``,
        ``basis``, ``year``, ``question``. Missing values (None/NaN) become defaults.

    Returns
    -------
    list of Figure
    """
    out = []
    for rec in records:
        option = rec.get("option") or ()
        if isinstance(option, str | int):
            option = (option,)
        decimals = _clean(rec.get("decimals"))
        question = _clean(rec.get("question"))
        year = _clean(rec.get("year"))
        out.append(
            Figure(
                id=str(rec["id"]),
                kind=str(rec["kind"]),
                value=float(rec["value"]),
                decimals=int(decimals) if decimals is not None else 0,
                option=tuple(option),
                basis=_clean(rec.get("basis")),
                year=int(year) if year is not None else None,
                question=int(question) if question is not None else None,
                qualifier=_clean(rec.get("qualifier")),
                section=_clean(rec.get("section")),
            )
        )
    return out


def _clean(value: Any) -> Any:
    # Pandas hands missing cells over as NaN (or pd.NA); treat them as absent.
    if value is None:
        return None
    try:
        if value != value:  # NaN is the only value not equal to itself
            return None
    except TypeError:  # pd.NA refuses comparison
        return None
    return value
