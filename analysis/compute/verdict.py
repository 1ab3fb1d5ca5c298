"""The one verdict of the book: what a change between two waves of a self-selected, shifting
sample can be said to show, in one vocabulary.

Every verdict the book prints (chapters, the change table, the key figures, the option
groups) is :func:`decide` of an :class:`Evidence`. The rules, stated to the reader in the box
«Slik leser du tallene» and in ``docs/statistics.md``:

1. **Series break** (``compare_to.breaks``): no test, :attr:`Verdict.BREAK`.
2. **No test possible** (a value unknown): :attr:`Verdict.NOT_TESTABLE`.
3. **Reconstructed data**: the test is made at both ends of every count's feasible range;
   when the ends disagree, :attr:`Verdict.UNDECIDABLE` (:func:`over_ranges`).
4. **A printed change of 0** on a share: :attr:`Verdict.NO_CHANGE`.
5. **Within chance** (the 95 % Newcombe interval of the difference covers 0, or the
   question's test has p >= ALPHA): :attr:`Verdict.CHANCE`.
6. **Explainable by who answered**: beyond chance, but the *break-even difference*
   (:func:`break_even`) is at most :data:`PLAUSIBLE_DIFFERENCE`: a difference that large
   between one role (or region) and the rest, with nothing changed inside any group, would
   give the whole change. :attr:`Verdict.COMPOSITION`.
7. Otherwise a direction: :attr:`Verdict.UP` / :attr:`Verdict.DOWN` for a share,
   :attr:`Verdict.HIGHER` / :attr:`Verdict.LOWER` for a rating or ordered item whose mean,
   median and top-two share agree, else :attr:`Verdict.SHIFTED` ("the distribution changed").

Every direction is about *those who answered*: the respondents chose themselves, and the mix
of roles and regions changed between waves, so no verdict speaks about users in general.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

import numpy as np
from scipy import stats
from statsmodels.stats.proportion import confint_proportions_2indep

from analysis.compute.change import ALPHA, PERMUTATION_RESAMPLES, PERMUTATION_SEED
from analysis.compute.permutation import chi2_permutation_pvalue

#: A break-even difference at most this large (as a share, 0-1) counts as plausible: a role or
#: region that answers this much more (or less) often than the rest is common in surveys of
#: mixed professions, so the change may be a change of who answered.
PLAUSIBLE_DIFFERENCE = 0.5

#: More corners than this and :func:`over_ranges` moves one count at a time.
MAX_CORNERS = 64


class Verdict(StrEnum):
    """The book's verdicts, in the short words of the tables (the prose words them in full)."""

    UP = "økning utover tilfeldig variasjon"
    DOWN = "nedgang utover tilfeldig variasjon"
    HIGHER = "høyere vurderinger utover tilfeldig variasjon"
    LOWER = "lavere vurderinger utover tilfeldig variasjon"
    SHIFTED = "fordelingen har endret seg"
    COMPOSITION = "kan skyldes hvem som svarte"
    CHANCE = "kan skyldes tilfeldigheter"
    NO_CHANGE = "ingen endring"
    UNDECIDABLE = "kan ikke avgjøres med rekonstruerte tall"
    BREAK = "brudd i serien"
    NOT_TESTABLE = "kan ikke testes"


#: The verdicts that say the change is more than chance would give among those who answered.
BEYOND_CHANCE = frozenset({Verdict.UP, Verdict.DOWN, Verdict.HIGHER, Verdict.LOWER,
                           Verdict.SHIFTED})


@dataclass(frozen=True)
class Evidence:
    """What a verdict is decided from.

    ``change`` the printed change (points, for a share; None for a rating or ordered item
    judged as a whole); ``beyond_chance`` whether the test rejects "no change" (None: no test);
    ``direction`` +1/-1 when the measures agree on a direction, 0 when they do not;
    ``break_even`` the smallest group difference that would explain the change (None: not
    computed); ``robust`` False when the ends of the reconstruction's ranges disagree;
    ``series_break`` True for a break in the series; ``whole`` True for a rating or ordered
    item (direction words "høyere/lavere vurderinger" or "fordelingen har endret seg").
    """

    change: float | None = None
    beyond_chance: bool | None = None
    direction: int = 0
    break_even: float | None = None
    robust: bool = True
    series_break: bool = False
    whole: bool = False


