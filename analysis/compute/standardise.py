"""A change with the mix of who answered held fixed: for real, respondent-level exports only.

The reconstructions pin only marginals (how many chose each role, each answer), so nothing
here may run on them: a cross-tabulation of two reconstructed questions is the solver's
choice, not data. With a real export, every respondent has a *main role* (:func:`main_role`)
and a region, and a change can be standardised to the earlier wave's mix
(:func:`standardised_change`) and tested within groups (Cochran–Mantel–Haenszel,
:func:`within_group_test`).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from statsmodels.stats.contingency_tables import StratifiedTable

#: Z of a two-sided 95 % interval.
Z95 = 1.959963984540054


def main_role(roles: pd.DataFrame, order: Sequence[str], other: str | None = "Annet") -> pd.Series:
    """Each respondent's *main role* («hovedrolle») from a multiple-choice role question.

    The rule: a respondent who ticked one role has that role; one who ticked several has the
    first of them in ``order`` (the questionnaire's order), passing over ``other`` («Annet»)
    when a named role is ticked too; one who ticked none has none (left out of the
    standardisation).

    Parameters
    ----------
    roles : pandas.DataFrame
        One row per respondent x ticked role, columns ``respondent`` and ``option``.
    order : sequence of str
        The role labels in questionnaire order.
    other : str or None
        The catch-all label, used only when nothing else is ticked.

    Examples
    --------
    >>> t = pd.DataFrame({"respondent": [1, 1, 2, 3, 3],
    ...                   "option": ["B", "A", "Annet", "Annet", "B"]})
    >>> main_role(t, ["A", "B", "Annet"]).to_dict()
    {1: 'A', 2: 'Annet', 3: 'B'}
    """
    rank = {label: (label == other, i) for i, label in enumerate(order)}
    unknown = set(roles["option"]) - set(rank)
    if unknown:
        raise ValueError(f"roles not in the questionnaire's order: {sorted(unknown)}")
    ranked = roles.assign(rank=roles["option"].map(rank)).sort_values(["respondent", "rank"])
    return ranked.groupby("respondent", sort=True)["option"].first()


@dataclass(frozen=True)
class StandardisedChange:
    """Crude and standardised change of a share (0-1, later − earlier) with 95 % intervals.

    ``standardised`` weights each group's change by the group's share of the *earlier* wave
    (direct standardisation); ``mix_effect`` = crude − standardised is what the change of mix
    alone accounts for. ``groups`` lists the groups present in both waves (others are left
    out of the standardised change and reported by name in ``dropped``).
    """

    crude: float
    crude_low: float
    crude_high: float
    standardised: float
    low: float
    high: float
    groups: tuple[str, ...]
    dropped: tuple[str, ...]

    @property
    def mix_effect(self) -> float:
        """The part of the crude change the change of who answered accounts for."""
        return self.crude - self.standardised


def standardised_change(group_a: pd.Series, answer_a: pd.Series,
                        group_b: pd.Series, answer_b: pd.Series) -> StandardisedChange:
    """The change of a share with the earlier wave's mix of groups held fixed.

    Parameters
    ----------
    group_a, group_b : pandas.Series
        Each respondent's group (main role or region), indexed by respondent.
    answer_a, answer_b : pandas.Series
        Whether the respondent gave the answer (bool), same index.

    Returns
    -------
    StandardisedChange
        The standardised change ``Σ_g w_g (p_bg − p_ag)`` with ``w_g`` the earlier wave's
        share of group ``g``, and its Wald interval
        ``± 1.96 √Σ w_g² (p_ag(1−p_ag)/n_ag + p_bg(1−p_bg)/n_bg)``; the crude change with
        Newcombe's interval.

    Examples
    --------
    >>> ga = pd.Series(["x"] * 8 + ["y"] * 2)
    >>> ya = pd.Series([True] * 4 + [False] * 4 + [True, False])
    >>> gb = pd.Series(["x"] * 2 + ["y"] * 8); yb = pd.Series([True, False] * 5)
    >>> round(standardised_change(ga, ya, gb, yb).standardised, 10)
    0.0
    """
    from analysis.compute.verdict import newcombe

    a = pd.DataFrame({"g": group_a, "y": answer_a.astype(bool)}).dropna(subset=["g"])
    b = pd.DataFrame({"g": group_b, "y": answer_b.astype(bool)}).dropna(subset=["g"])
    if a.empty or b.empty:
        raise ValueError("a wave has no respondent with a group")
    shared = sorted(set(a["g"]) & set(b["g"]))
    dropped = tuple(sorted((set(a["g"]) | set(b["g"])) - set(shared)))
    weights = a["g"].value_counts(normalize=True)
    weights = weights[shared] / weights[shared].sum()
    total, variance = 0.0, 0.0
    for g in shared:
        ya, yb = a.loc[a["g"] == g, "y"], b.loc[b["g"] == g, "y"]
        pa, pb = ya.mean(), yb.mean()
        total += weights[g] * (pb - pa)
        variance += weights[g] ** 2 * (pa * (1 - pa) / len(ya) + pb * (1 - pb) / len(yb))
    half = Z95 * math.sqrt(variance)
    k_a, k_b = int(answer_a.astype(bool).sum()), int(answer_b.astype(bool).sum())
    crude_low, crude_high = newcombe(k_a, len(answer_a), k_b, len(answer_b))
    return StandardisedChange(
        crude=k_b / len(answer_b) - k_a / len(answer_a), crude_low=crude_low,
        crude_high=crude_high, standardised=float(total), low=float(total - half),
        high=float(total + half), groups=tuple(shared), dropped=dropped)


def within_group_test(group_a: pd.Series, answer_a: pd.Series,
                      group_b: pd.Series, answer_b: pd.Series) -> float:
    """Cochran–Mantel–Haenszel p-value of "no change of the answer within any group" (wave x
    answer, stratified by group; statsmodels ``StratifiedTable.test_null_odds`` with the
    continuity correction). Groups missing from a wave carry no information and are left out.

    Examples
    --------
    >>> ga = pd.Series(["x"] * 8 + ["y"] * 2)
    >>> ya = pd.Series([True] * 4 + [False] * 4 + [True, False])
    >>> gb = pd.Series(["x"] * 2 + ["y"] * 8); yb = pd.Series([True, False] * 5)
    >>> within_group_test(ga, ya, gb, yb) > 0.5
    True
    """
    tables = []
    for g in sorted(set(group_a.dropna()) & set(group_b.dropna())):
        ya, yb = answer_a[group_a == g].astype(bool), answer_b[group_b == g].astype(bool)
        tables.append(np.array([[yb.sum(), (~yb).sum()], [ya.sum(), (~ya).sum()]], float))
    if not tables:
        return math.nan
    return float(StratifiedTable(tables).test_null_odds(correction=True).pvalue)
