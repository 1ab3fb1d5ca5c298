"""Diverging stacked bars of a rating scale, one bar per wave."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.compute.intervals import wilson
from analysis.compute.ratings import RatingSummary, summarise_counts
from analysis.figures.style import (
    FIGSIZE,
    TEXT_GREY,
    apply_style,
    freeze_layout,
    ink_on,
    percent_axis,
    rating_colours,
)
from analysis.fmt import NBSP, num, pct
from analysis.questionnaire.schema import RatingScale

MIN_LABELLED = 0.06  # segments narrower than this carry no percentage: it would not fit

#: Decimals of the mean and the median in the labels, as the text prints them
#: (:meth:`analysis.report.rating_view.RatingView.mean` and ``.median``: "3,99", "4,0").
MEAN_DECIMALS = 2
MEDIAN_DECIMALS = 1


def rating_table(counts_by_wave: Mapping[int | str, pd.DataFrame]) -> pd.DataFrame:
    """Stack :func:`~analysis.compute.rating_counts` tables of several waves for plotting.

    Returns
    -------
    pandas.DataFrame
        Row grain: one wave x score. Columns ``wave``, ``score``, ``count``, ``n``, ``share``.

    Examples
    --------
    >>> t = pd.DataFrame({"score": [1, 2], "count": [1, 3], "n": 4, "share": [0.25, 0.75]})
    >>> rating_table({2025: t}).columns.tolist()
    ['wave', 'score', 'count', 'n', 'share']
    """
    return pd.concat(
        [t.assign(wave=w)[["wave", "score", "count", "n", "share"]]
         for w, t in counts_by_wave.items()],
        ignore_index=True,
    )


def _summaries(table: pd.DataFrame, scale: RatingScale) -> dict[object, RatingSummary]:
    return {w: summarise_counts(t, scale) for w, t in table.groupby("wave", sort=False)}


def _segments(shares: pd.Series, scale: RatingScale) -> dict[int, tuple[float, float]]:
    """Left edge and width of each score's segment: low scores left of 0, the middle split."""
    mid = (scale.min + scale.max) / 2
    centre = float(shares.get(mid, 0.0)) if mid in scale.points else 0.0
    out: dict[int, tuple[float, float]] = {}
    left, right = -centre / 2, centre / 2
    for score in sorted((p for p in scale.points if p < mid), reverse=True):
        width = float(shares.get(score, 0.0))
        left -= width
        out[score] = (left, width)
    for score in (p for p in scale.points if p > mid):
        width = float(shares.get(score, 0.0))
        out[score] = (right, width)
        right += width
    if mid in scale.points:
        out[int(mid)] = (-centre / 2, centre)
    return out


def _side_intervals(counts: pd.Series, scale: RatingScale) -> list[tuple[float, float, float]]:
    """Outer edge of the low and the high side of a diverging bar, each with the 95 % Wilson
    interval of that side's share (scores below / above the midpoint), in bar coordinates.

    Examples
    --------
    >>> s = RatingScale(min=1, max=3, low_label="lav", high_label="høy")
    >>> [round(e, 2) for e, _, _ in _side_intervals(pd.Series([1, 2, 1], index=[1, 2, 3]), s)]
    [-0.5, 0.5]
    """
    n = int(counts.sum())
    if n == 0:
        return []
    mid = (scale.min + scale.max) / 2
    half = float(counts.get(mid, 0)) / n / 2 if mid in scale.points else 0.0
    out = []
    for sign, side in ((-1, [p for p in scale.points if p < mid]),
                       (1, [p for p in scale.points if p > mid])):
        k = int(counts.reindex(side, fill_value=0).sum())
        lo, hi = wilson(k, n)
        edge = sign * (half + k / n)
        bounds = sorted((sign * (half + lo), sign * (half + hi)))
        out.append((edge, bounds[0], bounds[1]))
    return out


