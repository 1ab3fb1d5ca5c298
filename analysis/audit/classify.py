"""Classify a recomputed figure against the printed one: reproduced, within rounding, or not."""

from __future__ import annotations

import math

from analysis.audit.recompute import Recomputed
from analysis.fmt import num
from analysis.ledger.rounding import stated_interval

REPRODUCED = "reproduced"
WITHIN_ROUNDING = "within-rounding"
NOT_REPRODUCIBLE = "not-reproducible"
NOT_DERIVABLE = "not-derivable"
#: Every status, in the order the audit reports them.
STATUSES = (REPRODUCED, WITHIN_ROUNDING, NOT_REPRODUCIBLE, NOT_DERIVABLE)

#: The denominators of a share, as the explanation names them (bokmål, as the appendix).
BASIS_WORDS = {"n": "svarte", "respondents": "respondenter", "answers": "avkrysninger"}

#: Tolerance for float noise when comparing a recomputed value with a rounding interval end.
_EPS = 1e-9


def _interval(value: float, decimals: int, qualifier: str | None) -> tuple[float, float]:
    lo, hi = stated_interval(value, decimals, qualifier)
    return (-math.inf if lo is None else float(lo)), (math.inf if hi is None else float(hi))


def classify(
    printed: float,
    decimals: int,
    kind: str,
    recomputed: Recomputed,
    basis_hint: str | None = None,
    qualifier: str | None = None,
) -> tuple[str, str | None, float | None, str]:
    """Return ``(status, basis, recomputed_value, arithmetic)`` for one figure.

    ``reproduced``: the exact recomputed value equals the printed one. ``within-rounding``: it
    lies in the printed value's rounding interval (both ends accepted, as printers differ on
    ties), or within the bound or approximation a ``qualifier`` ("over", "under", "about")
    states. ``not-reproducible``: under no basis. ``not-derivable``: not a function of the answers.

    Examples
    --------
    >>> from analysis.audit.recompute import Recomputed
    >>> rec = Recomputed({"n": 42.2}, {"count": 78, "n": 185})
    >>> classify(42, 0, "percent", rec)[0]
    'within-rounding'
    """
    if not recomputed.derivable:
        return NOT_DERIVABLE, None, None, recomputed.reason or ""
    order = list(recomputed.values)
    if basis_hint in recomputed.values:
        order.remove(basis_hint)
        order.insert(0, basis_hint)
    lo, hi = _interval(printed, decimals, qualifier)
    best = None
    for basis in order:
        value = recomputed.values[basis]
        if math.isnan(value):
            continue
        if qualifier is None and math.isclose(value, printed, abs_tol=_EPS):
            return REPRODUCED, basis, value, _arith(kind, basis, value, recomputed, decimals)
        if lo - _EPS <= value <= hi + _EPS and best is None:
            best = (basis, value)
    if best:
        basis, value = best
        return WITHIN_ROUNDING, basis, value, _arith(kind, basis, value, recomputed, decimals)
    first = order[0] if order else None
    first_value = recomputed.values.get(first) if first else None
    tried = "; ".join(
        _arith(kind, b, v, recomputed, decimals) for b, v in recomputed.values.items()
    )
    lo_text = "−∞" if math.isinf(lo) else num(lo, decimals + 1)
    hi_text = "∞" if math.isinf(hi) else num(hi, decimals + 1)
    text = (
        f"publisert {_stated(printed, decimals, qualifier)} krever en verdi i "
        f"[{lo_text}; {hi_text}]; dataene gir {tried}"
    )
    return NOT_REPRODUCIBLE, first, first_value, text


def _stated(printed: float, decimals: int, qualifier: str | None) -> str:
    words = {"over": "over ", "under": "under ", "about": "ca. "}
    return f"{words.get(qualifier or '', '')}{num(printed, decimals)}"


def _arith(kind: str, basis: str, value: float, rec: Recomputed, decimals: int) -> str:
    shown = num(value, decimals + 1)
    if kind == "percent":
        base = BASIS_WORDS.get(basis, basis)
        return f"{rec.parts.get('count')} / {rec.parts.get(basis)} ({base}) = {shown}\u00a0%"
    if kind == "mean":
        total = num(rec.parts.get("sum", math.nan), 0)
        return f"sum {total} / n {rec.parts.get('n')} = {shown}"
    if kind == "median":
        return f"median av {rec.parts.get('n')} vurderinger = {shown}"
    if kind == "count" and "count" in rec.parts:
        return f"{rec.parts['count']} svar"
    if "questionnaire" in rec.parts:
        return f"{rec.parts['questionnaire']} i spørreskjemafilen"
    if "respondents" in rec.parts:
        return f"{rec.parts['respondents']} svar i eksporten"
    if "n" in rec.parts:
        return f"{rec.parts['n']} svarte"
    return shown
