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


def alt_text_indicators(table: pd.DataFrame) -> str:
    """One factual Norwegian sentence describing :func:`indicator_intervals` of the table.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["A", "A"], "wave": [2023, 2025], "share": [0.4, 0.6],
    ...                   "low": [0.3, 0.5], "high": [0.5, 0.7]})
    >>> alt_text_indicators(t).replace("\\u00a0", " ")
    'Punkter med konfidensintervall for hvert nøkkeltall, 2023 og 2025: A 40 % til 60 %.'
    """
    waves = list(pd.unique(table["wave"]))
    items = []
    for label in pd.unique(table["label"]):
        shares = {w: _row_values(table, label, w)[0] for w in waves}
        known = {w: pct(s) for w, s in shares.items() if not np.isnan(s)}
        if len(known) == len(waves):
            items.append(f"{label} {' til '.join(known.values())}")
        elif known:
            items.append("; ".join(f"{label} {v} (bare {w})" for w, v in known.items()))
    years = " og ".join(str(w) for w in waves)
    return (f"Punkter med konfidensintervall for hvert nøkkeltall, {years}: "
            + "; ".join(items) + ".")