def diverging_ratings(table: pd.DataFrame, scale: RatingScale) -> Figure:
    """Diverging stacked bars: scores below the midpoint left of zero, above it right.

    Parameters
    ----------
    table : pandas.DataFrame
        Row grain one wave x score, columns ``wave``, ``score``, ``count`` (and ``share``),
        e.g. from :func:`rating_table`. Waves are drawn top-down in order of appearance.
    scale : RatingScale
        The scale; its end labels name the legend's first and last entries.

    Returns
    -------
    matplotlib.figure.Figure
        One patch per wave x score (the midpoint score is one patch centred on zero); each
        wave's tick label gives n, mean and median. A whisker at each outer end shows the
        95 % Wilson interval of the share below and above the midpoint.

    Examples
    --------
    >>> s = RatingScale(min=1, max=3, low_label="lav", high_label="høy")
    >>> t = pd.DataFrame({"wave": 2025, "score": [1, 2, 3], "count": [1, 2, 1]})
    >>> len(diverging_ratings(t, s).axes[0].patches)
    3
    """
    apply_style()
    waves = list(pd.unique(table["wave"]))
    summaries = _summaries(table, scale)
    colours = dict(zip(scale.points, rating_colours(scale.points), strict=True))
    fig = Figure(figsize=(FIGSIZE[0], 1.5 + 0.55 * len(waves)))
    ax = fig.add_subplot()
    lo_extent = hi_extent = 0.0
    for y, wave in enumerate(waves):
        rows = table[table["wave"] == wave].set_index("score")
        shares = rows["count"] / rows["count"].sum() if rows["count"].sum() else rows["count"]
        for score, (left, width) in _segments(shares, scale).items():
            ax.barh(y, width, left=left, height=0.62, color=colours[score])
            if width >= MIN_LABELLED:
                ax.text(left + width / 2, y, pct(width), ha="center", va="center",
                        fontsize=8, color=ink_on(colours[score]))
            lo_extent, hi_extent = min(lo_extent, left), max(hi_extent, left + width)
        for edge, lo, hi in _side_intervals(rows["count"], scale):
            ax.errorbar([edge], [y], xerr=[[edge - lo], [hi - edge]], fmt="none",
                        ecolor=TEXT_GREY, elinewidth=0.8, capsize=2)
            lo_extent, hi_extent = min(lo_extent, lo), max(hi_extent, hi)
    ticks = []
    for wave in waves:
        s = summaries[wave]
        ticks.append(f"{wave} (n{NBSP}={NBSP}{s.n})\nsnitt {num(s.mean, MEAN_DECIMALS)}, "
                     f"median {num(s.median, MEDIAN_DECIMALS)}")
    ax.set_yticks(range(len(waves)), ticks)
    ax.set_ylim(len(waves) - 0.5, -0.5)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    # Not symmetric: ratings are usually lopsided, and an empty half wastes the page width.
    ax.set_xlim(min(-0.1, np.floor(lo_extent * 10) / 10), max(0.1, np.ceil(hi_extent * 10) / 10))
    percent_axis(ax.xaxis, absolute=True)
    ax.axvline(0, color=TEXT_GREY, linewidth=0.8, zorder=0.5)  # behind the middle label
    ax.set_xlabel("Andel respondenter")
    handles = [
        Patch(color=colours[p], label=_legend_label(p, scale)) for p in scale.points
    ]
    fig.legend(handles=handles, loc="outside lower center", ncols=len(handles),
               handlelength=1.2, columnspacing=1.0)
    return freeze_layout(fig)


def _legend_label(point: int, scale: RatingScale) -> str:
    if point == scale.min:
        return f"{point} {scale.low_label.lower()}"
    if point == scale.max:
        return f"{point} {scale.high_label.lower()}"
    return str(point)


def alt_text_ratings(table: pd.DataFrame, scale: RatingScale) -> str:
    """One factual Norwegian sentence describing :func:`diverging_ratings` of the same table.

    Examples
    --------
    >>> s = RatingScale(min=1, max=3, low_label="Lav", high_label="Høy")
    >>> t = pd.DataFrame({"wave": 2025, "score": [1, 2, 3], "count": [1, 2, 1]})
    >>> alt_text_ratings(t, s).replace("\\u00a0", " ")  # doctest: +NORMALIZE_WHITESPACE
    'Divergerende søyler på skalaen 1 (lav) til 3 (høy): 2025 (n = 4) snitt 2,00, median 2,0,
    25 % under midten og 25 % over.'
    """
    parts = []
    for wave, s in _summaries(table, scale).items():
        parts.append(
            f"{wave} (n{NBSP}={NBSP}{s.n}) snitt {num(s.mean, MEAN_DECIMALS)}, "
            f"median {num(s.median, MEDIAN_DECIMALS)}, "
            f"{pct(s.share_low)} under midten og {pct(s.share_high)} over"
        )
    return (f"Divergerende søyler på skalaen {scale.min} ({scale.low_label.lower()}) til "
            f"{scale.max} ({scale.high_label.lower()}): " + "; ".join(parts) + ".")
