"""Horizontal bars of the share choosing each option, one bar per wave."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.compute.intervals import wilson
from analysis.display import NO_DATA
from analysis.figures.style import (
    FIGSIZE,
    TEXT_GREY,
    apply_style,
    freeze_layout,
    percent_axis,
    wave_colours,
)
from analysis.fmt import NBSP, pct

BAR_IN = 0.2  # inches per bar: room for a 9 pt value label
LINE_IN = 0.16  # inches per line of a wrapped option label


def choice_table(counts_by_wave: Mapping[int | str, pd.DataFrame]) -> pd.DataFrame:
    """Stack :func:`~analysis.compute.choice_counts` tables of several waves for plotting.

    Parameters
    ----------
    counts_by_wave : mapping
        Wave (e.g. year) -> ``choice_counts`` frame. Options are matched on ``label``; an
        option missing in a wave gets a NaN share there (drawn as missing, not as 0).

    Returns
    -------
    pandas.DataFrame
        Row grain: one option x wave. Columns ``label``, ``wave``, ``share``, ``count``,
        ``n``, ``ci_low``, ``ci_high`` (95 % Wilson interval from count and n; NaN without a
        count). Option order is first appearance, waves in the mapping's order.

    Examples
    --------
    >>> a = pd.DataFrame({"label": ["Ja"], "share": [0.5], "count": [1], "n": [2]})
    >>> choice_table({2023: a, 2025: a})["wave"].tolist()
    [2023, 2025]
    """
    parts = [t.assign(wave=w)[["label", "wave", "share", "count", "n"]]
             for w, t in counts_by_wave.items()]
    stacked = pd.concat(parts, ignore_index=True)
    labels = pd.unique(stacked["label"])
    full = pd.MultiIndex.from_product([labels, list(counts_by_wave)], names=["label", "wave"])
    table = stacked.set_index(["label", "wave"]).reindex(full).reset_index()
    bounds = [wilson(k, n) if pd.notna(k) and pd.notna(n) and pd.notna(s) else (np.nan, np.nan)
              for k, n, s in zip(table["count"], table["n"], table["share"], strict=True)]
    return table.assign(ci_low=[lo for lo, _ in bounds], ci_high=[hi for _, hi in bounds])


def comparison_table(
    comparison: pd.DataFrame, wave_a: int | str, wave_b: int | str
) -> pd.DataFrame:
    """Turn a :func:`~analysis.compute.compare_choice` frame into :func:`choice_table` form.

    Examples
    --------
    >>> c = pd.DataFrame({"label": ["Ja"], "share_a": [0.2], "count_a": [1], "n_a": [5],
    ...                   "share_b": [0.4], "count_b": [2], "n_b": [5]})
    >>> comparison_table(c, 2023, 2025)["share"].tolist()
    [0.2, 0.4]
    """
    parts = {
        wave: comparison[["label", f"share_{s}", f"count_{s}", f"n_{s}"]].set_axis(
            ["label", "share", "count", "n"], axis=1)
        for wave, s in ((wave_a, "a"), (wave_b, "b"))
    }
    return choice_table(parts)


def choice_bars(table: pd.DataFrame, wrap: int = 32, xlabel: str = "Andel respondenter") -> Figure:
    """Horizontal bars of shares per option, waves side by side, value labels at bar ends.

    Parameters
    ----------
    table : pandas.DataFrame
        One row per option x wave with ``label``, ``wave`` and ``share`` (0..1), e.g. from
        :func:`choice_table`; an optional ``note`` column says why a share is missing
        ("uten motstykke i 2025"), instead of the default "ingen tall". Options are drawn top-down
        in order of first appearance; within an option the waves in order of first
        appearance (oldest first).
    wrap : int, default 32
        Wrap option labels longer than this many characters.
    xlabel : str
        Axis title.

    Returns
    -------
    matplotlib.figure.Figure
        One bar patch per non-missing share; a missing share is marked "ingen tall" at zero.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["Ja", "Nei"], "wave": 2025, "share": [0.6, 0.4]})
    >>> len(choice_bars(t).axes[0].patches)
    2
    """
    apply_style()
    labels = list(pd.unique(table["label"]))
    waves = list(pd.unique(table["wave"]))
    wrapped = [textwrap.fill(str(lb), wrap, break_on_hyphens=False) for lb in labels]
    lines = max(w.count("\n") + 1 for w in wrapped)
    group_in = max(BAR_IN * len(waves) + 0.12, LINE_IN * lines + 0.08)
    height = max(1.6, 0.75 + group_in * len(labels) + (0.3 if len(waves) > 1 else 0))
    fig = Figure(figsize=(FIGSIZE[0], height))
    ax = fig.add_subplot()
    shares = table.set_index(["label", "wave"])["share"]
    notes = table.set_index(["label", "wave"])["note"] if "note" in table else pd.Series()
    bar_h = 0.8 / len(waves)
    for j, (wave, colour) in enumerate(zip(waves, wave_colours(len(waves)), strict=True)):
        ys = np.arange(len(labels)) - 0.4 + bar_h * (j + 0.5)
        values = np.array([shares.get((lb, wave), np.nan) for lb in labels], dtype=float)
        present = ~np.isnan(values)
        ax.barh(ys[present], values[present], height=bar_h * 0.92, color=colour, label=str(wave))
        ends = values.copy()
        if {"ci_low", "ci_high"} <= set(table.columns):  # 95 % interval as a whisker
            ci = table.set_index(["label", "wave"])[["ci_low", "ci_high"]]
            lo = np.array([ci["ci_low"].get((lb, wave), np.nan) for lb in labels], dtype=float)
            hi = np.array([ci["ci_high"].get((lb, wave), np.nan) for lb in labels], dtype=float)
            whisk = present & ~np.isnan(lo) & ~np.isnan(hi)
            ax.errorbar(values[whisk], ys[whisk],
                        xerr=[values[whisk] - lo[whisk], hi[whisk] - values[whisk]],
                        fmt="none", ecolor=TEXT_GREY, elinewidth=0.8, capsize=2)
            ends = np.where(whisk, hi, values)
        for y, v, end, lb in zip(ys, values, ends, labels, strict=True):
            missing = bool(np.isnan(v))
            note = notes.get((lb, wave)) if missing else None
            marker = note if isinstance(note, str) and note else NO_DATA
            # white box: a grid line must not run through the number
            ax.text(0 if missing else end, y, " " + (marker if missing else pct(v)),
                    va="center", ha="left", fontsize=8.5, color=TEXT_GREY,
                    style="italic" if missing else "normal",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 0.3, "alpha": 0.85})
    reach = table["ci_high"] if "ci_high" in table.columns else table["share"]
    top = float(np.nanmax(np.fmax(table["share"].to_numpy(dtype=float),
                                  reach.to_numpy(dtype=float)), initial=0.0))
    xmax = max(top * 1.18, 0.12)
    step = 0.1 if top <= 0.6 else 0.2
    ax.set_xlim(0, xmax)
    ax.set_xticks(np.arange(0, min(xmax, 1.0) + 1e-9, step))
    percent_axis(ax.xaxis)
    ax.set_yticks(np.arange(len(labels)), wrapped)
    ax.set_ylim(len(labels) - 0.5, -0.5)  # first option on top
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(xlabel)
    if len(waves) > 1:
        ax.legend(ncols=len(waves), loc="lower right", bbox_to_anchor=(1, 1), borderaxespad=0.2)
    return freeze_layout(fig)


def _share_text(share: float | None) -> str:
    return NO_DATA if share is None or np.isnan(share) else pct(share)


def alt_text_choice_bars(table: pd.DataFrame) -> str:
    """One factual Norwegian sentence describing :func:`choice_bars` of the same table.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["Ja", "Ja"], "wave": [2023, 2025], "share": [0.33, 0.42]})
    >>> alt_text_choice_bars(t).replace("\\u00a0", " ")
    'Liggende søyler med andel per svaralternativ: Ja 42 % (2025) mot 33 % (2023).'
    """
    waves = list(pd.unique(table["wave"]))
    shares = table.set_index(["label", "wave"])["share"]
    items = []
    for label in pd.unique(table["label"]):
        values = [f"{_share_text(shares.get((label, w)))} ({w})" for w in reversed(waves)]
        items.append(f"{label} " + " mot ".join(values))
    n_text = ""
    if len(waves) == 1 and "n" in table and table["n"].notna().any():
        n_text = f" (n{NBSP}={NBSP}{int(table['n'].dropna().iloc[0])})"
    if len(waves) == 1:
        items = [i.replace(f" ({waves[0]})", "") for i in items]
    return f"Liggende søyler med andel per svaralternativ{n_text}: " + "; ".join(items) + "."

