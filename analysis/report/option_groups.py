"""Combined options ("i stor eller noen grad"): is their summed count data, and what is it?

:meth:`ChoiceView.share <analysis.report.choice_view.ChoiceView.share>` with a list key reads
"ukjent" as soon as one part is unknown. With reconstructed data the *sum* can still be pinned
down, because the published report often printed only the sum ("57 % i stor eller noen
grad"). ``python -m analysis reconstruct`` computes how low and how high each sum the chapters
print can be (the ``groups`` of ``data/reconstruction.yaml``) and stores it in the ranges file;
this module only asks the bundle (:meth:`analysis.bundle.Wave.is_sum_determined`, the same
rule as for single options). For a real export every sum is data.

Examples
--------
>>> from analysis import report
>>> from analysis.report import option_groups as og
>>> v = report.view(report.load(), "q19")
>>> og.known(v, ["I stor grad", "I noen grad"])
True
>>> og.share(v, ["I stor grad", "I noen grad"]).replace("\xa0", " ")
'57 %'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import pandas as pd

from analysis import compute, figures, fmt
from analysis.compute.change import fisher_p, is_significant
from analysis.compute.verdict import Evidence, decide, excludes_zero, newcombe
from analysis.display import UNKNOWN, Table, Text, as_text, is_missing
from analysis.questionnaire.schema import Question
from analysis.report import evidence as ev
from analysis.report.change_words import share_clause
from analysis.report.tables import with_chosen_note
from analysis.report.values import (
    NOT_ASKED,
    marked,
    p_cell,
    points_text,
    printed_change,
    signed,
)

if TYPE_CHECKING:
    from analysis.bundle import Wave


def _resolve(view, keys, year: int | None) -> tuple[Wave, Question, list[str]]:
    """The wave, that wave's question and that wave's option labels for the current keys."""
    labels = view._labels([keys] if isinstance(keys, str | int) else list(keys))
    if year is None or year == view.year:
        return view.wave, view.question, labels
    wave, question = view._wave(year)
    prev = [a for a in (o.label for o in question.options)
            if view.option_map.get(a, a) in labels]
    return wave, question, prev


def known(view, keys, year: int | None = None) -> bool:
    """Is the summed count of the options data (pinned down by the published figures)?

    Parameters
    ----------
    view
        A :class:`~analysis.report.choice_view.ChoiceView`.
    keys
        Option labels or short labels of the current questionnaire (one or a list).
    year
        None for the current wave, or the previous wave's year.

    Raises
    ------
    analysis.manifest.ManifestError
        For a sum of a reconstructed wave that ``data/reconstruction.yaml`` does not list.
    """
    wave, question, labels = _resolve(view, keys, year)
    if not labels:
        return False
    return wave.is_sum_determined(question.id, labels)


def count_value(view, keys, year: int | None = None) -> int | None:
    """Summed count of the options in the data; None when not :func:`known`."""
    if not known(view, keys, year):
        return None
    wave, question, labels = _resolve(view, keys, year)
    counts = compute.choice_counts(wave.long, question).set_index("option")
    return int(counts.loc[labels, "count"].sum())


def share(view, keys, year: int | None = None, decimals: int = 0) -> Text:
    """Formatted share of those who answered choosing any of the options, e.g. ``"57 %"``
    (``"ukjent"`` when not :func:`known`)."""
    count = count_value(view, keys, year)
    n = view.n_value(year)
    return UNKNOWN if count is None or not n else fmt.pct(count / n, decimals)


def compare_counts(k_a: int, n_a: int, k_b: int, n_b: int) -> pd.Series:
    """Change in share from wave a to wave b with Fisher's exact test.

    Returns
    -------
    pandas.Series
        ``share_a``, ``share_b``, ``diff`` (share b - share a, 0-1), ``p_value`` and
        ``significant`` (p < ``ALPHA``; one grouped comparison is a family of one): the
        fields the verdict is worded from, and ``diff_low``/``diff_high`` (Newcombe's 95 %
        interval of ``diff``).
    """
    p = fisher_p(k_a, n_a, k_b, n_b)
    low, high = newcombe(k_a, n_a, k_b, n_b)
    return pd.Series({"share_a": k_a / n_a, "share_b": k_b / n_b, "diff": k_b / n_b - k_a / n_a,
                      "p_value": p, "significant": is_significant(p), "diff_low": low,
                      "diff_high": high})


def _pair(view, keys) -> tuple[int, int] | None:
    a, b = count_value(view, keys, view.prev_year), count_value(view, keys)
    return None if a is None or b is None else (a, b)


def change(view, keys) -> Text:
    """Change in the summed share since the previous wave, e.g. ``"+1 prosentpoeng"``: the
    difference of the two printed shares."""
    pair = _pair(view, keys)
    if pair is None:
        return UNKNOWN
    return points_text(printed_change(pair[0] / view.n_value(view.prev_year),
                                      pair[1] / view.n_value()))


@as_text
def verdict(view, keys) -> str:
    """One Norwegian clause on the summed share's change: one comparison named beforehand (a
    family of one), beyond chance when its 95 % Newcombe interval excludes 0, then the
    composition rule (:func:`analysis.compute.verdict.decide`)."""
    pair = _pair(view, keys)
    if pair is None:
        return f"endringen fra {view.prev_year} kan ikke vurderes fordi tallene ikke er kjent"
    row = compare_counts(pair[0], view.n_value(view.prev_year), pair[1], view.n_value())
    points = printed_change(row["share_a"], row["share_b"])
    assert points is not None  # both counts are known here
    d, group, shift = ev.composition(view, row["diff"])
    word = decide(Evidence(change=float(points),
                           beyond_chance=excludes_zero(row["diff_low"], row["diff_high"]),
                           direction=(points > 0) - (points < 0), break_even=d))
    return share_clause(word, points, row["diff_low"], row["diff_high"], view.prev_year,
                        group, shift)


def grouped(view, groups: Mapping[str, Sequence[str]]) -> pd.DataFrame:
    """Row grain: one group of options x wave (previous, then current); ``share`` NaN when
    unknown or not asked that year. Columns ``label``, ``wave``, ``share``, ``count``, ``n``."""
    rows = []
    for label, keys in groups.items():
        for year in (view.prev_year, view.year):
            asked = year == view.year or all(view.prev_asked(k) for k in view._labels(keys))
            count = count_value(view, keys, year) if asked else None
            n = view.n_value(year)
            rows.append({"label": label, "wave": year, "count": count, "n": n,
                         "share": float("nan") if count is None else count / n})
    return pd.DataFrame(rows)


def table(view, groups: Mapping[str, Sequence[str]]) -> Table:
    """Display table of option groups: share per wave, change (the difference of the printed
    shares) with its 95 % Newcombe interval, Fisher's p and Holm's adjustment over the
    table's groups, then n."""
    from analysis.report.trends import interval_cell_pp

    prev, year = view.prev_year, view.year
    ki = f"95{fmt.NBSP}% KI (pp)"
    columns = ["Svaralternativ", f"Andel {prev}", f"Andel {year}", "Endring (pp)", ki, "p",
               "p (Holm)"]
    frame = grouped(view, groups).set_index(["label", "wave"])
    rows, tests = [], []
    for label, keys in groups.items():
        a, b = frame.loc[(label, prev)], frame.loc[(label, year)]
        asked = all(view.prev_asked(k) for k in view._labels(keys))
        missing = UNKNOWN if asked else NOT_ASKED
        row = {"Svaralternativ": label,
               f"Andel {prev}": missing if is_missing(a["share"]) else fmt.pct(a["share"]),
               f"Andel {year}": UNKNOWN if is_missing(b["share"]) else fmt.pct(b["share"]),
               "Endring (pp)": missing, ki: missing, "p": missing, "p (Holm)": missing}
        test = None
        if a["share"] == a["share"] and b["share"] == b["share"]:
            test = compare_counts(int(a["count"]), int(a["n"]), int(b["count"]), int(b["n"]))
            row["Endring (pp)"] = signed(printed_change(a["share"], b["share"]))
            row[ki] = interval_cell_pp(test["diff_low"], test["diff_high"])
            row["p"] = p_cell(test["p_value"])
        rows.append(row)
        tests.append(float("nan") if test is None else test["p_value"])
    for row, p_holm in zip(rows, compute.holm(tests), strict=True):
        if p_holm == p_holm:
            row["p (Holm)"] = p_cell(p_holm)
    n_row = {c: "" for c in columns}
    n_row.update({"Svaralternativ": "Svarte på spørsmålet (n)",
                  f"Andel {prev}": marked(view.n(prev), view.n_chosen(prev)),
                  f"Andel {year}": marked(view.n(), view.n_chosen())})
    rows.append(n_row)
    return Table(pd.DataFrame(with_chosen_note(rows, columns), columns=columns))


def figure(view, groups: Mapping[str, Sequence[str]]):
    """Horizontal bars of the option groups, previous wave beside the current one."""
    table = grouped(view, groups)
    return figures.described(figures.choice_bars(table), figures.alt_text_choice_bars(table))
