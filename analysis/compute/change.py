"""Change in a choice question between two survey waves (``a`` = earlier, ``b`` = later).

Columns and fields carry the suffixes ``_a`` and ``_b`` rather than years, so the same code
serves any pair of waves; the chapter names the years. Each option gets Fisher's exact test
(``p_value``) and, because a question's options are tested together, Holm's adjustment within
the question (``p_holm``, :func:`holm`): the question is the family. ``significant`` is
``p_holm < ALPHA``, so prose never claims a difference the adjusted test does not support.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
from scipy import stats

from analysis.compute.counts import chosen_options
from analysis.compute.intervals import wilson
from analysis.questionnaire.schema import Question

#: The one significance level of the book: every ``significant`` flag (choice, rating and
#: option-group tests) and so every "trolig reell" in the prose follows from it.
#: ``analysis.compute.rating_change``, ``analysis.report.option_groups`` and
#: ``analysis.fmt.p_value`` read it from here; tests/unit/report/test_significance_words.py
#: holds the wording on both sides of it.
ALPHA = 0.05


def is_significant(p: float) -> bool:
    """``p < ALPHA``; a missing p-value (NaN) is not significant.

    Examples
    --------
    >>> is_significant(0.049), is_significant(0.05), is_significant(float("nan"))
    (True, False, False)
    """
    return bool(p < ALPHA)


def holm(p_values) -> np.ndarray:
    """Holm-adjusted p-values of one family of tests; NaN (no test) stays NaN and is not
    counted in the family.

    Holm's step-down method keeps the chance of any false "significant" in the family at
    ``ALPHA`` without assuming the tests are independent, and is never less powerful than
    Bonferroni: the i-th smallest of m p-values is multiplied by ``m − i + 1``, then made
    non-decreasing and capped at 1. (Written out rather than statsmodels'
    ``multipletests(method="holm")``, which gives the same values but runs ``gc.collect()`` on
    every call -- 0,2 s each, and the verdicts call it hundreds of times.)

    Examples
    --------
    >>> [round(float(x), 3) for x in holm([0.01, 0.04, float("nan"), 0.03])]
    [0.03, 0.06, nan, 0.06]
    """
    p = np.asarray(p_values, dtype=float)
    out = np.full(p.shape, np.nan)
    tested = ~np.isnan(p)
    if tested.any():
        values = p[tested]
        order = np.argsort(values, kind="stable")
        m = len(values)
        stepped = np.maximum.accumulate(values[order] * (m - np.arange(m)))
        adjusted = np.empty(m)
        adjusted[order] = np.minimum(stepped, 1.0)
        out[tested] = adjusted
    return out


def adjust_within_question(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` (one row per option, column ``p_value``) with ``p_holm`` (Holm within the
    frame's rows, the question's family) and ``significant`` (``p_holm < ALPHA``) set anew."""
    frame = frame.copy()
    frame["p_holm"] = holm(frame["p_value"])
    frame["significant"] = [is_significant(p) for p in frame["p_holm"]]
    return frame


#: Seed of the permutation test, fixed so the report renders the same p-value every time.
PERMUTATION_SEED = 20250101
PERMUTATION_RESAMPLES = 9999


def _mapped_counts(
    long_a: pd.DataFrame,
    question_a: Question,
    question_b: Question,
    option_map: Mapping[str, str | None] | None,
) -> tuple[pd.Series, int, list[str]]:
    """Count wave-a respondents per wave-b label; return counts, n_a and dropped a-labels."""
    option_map = dict(option_map or {})
    labels_b = {o.label for o in question_b.options}
    target: dict[str, str | None] = {}
    for opt in question_a.options:
        mapped = option_map.get(opt.label, opt.label)
        if mapped is not None and mapped not in labels_b:
            raise ValueError(
                f"{question_a.id} option {opt.label!r} maps to {mapped!r}, which is not an "
                f"option of {question_b.id}; map it to another option or to None"
            )
        target[opt.label] = mapped
    pairs = chosen_options(long_a, question_a)
    n_a = int(pairs["respondent"].nunique())
    pairs = pairs.assign(option=pairs["option"].map(target)).dropna(subset=["option"])
    # Several a-options merged into one b-option: count respondents, not ticks.
    counts = pairs.drop_duplicates()["option"].value_counts()
    has_source = {t for t in target.values() if t is not None}
    counts = pd.Series({lb: counts.get(lb, 0) if lb in has_source else np.nan for lb in labels_b})
    dropped = [a for a, t in target.items() if t is None]
    return counts, n_a, dropped