def decide(evidence: Evidence) -> Verdict:
    """The verdict for ``evidence`` (the rules of the module docstring, in their order).

    Examples
    --------
    >>> decide(Evidence(change=10, beyond_chance=True, direction=1, break_even=0.9))
    <Verdict.UP: 'økning utover tilfeldig variasjon'>
    >>> decide(Evidence(change=10, beyond_chance=True, direction=1, break_even=0.4)).value
    'kan skyldes hvem som svarte'
    >>> decide(Evidence(change=10, beyond_chance=True, direction=1, robust=False)).value
    'kan ikke avgjøres med rekonstruerte tall'
    >>> decide(Evidence(beyond_chance=True, direction=0, whole=True)).value
    'fordelingen har endret seg'
    """
    e = evidence
    if e.series_break:
        return Verdict.BREAK
    if e.beyond_chance is None or (e.change is not None and _missing(e.change)):
        return Verdict.NOT_TESTABLE
    if not e.robust:
        return Verdict.UNDECIDABLE
    if e.change is not None and e.change == 0:
        return Verdict.NO_CHANGE
    if not e.beyond_chance:
        return Verdict.CHANCE
    if e.break_even is not None and e.break_even <= PLAUSIBLE_DIFFERENCE:
        return Verdict.COMPOSITION
    if e.whole:
        return {1: Verdict.HIGHER, -1: Verdict.LOWER}.get(e.direction, Verdict.SHIFTED)
    return {1: Verdict.UP, -1: Verdict.DOWN}.get(e.direction, Verdict.SHIFTED)


def _missing(x) -> bool:
    try:
        return math.isnan(float(x))
    except (TypeError, ValueError):
        return x is None


def newcombe(k_a: float, n_a: int, k_b: float, n_b: int,
             level: float = 0.95) -> tuple[float, float]:
    """Newcombe's hybrid score interval (1998, method 10) of the difference of two shares,
    ``k_b/n_b − k_a/n_a`` (the later wave minus the earlier), from statsmodels'
    ``confint_proportions_2indep(method="newcomb")``. ``(nan, nan)`` when a count is missing
    or a wave has nobody.

    It combines the two Wilson intervals the tables print, so it keeps its coverage for ~150
    answers and shares near 0 or 1, where the Wald interval does not.

    Examples
    --------
    >>> [round(x, 4) for x in newcombe(70, 100, 80, 100)]
    [-0.0202, 0.2167]
    """
    if _missing(k_a) or _missing(k_b) or not n_a or not n_b:
        return (math.nan, math.nan)
    low, high = confint_proportions_2indep(int(k_b), int(n_b), int(k_a), int(n_a),
                                           method="newcomb", compare="diff",
                                           alpha=1 - level)
    return (float(low), float(high))


def excludes_zero(low: float, high: float) -> bool:
    """True when the interval of a difference lies wholly above or wholly below 0.

    >>> excludes_zero(0.01, 0.2), excludes_zero(-0.02, 0.2), excludes_zero(-0.2, -0.01)
    (True, False, True)
    """
    return bool(low > 0 or high < 0)


def break_even(change: float, mix_shifts: Mapping[str, float]) -> tuple[float, str | None]:
    """How much more (or less) often the members of one group than everyone else would have to
    give the answer for the change in who answered to explain the whole change.

    With every group's own share unchanged, a group whose share of the respondents moved by
    ``Δπ`` moves the overall share by ``Δπ · d``, where ``d`` is how much the group's share
    differs from the others'. The break-even difference is ``|change| / |Δπ|``, taken over the
    group that explains the change with the smallest ``d``. Computed from published marginals
    only (the share of each role and region per wave), never from a cross-tabulation.

    Parameters
    ----------
    change : float
        The change of the share (0-1 scale, later − earlier).
    mix_shifts : mapping
        Group name -> change of the group's share of respondents (0-1 scale).

    Returns
    -------
    tuple
        ``(difference, group)``; ``(inf, None)`` when no group's share moved.

    Examples
    --------
    >>> break_even(0.10, {"studiesykepleiere": 0.20, "Vest-Norge": -0.18})
    (0.5, 'studiesykepleiere')
    >>> break_even(0.10, {})
    (inf, None)
    """
    best, group = math.inf, None
    for name, shift in mix_shifts.items():
        if _missing(shift) or shift == 0:
            continue
        d = abs(change) / abs(shift)
        if d < best:
            best, group = d, name
    return best, group


def ordinal_test(counts_a: Sequence[int] | np.ndarray, counts_b: Sequence[int] | np.ndarray
                 ) -> float:
    """Two-sided Mann–Whitney p-value of two waves' counts over ordered categories (lowest
    first): the ordinal test of a rating or an ordered single choice. NaN when a wave is empty.

    Examples
    --------
    >>> ordinal_test([10, 10, 0], [0, 10, 10]) < 0.001
    True
    """
    x_a = np.repeat(np.arange(len(counts_a)), np.asarray(counts_a, dtype=int))
    x_b = np.repeat(np.arange(len(counts_b)), np.asarray(counts_b, dtype=int))
    if not len(x_a) or not len(x_b):
        return math.nan
    return float(stats.mannwhitneyu(x_b, x_a, alternative="two-sided").pvalue)


