"""The evidence behind every verdict of the book, gathered from a view: one test per question
chosen by the item's type, the change's interval, the composition sensitivity and the
reconstruction's ranges. :func:`analysis.compute.verdict.decide` turns it into a verdict.

The item types (stated once in «Slik leser du tallene» and ``docs/statistics.md``):

- **binary** (a single choice with two options): one test, the 95 % Newcombe interval of the
  difference; both options share it (no Holm: they are one hypothesis).
- **nominal** (any other single choice): the omnibus test of the whole distribution
  (:func:`~analysis.compute.verdict.distribution_test`) first; an option is beyond chance only
  when the omnibus test is, its Holm-adjusted p (within the question) is below the level, and
  its interval excludes 0.
- **multiple** (multiple choice): each option its own test, Holm within the question, and
  its interval must exclude 0.
- **ordered** (a single choice with ``ordered: true``) and **rating**: *the* verdict is the
  question's: the ordinal test (Mann–Whitney) with a direction only when mean, median and
  top-two share agree, and the whole-distribution test; every option (and every key figure
  from the question) takes the question's verdict.

Composition (:func:`mix_shifts`) uses the published marginals of the questions marked
``background: true`` (role, Q1, and region, Q2) only. On a reconstructed wave every test is
repeated at both ends of each count's range in
``data/reconstructed/reconstruction-<year>.yaml`` (:func:`count_ranges`).
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

from analysis.compute import holm
from analysis.compute.verdict import (
    Evidence,
    Verdict,
    agreed_direction,
    break_even,
    decide,
    distribution_test,
    excludes_zero,
    is_beyond,
    newcombe,
    ordinal_test,
    over_ranges,
)
from analysis.questionnaire import QuestionType
from analysis.report.values import printed_change
from analysis.yaml_files import load_yaml

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle


def kind(view) -> str:
    """"binary", "nominal", "multiple", "ordered" or "rating"."""
    q = view.question
    if q.type is QuestionType.RATING:
        return "rating"
    if q.type is QuestionType.MULTIPLE:
        return "multiple"
    if q.ordered:
        return "ordered"
    return "binary" if len(q.options) == 2 else "nominal"


@lru_cache(maxsize=8)
def _ranges_file(path: str) -> dict:
    with open(path, encoding="utf-8") as handle:
        return load_yaml(handle.read()) or {}


def count_ranges(wave, qid: str) -> dict:
    """Option label (or score) -> ``(min, max)`` the published figures allow, and ``"n"`` ->
    ``(n_min, n_max)``; empty for a real export (every count is data)."""
    if not wave.reconstructed:
        return {}
    path = wave.path.parent / f"reconstruction-{wave.year}.yaml"
    if not path.is_file():
        return {}
    entry = (_ranges_file(str(path)).get("questions") or {}).get(qid) or {}
    out = {}
    for key, c in (entry.get("counts") or {}).items():
        if c.get("min") is not None and c.get("max") is not None:
            out[key] = (int(c["min"]), int(c["max"]))
    if entry.get("n_min") is not None and entry.get("n_max") is not None:
        out["n"] = (int(entry["n_min"]), int(entry["n_max"]))
    return out


def mix_shifts(bundle: SurveyBundle) -> dict[str, float]:
    """Group (a role of Q1 or a region of Q2, by its display label) -> change of its share of
    those who answered, from the published marginals (options known in both waves)."""
    if bundle.previous is None:
        return {}
    return dict(_mix_shifts(bundle))


@lru_cache(maxsize=4)
def _mix_shifts(bundle: SurveyBundle) -> tuple:
    from analysis.report.views import ChoiceView, view

    out = []
    for q in bundle.current.questionnaire.questions:
        if not q.background:
            continue
        v = view(bundle, q.id)
        if not isinstance(v, ChoiceView) or not v.compared:
            continue
        for opt in v.question.options:
            if not v.prev_asked(opt.label) or opt.other:
                continue
            a, b = v.share_value(opt.label, v.prev_year), v.share_value(opt.label)
            if a == a and b == b:
                out.append((opt.display, b - a))
    return tuple(out)


def composition(view, change: float) -> tuple[float, str | None, float]:
    """``(break-even difference, group, the group's shift)`` for a change of ``change``."""
    shifts = mix_shifts(view.bundle)
    d, group = break_even(change, shifts)
    return d, group, shifts.get(group, math.nan) if group else math.nan


# ---- choice options ---------------------------------------------------------------------

def option_break(view, label: str) -> str | None:
    """The reason an option (or its whole question) is a break in the series, or None."""
    return view.break_reason or view.option_breaks.get(label)


def _option_beyond(view, label: str, k_a, n_a, k_b, n_b) -> bool:
    """Is the option's change beyond chance, for these counts (the rule of :func:`kind`)?"""
    low, high = newcombe(k_a, n_a, k_b, n_b)
    if not excludes_zero(low, high):
        return False
    what = kind(view)
    if what == "binary":
        return True
    frame = view.comparison
    p = frame.set_index("option")["p_value"].copy()
    from analysis.compute.change import fisher_p

    p[label] = fisher_p(k_a, n_a, k_b, n_b)
    adjusted = dict(zip(p.index, holm(p.to_numpy()), strict=True))
    if not is_beyond(adjusted[label]):
        return False
    return what != "nominal" or is_beyond(omnibus_p(view))


def omnibus_p(view) -> float:
    """p of the omnibus test of a nominal single choice (options compared in both waves and
    known); NaN when fewer than two remain."""
    frame = view.comparison
    tested = frame.dropna(subset=["count_a", "count_b"])
    tested = tested[[option_break(view, o) is None for o in tested["option"]]]
    try:
        return distribution_test(tested["count_a"].astype(int),
                                 tested["count_b"].astype(int)).p_value
    except ValueError:
        return math.nan


def option_evidence(view, label: str) -> Evidence:
    """The evidence for one option's change (an ordered item's options take the question's)."""
    if option_break(view, label) is not None:
        return Evidence(series_break=True)
    if kind(view) == "ordered":
        return whole_evidence(view)
    row = view.comparison.set_index("option").loc[label]
    points = printed_change(row["share_a"], row["share_b"])
    if points is None or row["p_value"] != row["p_value"]:
        return Evidence(change=None, beyond_chance=None)
    k_a, n_a, k_b, n_b = int(row["count_a"]), int(row["n_a"]), int(row["count_b"]), int(row["n_b"])
    beyond = _option_beyond(view, label, k_a, n_a, k_b, n_b)
    d, _, _ = composition(view, row["diff"])
    evidence = Evidence(change=float(points), beyond_chance=beyond,
                        direction=int(np.sign(float(points))), break_even=d)
    return _robust_option(view, label, evidence, (k_a, n_a, k_b, n_b))


def _robust_option(view, label: str, evidence: Evidence, counts) -> Evidence:
    """``evidence`` with ``robust`` False when the verdict differs at the ends of the counts'
    feasible ranges (and, for multiple choice, of n's, never below the count)."""
    k_a, n_a, k_b, n_b = counts
    sources = [a for a in (o.label for o in view.prev_question.options)
               if view.option_map.get(a, a) == label]
    ra, rb = count_ranges(view.prev_wave, view.prev_question.id), count_ranges(view.wave,
                                                                               view.question.id)
    if len(sources) != 1:
        return evidence
    # n stays the printed n: the ranges file bounds n and the counts one at a time, not
    # jointly, and an n at its bound with a count at the other is not a feasible answer set.
    ranges = [ra.get(sources[0], (k_a, k_a)), rb.get(label, (k_b, k_b)), (n_a, n_a), (n_b, n_b)]
    if all(lo == hi for lo, hi in ranges):
        return evidence
    verdict = decide(evidence)

    def at(point) -> Verdict:
        ka, kb, na, nb = point
        na, nb = max(na, ka), max(nb, kb)
        change = printed_change(ka / na, kb / nb)
        assert change is not None  # two shares of counts, never missing
        beyond = _option_beyond(view, label, ka, na, kb, nb)
        d, _, _ = composition(view, kb / nb - ka / na)
        return decide(Evidence(change=float(change), beyond_chance=beyond,
                               direction=int(np.sign(float(change))), break_even=d))

    if over_ranges(at, ranges) == verdict:
        return evidence
    return Evidence(change=evidence.change, beyond_chance=evidence.beyond_chance,
                    direction=evidence.direction, break_even=evidence.break_even, robust=False)


# ---- ratings and ordered items -----------------------------------------------------------

def ordered_counts(view, year: int | None = None) -> list[int] | None:
    """Counts per category, lowest first (an ordered choice's options are listed best first);
    None when a count is not data."""
    if kind(view) == "rating":
        scale = view.question.scale.points
        values = [view.count_value(s, year) for s in scale]
    else:
        values = [view.count_value(o.label, year) for o in reversed(view.question.options)]
    return None if any(v is None for v in values) else [int(v) for v in values]


def _whole_from_counts(counts_a, counts_b, rating: bool, view) -> Evidence:
    """Evidence of a rating or ordered item from its two count vectors (lowest first)."""
    a, b = np.asarray(counts_a, float), np.asarray(counts_b, float)
    if a.sum() == 0 or b.sum() == 0:
        return Evidence(beyond_chance=None, whole=rating)
    sa, sb = a / a.sum(), b / b.sum()
    codes = np.arange(len(a))
    mean_change = float((sb * codes).sum() - (sa * codes).sum())
    median_change = float(_median(b) - _median(a))
    top_change = float(sb[-2:].sum() - sa[-2:].sum())
    direction = agreed_direction(mean_change, median_change, top_change)
    ordinal = is_beyond(ordinal_test(a.astype(int), b.astype(int)))
    try:
        whole = is_beyond(distribution_test(a.astype(int), b.astype(int)).p_value)
    except ValueError:
        whole = False
    directed = ordinal and direction != 0
    change = top_change if directed else float(np.abs(sb - sa).max())
    d, _, _ = composition(view, change)
    return Evidence(beyond_chance=directed or whole or ordinal,
                    direction=direction if directed else 0, break_even=d, whole=rating)


def _median(counts) -> float:
    cum = np.cumsum(counts) / np.sum(counts)
    return float(np.searchsorted(cum, 0.5))


def whole_evidence(view) -> Evidence:
    """The evidence for a rating or ordered item as a whole (robust to the ranges)."""
    if view.break_reason:
        return Evidence(series_break=True)
    if not view.compared:
        return Evidence(beyond_chance=None, whole=kind(view) == "rating")
    prev = view.prev_year
    counts_a, counts_b = ordered_counts(view, prev), ordered_counts(view)
    rating = kind(view) == "rating"
    if counts_a is None or counts_b is None:
        return Evidence(beyond_chance=None, whole=rating)
    evidence = _whole_from_counts(counts_a, counts_b, rating, view)
    keys = (list(view.question.scale.points) if rating
            else [o.label for o in reversed(view.question.options)])
    prev_keys = (keys if rating
                 else [next((a for a in (o.label for o in view.prev_question.options)
                             if view.option_map.get(a, a) == k), k) for k in keys])
    ra = count_ranges(view.prev_wave, view.prev_question.id)
    rb = count_ranges(view.wave, view.question.id)
    ranges = ([ra.get(k, (c, c)) for k, c in zip(prev_keys, counts_a, strict=True)]
              + [rb.get(k, (c, c)) for k, c in zip(keys, counts_b, strict=True)])
    if all(lo == hi for lo, hi in ranges):
        return evidence
    size = len(counts_a)
    verdict = over_ranges(lambda p: decide(_whole_from_counts(p[:size], p[size:], rating, view)),
                          ranges)
    if verdict == decide(evidence):
        return evidence
    return Evidence(beyond_chance=evidence.beyond_chance, direction=evidence.direction,
                    break_even=evidence.break_even, robust=False, whole=rating)
