"""One look for every figure of the book: palette, fonts, sizes and Norwegian axes.

Sizes are chosen so a figure reads the same as SVG in the HTML book and as PNG in the PDF:
6.5 x 3.5 in (the text width of an A4 page with 2.5 cm margins), 10 pt text.
"""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib as mpl
import seaborn as sns
from matplotlib.axis import Axis
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from analysis.fmt import num, pct

#: Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
}
GREY = "#B8B8B8"
TEXT_GREY = "#555555"
FIGSIZE = (6.5, 3.5)

RC = {
    "font.family": "sans-serif",
    "font.sans-serif": ["DejaVu Sans"],  # ships with matplotlib: same glyphs on every machine
    "font.size": 10,
    "axes.titlesize": 10,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "xtick.major.pad": 3,
    "ytick.major.pad": 3,
    "legend.frameon": False,
    "figure.figsize": FIGSIZE,
    "figure.dpi": 100,
    "figure.constrained_layout.use": True,
    "savefig.dpi": 200,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.unicode_minus": True,  # U+2212, as analysis.fmt writes it
    "axes.formatter.use_locale": False,  # our own formatters, not the machine's locale
    "svg.hashsalt": "norcrin-survey",  # stable element ids -> identical SVG bytes
    "svg.fonttype": "path",  # glyphs as paths: no font needed in the reader's browser
    "pdf.fonttype": 42,
}


def apply_style() -> None:
    """Set the book's seaborn theme and matplotlib settings (idempotent; global state).

    Examples
    --------
    >>> apply_style()
    >>> mpl.rcParams["svg.hashsalt"]
    'norcrin-survey'
    """
    sns.set_theme(context="paper", style="whitegrid", palette=list(OKABE_ITO.values()), rc=RC)
    # matplotlib's stubs key rcParams by a Literal of its names; RC is a plain str-keyed dict
    mpl.rcParams.update(RC)  # type: ignore[arg-type]  # set_theme's context scales fonts; our sizes win


def wave_colours(n: int) -> list[str]:
    """Colours for ``n`` waves, oldest lightest, so the order also survives greyscale print.

    Examples
    --------
    >>> wave_colours(2)
    ['#56B4E9', '#0072B2']
    """
    if n == 1:
        return [OKABE_ITO["blue"]]
    if n == 2:
        return [OKABE_ITO["sky_blue"], OKABE_ITO["blue"]]
    # ColorBrewer Blues without its near-white end: light-to-dark steps stay distinguishable.
    return sns.color_palette("Blues", n + 1).as_hex()[1:]


def rating_colours(points: Sequence[int]) -> list[str]:
    """Diverging colours for a rating scale: vermillion/orange low, grey middle, blues high.

    Examples
    --------
    >>> rating_colours([1, 2, 3, 4, 5])[2]
    '#B8B8B8'
    """
    n = len(points)
    k = n // 2

    def ramp(start: str, end: str) -> list[str]:
        return [start] if k == 1 else sns.blend_palette([start, end], k).as_hex()

    low = ramp(OKABE_ITO["vermillion"], OKABE_ITO["orange"])
    high = ramp(OKABE_ITO["sky_blue"], OKABE_ITO["blue"])
    return low + ([GREY] if n % 2 else []) + high


def ink_on(colour: str) -> str:
    """Black or white, whichever reads better on ``colour`` (WCAG relative luminance)."""
    rgb = mpl.colors.to_rgb(colour)
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb)
    return "black" if 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.18 else "white"


def percent_axis(axis: Axis, decimals: int = 0, absolute: bool = False) -> None:
    """Label an axis holding shares (0..1) as Norwegian percentages, ``42 %``.

    ``absolute=True`` drops the sign, for the left half of a diverging bar chart.
    """
    axis.set_major_formatter(
        FuncFormatter(lambda v, _pos: pct(abs(v) if absolute else v, decimals))
    )


def number_axis(axis: Axis, decimals: int = 0) -> None:
    """Label an axis with Norwegian numbers (decimal comma, no-break-space thousands)."""
    axis.set_major_formatter(FuncFormatter(lambda v, _pos: num(v, decimals)))


def freeze_layout(fig: Figure) -> Figure:
    """Run the constrained layout once, then fix the axes where it put them.

    Constrained layout refines itself on every draw, so saving the same figure twice would
    give slightly different coordinates; one pass and a fixed layout make every save
    byte-identical. Plot functions call this last; add nothing to the figure afterwards.

    Examples
    --------
    >>> engine = freeze_layout(Figure(layout="constrained")).get_layout_engine()
    >>> type(engine).__name__  # matplotlib's no-op stand-in for a switched-off engine
    'PlaceHolderLayoutEngine'
    """
    fig.draw_without_rendering()
    fig.set_layout_engine("none")
    return fig
