"""The published number of responses of each survey wave, as the ledger records it."""

from __future__ import annotations

from collections.abc import Iterable

from analysis.ledger.figure import Figure
from analysis.ledger.schema import Basis, FigureKind


def _is_wave_total(fig: Figure) -> bool:
    # A report-level n with basis respondents: the wave's own total ("186 svar"), not "rundt
    # 150" said of earlier surveys in general.
    return fig.question is None and fig.kind is FigureKind.N and fig.basis is Basis.RESPONDENTS


def wave_totals(ledger: Iterable[Figure]) -> dict[int, int]:
    """Year -> published number of responses (report-level ``n`` figures, basis respondents).

    Examples
    --------
    >>> wave_totals([Figure("a", "n", 186, year=2025, basis="respondents"),
    ...              Figure("b", "n", 150, year=2020, qualifier="about")])
    {2025: 186}
    """
    out: dict[int, int] = {}
    for fig in filter(_is_wave_total, ledger):
        if fig.year is not None:  # a hand-made figure may name no wave
            out[fig.year] = max(out.get(fig.year, 0), int(fig.value))
    return dict(sorted(out.items()))


def wave_respondents(ledger: Iterable[Figure], year: int) -> int:
    """The published number of responses of one wave.

    Raises
    ------
    ValueError
        If the ledger has no such figure for ``year``, or disagreeing ones.
    """
    values = sorted({int(f.value) for f in ledger if f.year == year and _is_wave_total(f)})
    if len(values) != 1:
        raise ValueError(f"ledger: expected one number of respondents for {year} "
                         f"(kind n, question null, basis respondents), found {values}")
    return values[0]