def fisher_p(k_a: float, n_a: int, k_b: float, n_b: int) -> float:
    """Two-sided Fisher exact p-value of ``k_a`` of ``n_a`` against ``k_b`` of ``n_b``
    (chosen / not chosen); NaN when a wave has no count or nobody answered.

    Examples
    --------
    >>> fisher_p(5, 10, 5, 10), fisher_p(float("nan"), 10, 5, 10)
    (1.0, nan)
    """
    if math.isnan(k_a) or n_a == 0 or n_b == 0:
        return math.nan
    table = [[int(k_a), n_a - int(k_a)], [int(k_b), n_b - int(k_b)]]
    return float(stats.fisher_exact(table).pvalue)


def compare_choice(
    long_a: pd.DataFrame,
    long_b: pd.DataFrame,
    question_a: Question,
    question_b: Question,
    option_map: Mapping[str, str | None] | None = None,
) -> pd.DataFrame:
    """Compare the share choosing each option between two waves.

    Parameters
    ----------
    long_a, long_b : pandas.DataFrame
        Answers of the earlier and later wave (see :mod:`analysis.compute.counts`).
    question_a, question_b : Question
        The question in each wave (ids may differ).
    option_map : mapping, optional
        Wave-a label -> wave-b label, or -> ``None`` for an option with no counterpart
        (left out). Labels not in the map keep their own label. Several a-labels may map to
        one b-label; a respondent who ticked both counts once.

    Returns
    -------
    pandas.DataFrame
        Row grain: one option of ``question_b``, in questionnaire order. Columns ``option``,
        ``label``; per wave (suffix ``_a``/``_b``) ``count``, ``n``, ``share``, ``ci_low``,
        ``ci_high``; ``diff`` (share b − a, as a share), ``p_value`` (two-sided Fisher exact
        test on chosen / not chosen), ``p_holm`` (Holm-adjusted over the question's tested
        options) and ``significant`` (``p_holm < ALPHA``).
        Options new in wave b have NaN in the ``_a`` columns and the test columns. ``n_a``
        counts every wave-a respondent who answered, including those who chose only dropped
        options. ``attrs["dropped_a"]`` lists the dropped a-labels.

    Raises
    ------
    ValueError
        If a question is not a choice question, an option label is unknown, or a wave-a
        option has no counterpart and is not mapped to ``None``.

    Examples
    --------
    >>> from analysis.questionnaire.schema import Option
    >>> q = Question(id="q01", number=1, text="?", type="single",
    ...              options=[Option(label="Ja"), Option(label="Nei")])
    >>> a = pd.DataFrame({"respondent": [1, 2], "question": "q01", "option": ["Ja", "Nei"]})
    >>> b = pd.DataFrame({"respondent": [1, 2], "question": "q01", "option": ["Ja", "Ja"]})
    >>> compare_choice(a, b, q, q)["diff"].tolist()
    [0.5, -0.5]
    """
    counts_a, n_a, dropped = _mapped_counts(long_a, question_a, question_b, option_map)
    pairs_b = chosen_options(long_b, question_b)
    n_b = int(pairs_b["respondent"].nunique())
    tally_b = pairs_b["option"].value_counts()
    rows = []
    for opt in question_b.options:
        k_a, k_b = float(counts_a[opt.label]), int(tally_b.get(opt.label, 0))
        share_a = k_a / n_a if n_a and not math.isnan(k_a) else math.nan
        share_b = k_b / n_b if n_b else math.nan
        lo_a, hi_a = wilson(k_a, n_a) if not math.isnan(k_a) else (math.nan, math.nan)
        lo_b, hi_b = wilson(k_b, n_b)
        p = fisher_p(k_a, n_a, k_b, n_b)
        rows.append(
            {
                "option": opt.label, "label": opt.display,
                "count_a": k_a, "n_a": n_a, "share_a": share_a,
                "ci_low_a": lo_a, "ci_high_a": hi_a,
                "count_b": k_b, "n_b": n_b, "share_b": share_b,
                "ci_low_b": lo_b, "ci_high_b": hi_b,
                "diff": share_b - share_a, "p_value": p,
            }
        )
    frame = adjust_within_question(pd.DataFrame(rows))
    frame["count_a"] = frame["count_a"].astype("Int64")
    frame.attrs["dropped_a"] = dropped
    return frame
