"""Published figures of one (year, question) as linear constraints on unknown integer counts.

Unknowns: one non-negative integer count ``x_o`` per option (per score for ratings) and ``n``,
the number answering. Percent figures get one binary indicator per candidate denominator
(``n`` answering, all ``respondents`` of the wave, all ``answers`` given), exactly one chosen;
medians with several printable candidates (``4`` could be 3.5, 4 or 4.5) likewise. Printed
values stand for their rounding interval, taken closed on both ends (printers differ on ties).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction

from analysis.ledger import Basis
from analysis.questionnaire.schema import Question, QuestionType
from analysis.reconstruct.figures import Figure, printed_interval
from analysis.reconstruct.model import Model

#: Candidate percent denominators, in the order ties are broken (first preferred).
BASES = ("n", "respondents", "answers")
#: Weight of the basis tie-break in the objective: far below one count of deviation.
TIE_WEIGHT = 1e-4
#: Weight per tick: among equally good fits prefer the fewest ticks (options no figure pins).
TICK_WEIGHT = 1e-5


class ReconstructionError(ValueError):
    """A figure the solver cannot read (e.g. an option label the questionnaire lacks)."""


@dataclass
class Handles:
    """Indices into the model, per concept, and what was left out and why."""

    keys: list = field(default_factory=list)  # option labels or scores, questionnaire order
    x: dict = field(default_factory=dict)  # key -> variable
    n: int = -1
    of_respondents: int | None = None  # 1: this question's shares are of all respondents
    bases: dict[str, list[tuple[str, int]]] = field(default_factory=dict)  # figure -> (basis, z)
    deviation: dict[str, int] = field(default_factory=dict)  # figure -> deviation variable
    used: list[str] = field(default_factory=list)  # figure ids turned into rows
    skipped: dict[str, str] = field(default_factory=dict)  # figure id -> reason
    has_n_figure: bool = False


def option_keys(question: Question) -> list:
    """The unknown counts of a question: option labels, or the scores of a rating scale."""
    if question.type is QuestionType.RATING:
        return list(question.rating_scale.points)
    return [o.label for o in question.options]


def build_model(
    figures: list[Figure], question: Question, respondents: int
) -> tuple[Model, Handles]:
    """Translate figures into rows of a :class:`Model`.

    Parameters
    ----------
    figures
        Figures about this question (one wave).
    question
        The questionnaire entry (type, options, scale, choice limits).
    respondents
        Respondents of the wave (186 in 2025); bounds ``n`` and is a percent candidate.

    Returns
    -------
    (Model, Handles)

    Raises
    ------
    ReconstructionError
        Naming the figure id, for an option the question does not have.
    """
    m, h = Model(), Handles(keys=option_keys(question))
    cap = respondents * max(1, len(h.keys))
    h.n = m.var("n", 1, respondents)
    for key in h.keys:
        h.x[key] = m.var(f"x[{key}]", 0, respondents)
    total = {h.x[k]: 1.0 for k in h.keys}
    m.objective.update(dict.fromkeys(total, TICK_WEIGHT))
    _structure(m, h, question, total)
    for fig in figures:
        reason = _unusable(fig, question)
        if reason:
            h.skipped[fig.id] = reason
            continue
        h.used.append(fig.id)
        lo, hi = printed_interval(fig.value, fig.decimals, fig.qualifier)
        if fig.kind == "n":
            h.has_n_figure = True
            m.row({h.n: 1.0}, float(lo), float(hi), figure=fig.id)
        elif fig.kind == "count":
            m.row(_sum(h, fig), float(lo), float(hi), figure=fig.id)
        elif fig.kind == "percent":
            _percent(m, h, fig, question, respondents, total, lo, hi, cap)
        elif fig.kind == "mean":
            scored = {h.x[s]: float(s) for s in h.keys}
            m.row({**scored, h.n: -float(lo)}, 0.0, figure=fig.id)
            m.row({**scored, h.n: -float(hi)}, hi=0.0, figure=fig.id)
            dev = h.deviation[fig.id] = m.var(f"dev[{fig.id}]", 0, cap * max(h.keys), False)
            m.objective[dev] = 1.0
            m.row({dev: 1.0, **{k: -v for k, v in scored.items()}, h.n: fig.value}, 0.0)
            m.row({dev: 1.0, **scored, h.n: -fig.value}, 0.0)
        else:
            _median(m, h, fig, lo, hi)
    return m, h


def _structure(m: Model, h: Handles, q: Question, total: dict) -> None:
    if q.type in (QuestionType.SINGLE, QuestionType.RATING):
        m.row({**total, h.n: -1.0}, 0.0, 0.0)
    elif q.type is QuestionType.MULTIPLE:
        for key in h.keys:
            m.row({h.x[key]: 1.0, h.n: -1.0}, hi=0.0)
        m.row({**total, h.n: -float(q.min_choices or 1)}, lo=0.0)
        if q.max_choices:
            m.row({**total, h.n: -float(q.max_choices)}, hi=0.0)


def _unusable(fig: Figure, q: Question) -> str | None:
    """Why a figure cannot constrain counts (None when it can); raises on unknown options."""
    if fig.basis == "category":
        return "free-text category count: not an option of the question"
    if fig.kind in ("percent", "count") and fig.basis and not Basis(fig.basis).denominator:
        return f"basis '{fig.basis}' is not a count denominator"
    if fig.kind in ("mean", "median") and q.type is not QuestionType.RATING:
        return f"a {fig.kind} needs a rating question, {q.id} is {q.type.value}"
    if fig.kind in ("count", "percent"):
        if not fig.option:
            return f"a {fig.kind} without options cannot be tied to counts"
        if q.type is QuestionType.TEXT:
            return "free-text question: no option counts"
        keys = option_keys(q)
        for item in fig.option:
            if _key(item, q) not in keys:
                raise ReconstructionError(
                    f"figure {fig.id}: {q.id} has no option {item!r}; known: {keys}"
                )
    return None


def _key(item, q: Question):
    if q.type is QuestionType.RATING and isinstance(item, str) and item.strip().isdigit():
        return int(item)
    return item


def _sum(h: Handles, fig: Figure) -> dict:
    rating = bool(h.keys) and isinstance(h.keys[0], int)
    return {h.x[int(i) if rating and isinstance(i, str) else i]: 1.0 for i in fig.option}


def _percent(m, h, fig, q, respondents, total, lo, hi, cap) -> None:
    count = _sum(h, fig)
    allowed = [Basis(fig.basis).denominator] if fig.basis else list(BASES)
    if q.type is not QuestionType.MULTIPLE and "answers" in allowed and len(allowed) > 1:
        allowed.remove("answers")  # Σx = n there: the same candidate as "n"
    dev = h.deviation[fig.id] = m.var(f"dev[{fig.id}]", 0, cap, False)
    m.objective[dev] = 1.0
    h.bases[fig.id] = []
    for rank, basis in enumerate(allowed):
        z = m.var(f"z[{fig.id},{basis}]", 1 if len(allowed) == 1 else 0, 1)
        m.objective[z] = TIE_WEIGHT * rank
        h.bases[fig.id].append((basis, z))
        _one_respondent_basis(m, h, z, basis)
        by_basis: dict[str | None, dict] = {"n": {h.n: 1.0}, "answers": dict(total)}
        denom = by_basis.get(basis, {})
        const = float(respondents) if basis == "respondents" else 0.0
        for bound, side in ((lo, "lo"), (hi, "hi")):
            # 100·count - bound·denominator compared with bound·const (the constant basis).
            row = {**{k: 100.0 * v for k, v in count.items()}}
            for k, v in denom.items():
                row[k] = row.get(k, 0.0) - float(bound) * v
            rhs = float(bound) * const
            if side == "lo":
                m.row(row, lo=rhs, figure=fig.id, guard=z)
            else:
                m.row(row, hi=rhs, figure=fig.id, guard=z)
        # Deviation in counts: |count - value/100 · denominator|, only for the chosen basis.
        share = fig.value / 100.0
        plus = {**count}
        for k, v in denom.items():
            plus[k] = plus.get(k, 0.0) - share * v
        m.row({dev: 1.0, **{k: -v for k, v in plus.items()}}, lo=-share * const, guard=z)
        m.row({dev: 1.0, **plus}, lo=share * const, guard=z)
    m.row({z: 1.0 for _, z in h.bases[fig.id]}, 1.0, 1.0)


def _one_respondent_basis(m: Model, h: Handles, z: int, basis: str | None) -> None:
    # A question's shares of people are all of n answering or all of every respondent, not a
    # mix: otherwise two contradictory shares could each pick the denominator that suits it.
    if basis == "answers":
        return
    if h.of_respondents is None:
        h.of_respondents = m.var("of_respondents", 0, 1)
    if basis == "respondents":
        m.row({z: 1.0, h.of_respondents: -1.0}, hi=0.0)
    else:
        m.row({z: 1.0, h.of_respondents: 1.0}, hi=1.0)


def median_candidates(lo: Fraction, hi: Fraction) -> list[Fraction]:
    """Medians of integer scores (whole or half numbers) inside the closed printed interval."""
    return [Fraction(k, 2) for k in range(math.ceil(2 * lo), math.floor(2 * hi) + 1)]


def _median(m: Model, h: Handles, fig: Figure, lo: Fraction, hi: Fraction) -> None:
    cands = median_candidates(lo, hi)
    if not cands:
        m.row({}, lo=1.0, figure=fig.id)  # no median of integers prints so: always violated
        return
    zs = []
    for cand in cands:
        z = m.var(f"z[{fig.id},{cand}]", 1 if len(cands) == 1 else 0, 1)
        zs.append(z)
        below = {h.x[s]: 2.0 for s in h.keys if s < cand}
        above = {h.x[s]: 2.0 for s in h.keys if s > cand}
        if cand.denominator == 1:
            # Both middle values equal the median: fewer than half lie on either side.
            m.row({**below, h.n: -1.0}, hi=-1.0, figure=fig.id, guard=z)
            m.row({**above, h.n: -1.0}, hi=-1.0, figure=fig.id, guard=z)
        else:
            # n even, middle values a and a+1: exactly half score <= a, a and a+1 both present.
            a = cand - Fraction(1, 2)
            m.row({**below, h.n: -1.0}, 0.0, 0.0, figure=fig.id, guard=z)
            strict = {h.x[s]: 2.0 for s in h.keys if s < a}
            higher = {h.x[s]: 2.0 for s in h.keys if s > a + 1}
            m.row({**strict, h.n: -1.0}, hi=-2.0, figure=fig.id, guard=z)
            m.row({**higher, h.n: -1.0}, hi=-2.0, figure=fig.id, guard=z)
    m.row({z: 1.0 for z in zs}, 1.0, 1.0)
