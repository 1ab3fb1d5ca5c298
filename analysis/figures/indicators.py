"""Key indicators, previous wave -> current wave, each share with its 95 % Wilson interval.

One row per indicator: the previous wave's share (light dot) and the current one (dark dot),
each on a horizontal line spanning its interval, and an arrow between the two. The intervals
show how sure a change is at a glance: far-apart, non-overlapping lines are a clear change.
An indicator without a previous value shows the current wave only, marked "ny i år" or
"ingen tall".
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from analysis.figures.style import (
    FIGSIZE,
    TEXT_GREY,
    apply_style,
    freeze_layout,
    percent_axis,
    wave_colours,
)
from analysis.fmt import pct

ROW_IN = 0.25  # inches per indicator: two interval lines and a value label
OFFSET = 0.19  # vertical distance of each wave's line from the row centre
NEW = "nytt spørsmål"


def _row_values(table: pd.DataFrame, label: str, wave) -> tuple[float, float, float]:
    row = table[(table["label"] == label) & (table["wave"] == wave)]
    if row.empty:
        return (np.nan, np.nan, np.nan)
    r = row.iloc[0]
    return (float(r["share"]), float(r["low"]), float(r["high"]))


def indicator_intervals(table: pd.DataFrame, wrap: int = 40) -> Figure:
    """Dots with interval lines per indicator and wave, arrows from previous to current.

    Parameters
    ----------
    table : pandas.DataFrame
        Row grain: one indicator x wave, with ``label``, ``wave``, ``share``, ``low`` and
        ``high`` (0..1; NaN when not asked or not known). Waves in order of first
        appearance (oldest first), indicators top-down in order of first appearance. An
        optional boolean ``new`` column marks a question not asked in the earlier wave.
    wrap : int, default 40
        Wrap labels longer than this many characters.

    Returns
    -------
    matplotlib.figure.Figure
        ``axes[0].lines`` holds one interval line per known share.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["A", "A"], "wave": [2023, 2025], "share": [0.4, 0.6],
    ...                   "low": [0.3, 0.5], "high": [0.5, 0.7]})
    >>> len(indicator_intervals(t).axes[0].lines)
    2
    """
    apply_style()
    labels = list(pd.unique(table["label"]))
    waves = list(pd.unique(table["wave"]))
    colours = dict(zip(waves, wave_colours(len(waves)), strict=True))
    wrapped = [textwrap.fill(str(lb), wrap, break_on_hyphens=False) for lb in labels]
    fig = Figure(figsize=(FIGSIZE[0], max(1.6, 0.75 + ROW_IN * len(labels))))
    ax = fig.add_subplot()
    offsets = np.linspace(-OFFSET, OFFSET, len(waves)) if len(waves) > 1 else [0.0]
    for i, label in enumerate(labels):
        points = []
        for wave, dy in zip(waves, offsets, strict=True):
            share, low, high = _row_values(table, label, wave)
            if np.isnan(share):
                points.append(None)
                continue
            y = i + dy
            ax.plot([low, high], [y, y], color=colours[wave], linewidth=2.2,
                    solid_capstyle="butt")
            ax.scatter([share], [y], color=colours[wave], s=26, zorder=3,
                       edgecolors="white", linewidths=0.6)
            ax.text(high + 0.012, y, pct(share), va="center", ha="left", fontsize=8,
                    color=TEXT_GREY)
            points.append((share, y))
        if len(points) > 1 and points[0] is not None and points[-1] is not None:
            (x0, y0), (x1, y1) = points[0], points[-1]
            ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                        arrowprops={"arrowstyle": "->", "color": TEXT_GREY, "lw": 0.8,
                                    "shrinkA": 3, "shrinkB": 3})
        elif len(points) > 1 and points[0] is None:
            new = "new" in table and bool(table.loc[table["label"] == label, "new"].any())
            ax.text(0.01, i + offsets[0], NEW if new else "ingen tall", va="center",
                    ha="left", fontsize=7.5, style="italic", color=TEXT_GREY)
    ax.set_xlim(0, 1.0)
    ax.set_xticks(np.arange(0, 1.0001, 0.2))
    percent_axis(ax.xaxis)
    ax.set_yticks(np.arange(len(labels)), wrapped)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel("Andel av dem som svarte, med 95 % konfidensintervall".replace(" %", "\u00a0%"))
    if len(waves) > 1:
        handles = [Line2D([], [], color=colours[w], marker="o", linewidth=2.2, label=str(w))
                   for w in waves]
        ax.legend(handles=handles, ncols=len(waves), loc="lower right",
                  bbox_to_anchor=(1, 1), borderaxespad=0.2)
    return freeze_layout(fig)


def indicator_changes(table: pd.DataFrame, prev_year, year, wrap: int = 40) -> Figure:
    """The change of each key indicator with its 95 % interval, not two overlapping bars.

    Parameters
    ----------
    table : pandas.DataFrame
        Row grain: one indicator (top-down), with ``label``, ``share_a``, ``share_b``,
        ``change``, ``low``, ``high`` (0..1; NaN where there is no change to show) and
        ``note`` (shown instead of a change: "nytt spørsmål", "brudd i serien", ...).
    prev_year, year
        The two waves, for the axis label.

    Returns
    -------
    matplotlib.figure.Figure
        ``axes[0].lines`` holds the zero line and one interval line per shown change.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["A", "B"], "share_a": [0.4, 0.3], "share_b": [0.6, 0.2],
    ...                   "change": [0.2, float("nan")], "low": [0.1, float("nan")],
    ...                   "high": [0.3, float("nan")], "note": [None, "brudd i serien"]})
    >>> len(indicator_changes(t, 2023, 2025).axes[0].lines)
    2
    """
    apply_style()
    labels = list(table["label"])
    colour = wave_colours(2)[-1]
    wrapped = [textwrap.fill(str(lb), wrap, break_on_hyphens=False) for lb in labels]
    fig = Figure(figsize=(FIGSIZE[0], max(1.6, 0.75 + 1.6 * ROW_IN * len(labels))))
    ax = fig.add_subplot()
    ax.axvline(0, color=TEXT_GREY, linewidth=0.8)
    for i, r in enumerate(table.itertuples(index=False)):
        shares = " → ".join(pct(s) for s in (r.share_a, r.share_b) if not np.isnan(s))
        if np.isnan(r.change):
            ax.text(-0.38, i, f"{r.note or 'ingen tall'} ({shares})" if shares else
                    (r.note or "ingen tall"), va="center", ha="left", fontsize=7.5,
                    style="italic", color=TEXT_GREY)
            continue
        ax.plot([r.low, r.high], [i, i], color=colour, linewidth=2.2, solid_capstyle="butt")
        ax.scatter([r.change], [i], color=colour, s=30, zorder=3, edgecolors="white",
                   linewidths=0.6)
        ax.text(max(r.high, 0) + 0.015, i, shares, va="center", ha="left", fontsize=8,
                color=TEXT_GREY)
    ax.set_xlim(-0.4, 0.4)
    ticks = np.arange(-0.4, 0.40001, 0.1)
    ax.set_xticks(ticks, [("+" if t > 0.001 else "−" if t < -0.001 else "") +
                          f"{abs(round(100 * t))}" for t in ticks])
    ax.set_yticks(np.arange(len(labels)), wrapped)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(f"Endring fra {prev_year} til {year} i prosentpoeng, med 95 % "
                  "konfidensintervall".replace(" %", "\u00a0%"))
    return freeze_layout(fig)


def alt_text_indicators(table: pd.DataFrame, prev_year, year) -> str:
    """One factual Norwegian sentence describing :func:`indicator_changes` of the table.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["A"], "share_a": [0.4], "share_b": [0.6], "change": [0.2],
    ...                   "low": [0.1], "high": [0.3], "note": [None]})
    >>> alt_text_indicators(t, 2023, 2025).replace("\u00a0", " ")
    'Endringen fra 2023 til 2025 for hvert nøkkeltall, med konfidensintervall: A fra 40 % til 60 % (+20 prosentpoeng, intervall +10 til +30).'
    """
    items = []
    for r in table.itertuples(index=False):
        if np.isnan(r.change):
            shares = " til ".join(pct(s) for s in (r.share_a, r.share_b) if not np.isnan(s))
            items.append(f"{r.label} {r.note or 'ingen tall'}" + (f" ({shares})" if shares else ""))
            continue
        sign = lambda x: ("+" if x > 0 else "−" if x < 0 else "") + f"{abs(round(100 * x))}"  # noqa: E731
        items.append(f"{r.label} fra {pct(r.share_a)} til {pct(r.share_b)} "
                     f"({sign(r.change)} prosentpoeng, intervall {sign(r.low)} til "
                     f"{sign(r.high)})")
    return (f"Endringen fra {prev_year} til {year} for hvert nøkkeltall, med "
            "konfidensintervall: " + "; ".join(items) + ".")
