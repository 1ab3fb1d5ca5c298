"""Respondents and regional affiliation across all survey years, gaps left as gaps.

A year without figures is drawn as missing -- an empty slot labelled "ingen tall" -- and
never interpolated: a line through a year without figures would invent a number the survey
never produced. The years on the axis are the caller's (the book passes every wave run,
:attr:`analysis.bundle.SurveyBundle.series_years`); by default, the years in the frame.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from analysis.display import NO_DATA
from analysis.figures.style import (
    FIGSIZE,
    OKABE_ITO,
    TEXT_GREY,
    apply_style,
    freeze_layout,
    number_axis,
    percent_axis,
    wave_colours,
)
from analysis.fmt import num, pct


def _axis(df: pd.DataFrame, years: Sequence[int] | None) -> list[int]:
    """The years to draw: ``years`` as given, or those in ``df``, oldest first."""
    return sorted(int(y) for y in pd.unique(df["year"])) if years is None else list(years)


def _by_year(df: pd.DataFrame, column: str, years: Sequence[int]) -> pd.Series:
    if df["year"].duplicated().any():
        raise ValueError("one row per year expected; got duplicated years")
    return df.set_index("year")[column].astype(float).reindex(list(years))


def respondents_over_time(
    df: pd.DataFrame, years: Sequence[int] | None = None, column: str = "respondents"
) -> Figure:
    """Line of respondents per survey year; a missing year is a gap marked "ingen tall".

    Parameters
    ----------
    df : pandas.DataFrame
        Row grain: one survey year. Columns ``year`` and ``respondents`` (NaN or absent row
        for a year without figures).
    years : sequence of int, optional
        The x axis; years absent from ``df`` are drawn as missing. Default: the years in
        ``df``.
    column : str, default "respondents"

    Returns
    -------
    matplotlib.figure.Figure
        ``axes[0].lines[0]`` holds the values with NaN for missing years.

    Raises
    ------
    ValueError
        If a year occurs twice.

    Examples
    --------
    >>> df = pd.DataFrame({"year": [2018, 2023], "respondents": [9, 12]})
    >>> fig = respondents_over_time(df, years=[2018, 2020, 2023, 2025])
    >>> fig.axes[0].lines[0].get_ydata().tolist()
    [9.0, nan, 12.0, nan]
    """
    apply_style()
    years = _axis(df, years)
    values = _by_year(df, column, years)
    fig = Figure(figsize=(FIGSIZE[0], 3.0))
    ax = fig.add_subplot()
    xs = np.asarray(years, dtype=float)
    ax.plot(xs, values.to_numpy(), marker="o", color=OKABE_ITO["blue"], linewidth=2)
    top = float(np.nanmax(values.to_numpy(), initial=1.0))
    ax.set_ylim(0, top * 1.2)  # from zero: the height of the line is the size of the survey
    for x, v in zip(xs, values, strict=True):
        if np.isnan(v):
            ax.axvspan(x - 0.35, x + 0.35, color="#EEEEEE", zorder=0)
            ax.text(x, top * 0.6, NO_DATA, ha="center", va="center", color=TEXT_GREY,
                    fontsize=9, style="italic")
        else:
            ax.annotate(num(v), (x, v), xytext=(0, 7), textcoords="offset points",
                        ha="center", fontsize=9)
    ax.set_xticks(xs, [str(y) for y in years])  # years carry no thousands separator
    ax.set_xlim(xs.min() - 0.8, xs.max() + 0.8)
    ax.grid(axis="x", visible=False)
    number_axis(ax.yaxis)
    ax.set_ylabel("Antall respondenter")
    return freeze_layout(fig)


def regions_over_time(
    df: pd.DataFrame, years: Sequence[int] | None = None, value: str = "share", wrap: int = 14
) -> Figure:
    """Grouped bars of regional affiliation: one group per region, one bar per year.

    Parameters
    ----------
    df : pandas.DataFrame
        Row grain: one year x region. Columns ``year``, ``region`` and ``value``. A year
        with no rows (or only NaN) is missing: its slot stays empty in every group and the
        legend says "ingen tall".
    years : sequence of int, optional
        The years, one bar per group each. Default: the years in ``df``.
    value : {"share", "count"}
        Column to plot; shares get a percent axis.
    wrap : int, default 14
        Wrap region names longer than this.

    Returns
    -------
    matplotlib.figure.Figure
        One bar patch per non-missing year x region.

    Examples
    --------
    >>> df = pd.DataFrame({"year": [2018, 2025], "region": "Nord", "share": [0.2, 0.3]})
    >>> len(regions_over_time(df).axes[0].patches)
    2
    """
    apply_style()
    years = _axis(df, years)
    regions = list(pd.unique(df["region"]))
    table = df.pivot_table(index="region", columns="year", values=value, aggfunc="first",
                           dropna=False).reindex(index=regions, columns=list(years))
    fig = Figure(figsize=FIGSIZE)
    ax = fig.add_subplot()
    width = 0.8 / len(years)
    handles = []
    for j, (year, colour) in enumerate(zip(years, wave_colours(len(years)), strict=True)):
        heights = table[year].to_numpy(dtype=float)
        xs = np.arange(len(regions)) - 0.4 + width * (j + 0.5)
        present = ~np.isnan(heights)
        ax.bar(xs[present], heights[present], width=width * 0.92, color=colour)
        missing = not present.any()
        handles.append(Patch(facecolor="none" if missing else colour, edgecolor=colour,
                             hatch="///" if missing else None,
                             label=f"{year} ({NO_DATA})" if missing else str(year)))
    names = [textwrap.fill(str(r), wrap, break_on_hyphens=False) for r in regions]
    ax.set_xticks(np.arange(len(regions)), names)
    ax.tick_params(axis="x", length=0)
    ax.grid(axis="x", visible=False)
    if value == "share":
        percent_axis(ax.yaxis)
        ax.set_ylabel("Andel respondenter")
    else:
        number_axis(ax.yaxis)
        ax.set_ylabel("Antall respondenter")
    ax.legend(handles=handles, ncols=len(years), loc="lower right", bbox_to_anchor=(1, 1),
              borderaxespad=0.2, handlelength=1.2)
    return freeze_layout(fig)


def alt_text_respondents(df: pd.DataFrame, years: Sequence[int] | None = None,
                         column: str = "respondents") -> str:
    """One Norwegian sentence describing :func:`respondents_over_time`.

    Examples
    --------
    >>> alt_text_respondents(pd.DataFrame({"year": [2018, 2023], "respondents": [9, 12]}),
    ...                      years=(2018, 2020, 2023))
    'Linjediagram over antall respondenter per år: 2018: 9, 2020: ingen tall, 2023: 12.'
    """
    values = _by_year(df, column, _axis(df, years))
    parts = [f"{y}: {NO_DATA if np.isnan(v) else num(v)}" for y, v in values.items()]
    return "Linjediagram over antall respondenter per år: " + ", ".join(parts) + "."


def alt_text_regions(df: pd.DataFrame, years: Sequence[int] | None = None,
                     value: str = "share") -> str:
    """One Norwegian sentence describing :func:`regions_over_time`.

    Examples
    --------
    >>> df = pd.DataFrame({"year": [2018, 2025], "region": "Nord", "share": [0.2, 0.3]})
    >>> alt_text_regions(df, years=(2018, 2020, 2025)).split(": ", 1)[1].replace("\\u00a0", " ")
    'ingen tall): Nord 20 % (2018), 30 % (2025).'
    """
    fmt = pct if value == "share" else num
    years = _axis(df, years)
    present = [y for y in years if df.loc[df["year"] == y, value].notna().any()]
    gaps = [str(y) for y in years if y not in present]
    note = f" ({', '.join(gaps)}: {NO_DATA})" if gaps else ""
    items = []
    for region, rows in df.groupby("region", sort=False):
        by_year = rows.set_index("year")[value]
        items.append(f"{region} " + ", ".join(
            f"{fmt(by_year.get(y))} ({y})" for y in present))
    return f"Grupperte søyler over regional tilhørighet per år{note}: " + "; ".join(items) + "."
