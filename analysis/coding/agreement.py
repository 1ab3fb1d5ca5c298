"""Agreement between two coders: Cohen's kappa per code, Krippendorff's alpha per question.

Only answers both coders coded count. Kappa treats each code as a yes/no judgement per answer
(:func:`sklearn.metrics.cohen_kappa_score`); alpha treats each answer's *set* of codes as one
nominal value (:func:`krippendorff.alpha`), so two coders agree on an answer only when they
gave it exactly the same codes. Either is NaN when it is undefined (no shared answers, or
every judgement the same).
"""

from __future__ import annotations

import math
import warnings

import krippendorff
import numpy as np
import pandas as pd
from sklearn.metrics import cohen_kappa_score

from analysis.coding.schema import NO_CONTENT, Codebook


def _sets(decisions: pd.DataFrame, qid: str, coder: str) -> dict[int, frozenset[str]]:
    mine = decisions[(decisions["qid"] == qid) & (decisions["coder"] == coder)]
    return {int(r): frozenset(g["code"]) for r, g in mine.groupby("response_id")}


def coder_pairs(decisions: pd.DataFrame, qid: str) -> tuple[str, str] | None:
    """The two coders of ``qid`` who share the most answers (first in file order at a tie)."""
    mine = decisions[decisions["qid"] == qid]
    coders = list(dict.fromkeys(mine["coder"]))
    best, shared = None, 0
    for i, a in enumerate(coders):
        for b in coders[i + 1:]:
            n = len(set(mine.loc[mine["coder"] == a, "response_id"])
                    & set(mine.loc[mine["coder"] == b, "response_id"]))
            if n > shared:
                best, shared = (a, b), n
    return best


def kappa_per_code(codebook: Codebook, decisions: pd.DataFrame, qid: str,
                   coders: tuple[str, str] | None = None) -> pd.DataFrame:
    """Cohen's kappa of two coders for each code of ``qid`` (and :data:`NO_CONTENT`).

    Returns
    -------
    pandas.DataFrame
        One row per code: ``code``, ``shared`` (answers both coded), ``kappa`` (float; NaN
        when undefined).

    Examples
    --------
    >>> from analysis.coding.schema import Codebook
    >>> book = Codebook.model_validate({"year": 2027, "source": "x", "questions": {"q09": {
    ...     "codes": [{"id": "a", "label": "A", "definition": "A"}]}}})
    >>> d = pd.DataFrame({"response_id": [1, 2, 1, 2], "qid": "q09", "code": ["a", "a", "a",
    ...     "uten-innhold"], "coder": ["x", "x", "y", "y"]})
    >>> kappa_per_code(book, d, "q09").kappa.tolist()[0]
    0.0
    """
    pair = coders or coder_pairs(decisions, qid)
    ids = [c.id for c in codebook.question(qid).codes] + [NO_CONTENT]
    if pair is None:
        return pd.DataFrame({"code": ids, "shared": 0, "kappa": math.nan})
    a, b = (_sets(decisions, qid, c) for c in pair)
    shared = sorted(set(a) & set(b))
    rows = []
    for code in ids:
        x = [code in a[r] for r in shared]
        y = [code in b[r] for r in shared]
        rows.append({"code": code, "shared": len(shared), "kappa": _kappa(x, y)})
    return pd.DataFrame(rows, columns=["code", "shared", "kappa"])


def _kappa(x: list[bool], y: list[bool]) -> float:
    if not x or len(set(x) | set(y)) < 2:
        return math.nan
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return float(cohen_kappa_score(x, y))


def alpha_per_question(decisions: pd.DataFrame, qid: str) -> tuple[float, int]:
    """Krippendorff's alpha (nominal) over every coder of ``qid`` and the answers coded by two
    or more; returns ``(alpha, answers)`` with NaN when undefined."""
    mine = decisions[decisions["qid"] == qid]
    coders = list(dict.fromkeys(mine["coder"]))
    sets = {c: _sets(decisions, qid, c) for c in coders}
    units = sorted(r for r in {r for s in sets.values() for r in s}
                   if sum(r in s for s in sets.values()) >= 2)
    values = {v: i for i, v in enumerate(sorted({s[r] for s in sets.values() for r in s
                                                 if r in units}, key=sorted))}
    if len(units) == 0 or len(values) < 2:
        return math.nan, len(units)
    data = np.array([[values[sets[c][r]] if r in sets[c] else np.nan for r in units]
                     for c in coders], dtype=float)
    return float(krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")), \
        len(units)