@dataclass(frozen=True)
class DistributionTest:
    """Test that the whole answer distribution changed (categories x waves).

    ``method`` is "kjikvadrattest" when every expected count is at least 5, else "Fishers
    eksakte test" (two categories) or "permutasjonstest" (the chi-square statistic's
    permutation distribution, :data:`PERMUTATION_RESAMPLES` draws, fixed seed).
    """

    statistic: float
    dof: int
    p_value: float
    method: str


def distribution_test(counts_a: Sequence[int] | np.ndarray, counts_b: Sequence[int] | np.ndarray
                      ) -> DistributionTest:
    """Omnibus test of a nominal single choice, and the whole-distribution test of a rating or
    an ordered item: Pearson's chi-square of category x wave, exact or permutation when an
    expected count is below 5. Categories nobody chose in either wave are left out.

    Raises
    ------
    ValueError
        If fewer than two categories remain.

    Examples
    --------
    >>> distribution_test([6, 0], [0, 6]).method
    'Fishers eksakte test'
    """
    table = np.column_stack([np.asarray(counts_a, int), np.asarray(counts_b, int)])
    table = table[table.sum(axis=1) > 0]
    if table.shape[0] < 2 or (table.sum(axis=0) == 0).any():
        raise ValueError("fewer than two categories (or an empty wave) to compare")
    result = stats.chi2_contingency(table, correction=False)
    if float(result.expected_freq.min()) >= 5:
        p, method = float(result.pvalue), "kjikvadrattest"
    elif table.shape == (2, 2):
        p, method = float(stats.fisher_exact(table).pvalue), "Fishers eksakte test"
    else:
        p = chi2_permutation_pvalue(table, PERMUTATION_RESAMPLES, PERMUTATION_SEED)
        method = "permutasjonstest"
    return DistributionTest(float(result.statistic), int(result.dof), p, method)


def agreed_direction(mean_change: float, median_change: float, top_change: float) -> int:
    """+1 or -1 when mean, median and top-two share all moved the same way, else 0.

    >>> agreed_direction(0.2, 0.5, 0.04), agreed_direction(0.2, 0.0, 0.04)
    (1, 0)
    >>> agreed_direction(0.1, 1.0, -0.10)
    0
    """
    signs = {int(np.sign(x)) for x in (mean_change, median_change, top_change)}
    return signs.pop() if len(signs) == 1 and 0 not in signs else 0


def over_ranges(decide_at: Callable[[Sequence[int]], Verdict],
                ranges: Sequence[tuple[int, int]]) -> Verdict:
    """The verdict when every count may lie anywhere in its feasible range: ``decide_at`` at
    both ends of every range; one verdict when all ends agree, else
    :attr:`Verdict.UNDECIDABLE`.

    ``ranges`` gives ``(low, high)`` per count. With few wide ranges every corner is tried;
    with more than :data:`MAX_CORNERS` corners each count is moved to its ends one at a time
    (the others at their low end, then at their high end).

    Examples
    --------
    >>> pick = lambda ks: Verdict.UP if ks[0] >= 72 else Verdict.CHANCE
    >>> over_ranges(pick, [(72, 73)]).value, over_ranges(pick, [(71, 72)]).value
    ('økning utover tilfeldig variasjon', 'kan ikke avgjøres med rekonstruerte tall')
    """
    wide = [i for i, (lo, hi) in enumerate(ranges) if lo != hi]
    if 2 ** len(wide) <= MAX_CORNERS:
        corners = []
        for ends in itertools.product(*[(ranges[i][0], ranges[i][1]) for i in wide]):
            point = [lo for lo, _ in ranges]
            for i, v in zip(wide, ends, strict=True):
                point[i] = v
            corners.append(point)
    else:
        corners = []
        for base in (0, 1):
            for i in wide:
                for end in (0, 1):
                    point = [r[base] for r in ranges]
                    point[i] = ranges[i][end]
                    corners.append(point)
    seen = {decide_at(tuple(c)) for c in corners}
    return seen.pop() if len(seen) == 1 else Verdict.UNDECIDABLE


def is_beyond(p: float) -> bool:
    """``p < ALPHA`` (NaN is not)."""
    return bool(p < ALPHA)
