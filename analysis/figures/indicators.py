"""Key indicators: the change from the previous wave with its 95 % interval.

One row per indicator: the change in percentage points (dot) on a line spanning its Newcombe
interval, beside a zero line, with both shares as a label. How sure a change is shows in
whether its own interval crosses zero -- not in whether two waves' intervals overlap, which
says little (two overlapping intervals can hold a clear change). An indicator with no change
to show (a new question, a break in the series, an unknown value) shows its note and shares.
"""

from __future__ import annotations

import textwrap

import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from analysis.figures.style import (
    FIGSIZE,
    TEXT_GREY,
    apply_style,
    freeze_layout,
    wave_colours,
)
from analysis.fmt import pct

ROW_IN = 0.25  # inches per indicator: two interval lines and a value label


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
    ax.set_xlim(-0.4, 0.45)
    ticks = np.arange(-0.4, 0.40001, 0.1)
    ax.set_xticks(ticks, [("+" if t > 0.001 else "−" if t < -0.001 else "") +
                          f"{abs(round(100 * t))}" for t in ticks])
    ax.set_yticks(np.arange(len(labels)), wrapped)
    ax.set_ylim(len(labels) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    ax.set_xlabel(f"Endring fra {prev_year} til {year}, prosentpoeng (95 % KI)"
                  .replace(" %", "\u00a0%"))
    return freeze_layout(fig)


def alt_text_indicators(table: pd.DataFrame, prev_year, year) -> str:
    """One factual Norwegian sentence describing :func:`indicator_changes` of the table.

    Examples
    --------
    >>> t = pd.DataFrame({"label": ["A"], "share_a": [0.4], "share_b": [0.6], "change": [0.2],
    ...                   "low": [0.1], "high": [0.3], "note": [None]})
    >>> alt_text_indicators(t, 2023, 2025).replace("\u00a0", " ")[-62:]
    'A fra 40 % til 60 % (+20 prosentpoeng, intervall +10 til +30).'
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
