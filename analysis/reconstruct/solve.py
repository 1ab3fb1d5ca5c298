"""Solve one question: the most plausible integer counts, or the fewest figures to drop.

Feasible: (1) when no figure states n, take the largest n the figures allow (a Forms question
is mostly answered by everyone it is shown to); (2) with n fixed, minimise the total absolute
deviation, in counts, between printed and implied percentages and means; indicator weights
break basis ties in the order n, respondents, answers. Infeasible: one binary "drop" per
figure relaxes its rows (big-M); minimise the number dropped, then collect other minimal sets
with no-good cuts, and explain each dropped figure with the arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from analysis.questionnaire.schema import Question
from analysis.reconstruct.constraints import ReconstructionError, build_model
from analysis.reconstruct.explain import explain_dropped
from analysis.reconstruct.figures import Figure
from analysis.reconstruct.model import Row

#: How many further minimal drop sets to look for (each costs one more solve).
MAX_ALTERNATIVES = 5


@dataclass
class Solution:
    """Reconstructed counts of one question, or the audit of why none exist.

    ``status`` is ``"ok"`` (all figures fit), ``"repaired"`` (fits after dropping ``dropped``),
    ``"empty"`` (no usable figures) or ``"infeasible"`` (not even dropping figures helps: the
    questionnaire structure itself is violated).
    """

    question: str
    status: str
    counts: dict = field(default_factory=dict)
    n: int | None = None
    basis: dict[str, str] = field(default_factory=dict)
    dropped: tuple[str, ...] = ()
    alternatives: list[tuple[str, ...]] = field(default_factory=list)
    explanations: dict[str, str] = field(default_factory=dict)
    skipped: dict[str, str] = field(default_factory=dict)
    #: key -> (lowest, highest) count the kept figures allow at this n (when asked for)
    ranges: dict = field(default_factory=dict)
    #: (lowest, highest) number answering the kept figures allow (when asked for)
    n_range: tuple | None = None
    #: tuple of keys -> (lowest, highest) summed count at this n, per group asked for
    group_ranges: dict = field(default_factory=dict)

    @property
    def unique_minimal(self) -> bool:
        """True when exactly one smallest set of figures explains the conflict."""
        return not self.alternatives


def solve_question(
    figures: list[Figure], question: Question, respondents: int,
    max_alternatives: int = MAX_ALTERNATIVES,
    ranges: bool = False,
    groups: Sequence[Sequence] = (),
) -> Solution:
    """Reconstruct counts for one (year, question) from its published figures.

    Parameters
    ----------
    figures
        The question's figures in one wave (see :class:`~analysis.reconstruct.figures.Figure`).
    question
        Its questionnaire entry.
    respondents
        Respondents of the wave; bounds n and is a candidate percent denominator.
    max_alternatives
        Stop looking for other minimal drop sets after this many.
    ranges
        Also compute, per option, the lowest and highest count the kept figures allow at the
        solution's n (two extra solves per option): what the published figures pin down.
    groups
        With ``ranges``: groups of options (labels or scores) whose *summed* count to bound
        the same way, e.g. ``[("I stor grad", "I noen grad")]``; the report often printed only
        such a sum ("57 % i stor eller noen grad").

    Returns
    -------
    Solution

    Raises
    ------
    ReconstructionError
        For a figure naming an option the question does not have.
    """
    model, h = build_model(figures, question, respondents)
    sol = Solution(question=question.id, status="ok", skipped=dict(h.skipped))
    if not h.used:
        sol.status = "empty"
        return sol
    fitted = _fit(figures, question, respondents, exclude=())
    if fitted is None:
        drop_sets = _minimal_drop_sets(figures, question, respondents, max_alternatives)
        if not drop_sets:
            sol.status = "infeasible"
            return sol
        sol.status, sol.dropped, sol.alternatives = "repaired", drop_sets[0], drop_sets[1:]
        fitted = _fit(figures, question, respondents, exclude=sol.dropped)
    values, h = fitted
    sol.n = int(values[h.n])
    sol.counts = {k: int(values[h.x[k]]) for k in h.keys}
    sol.basis = {
        fid: next(b for b, z in pairs if values[z] > 0.5) for fid, pairs in h.bases.items()
    }
    for fid in sol.dropped:
        fig = next(f for f in figures if f.id == fid)
        kept = [f for f in figures if f.id not in sol.dropped]
        sol.explanations[fid] = explain_dropped(fig, kept, question, respondents, sol)
    if ranges:
        kept = [f for f in figures if f.id not in sol.dropped]
        sol.ranges = count_ranges(kept, question, respondents, sol.n)
        sol.group_ranges = group_ranges(kept, question, respondents, sol.n, groups)
        sol.n_range = n_range(kept, question, respondents)
    return sol


def n_range(figures: list[Figure], question: Question, respondents: int) -> tuple:
    """Lowest and highest number answering that the figures allow."""
    model, h = build_model(figures, question, respondents)
    bounds = []
    for sign in (1.0, -1.0):
        model.objective = {h.n: sign}
        values = model.solve()
        bounds.append(None if values is None else int(values[h.n]))
    return tuple(bounds)


def count_ranges(figures: list[Figure], question: Question, respondents: int, n: int) -> dict:
    """Lowest and highest count of each option that the figures allow when ``n`` answered.

    A narrow range means the published figures pin the count down; a wide one means the
    reconstruction's value is one arbitrary choice among many and must not be read as data.
    """
    model, h = build_model(figures, question, respondents)
    return {key: _sum_range(model, h, (key,), n) for key in h.keys}


def group_ranges(figures: list[Figure], question: Question, respondents: int, n: int,
                 groups: Sequence[Sequence]) -> dict:
    """Lowest and highest *summed* count of each group of options when ``n`` answered.

    Parameters
    ----------
    figures
        The figures kept (without those the solver dropped).
    question, respondents, n
        As for :func:`count_ranges`.
    groups
        Groups of option labels (or scores) of ``question``.

    Returns
    -------
    dict
        ``{tuple(group): (lowest, highest)}``; ``(None, None)`` when nothing fits at ``n``.

    Raises
    ------
    ReconstructionError
        For a label the question does not have.

    Examples
    --------
    >>> from analysis.questionnaire.schema import Option
    >>> q = Question(id="q01", number=1, text="t", type="single",
    ...              options=[Option(label=x) for x in "ABC"])
    >>> figs = [Figure(id="ab", kind="percent", value=60, option=("A", "B"), year=2025,
    ...                question=1)]
    >>> group_ranges(figs, q, 10, 10, [("A", "B"), ("A",)])
    {('A', 'B'): (6, 6), ('A',): (0, 6)}
    """
    if not groups:
        return {}
    model, h = build_model(figures, question, respondents)
    out = {}
    for group in groups:
        missing = [k for k in group if k not in h.x]
        if missing:
            raise ReconstructionError(
                f"{question.id}: option group {list(group)} names {missing}, which the "
                f"question does not have; known: {h.keys}")
        out[tuple(group)] = _sum_range(model, h, tuple(group), n)
    return out


def _sum_range(model, h, keys: tuple, n: int) -> tuple:
    """(lowest, highest) of the summed count of ``keys`` with ``n`` fixed."""
    fix_n = [Row({h.n: 1.0}, n, n)]
    bounds = []
    for sign in (1.0, -1.0):
        model.objective = {h.x[key]: sign for key in keys}
        values = model.solve(extra=fix_n)
        bounds.append(None if values is None else int(sum(values[h.x[k]] for k in keys)))
    return tuple(bounds)


def _fit(figures, question, respondents, exclude):
    """Best counts with the figures in ``exclude`` left out; None when infeasible."""
    kept = [f for f in figures if f.id not in exclude]
    model, h = build_model(kept, question, respondents)
    extra: list[Row] = []
    if not h.has_n_figure:
        deviation = model.objective
        model.objective = {h.n: -1.0}
        first = model.solve()
        if first is None:
            return None
        extra = [Row({h.n: 1.0}, first[h.n], first[h.n])]
        model.objective = deviation
    values = model.solve(extra=extra)
    return None if values is None else (values, h)


def _minimal_drop_sets(figures, question, respondents, limit) -> list[tuple[str, ...]]:
    """Smallest sets of figure ids whose removal makes the figures consistent, best first."""
    model, h = build_model(figures, question, respondents)
    drop = {fid: model.var(f"drop[{fid}]", 0, 1) for fid in h.used}
    model.objective = {y: 1.0 for y in drop.values()}
    cuts: list[Row] = []
    found: list[tuple[str, ...]] = []
    size = None
    while len(found) <= limit:
        values = model.solve(drop=drop, extra=cuts)
        if values is None:
            break
        chosen = tuple(fid for fid in h.used if values[drop[fid]] > 0.5)
        if size is None:
            size = len(chosen)
            # Only sets of the minimal size count as alternatives.
            cuts.append(Row({y: 1.0 for y in drop.values()}, hi=size))
        if len(chosen) != size or not chosen:
            break
        found.append(chosen)
        # No-good cut: this exact set may not be chosen again.
        cuts.append(Row({drop[fid]: 1.0 for fid in chosen}, hi=size - 1))
    # Among equally small sets prefer dropping the summary's restatements and hedged wordings
    # ("over", "ca.") over the results section's own figures. (A weighted MILP objective made
    # HiGHS's search explode, so the preference is applied to the sets found.)
    by_id = {f.id: f for f in figures}
    found.sort(key=lambda ids: -sum(_drop_preference(by_id[i]) for i in ids))
    return found


def _drop_preference(fig: Figure) -> float:
    """A small discount (far below one figure) for figures that are cheaper to give up."""
    return 0.01 * (fig.section == "1") + 0.005 * (fig.qualifier is not None)
