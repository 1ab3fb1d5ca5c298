"""Book style: deterministic SVG settings, Norwegian axes, palettes."""

import matplotlib as mpl
from matplotlib.figure import Figure

from analysis.figures import apply_style, percent_axis, wave_colours
from analysis.figures.style import GREY, ink_on, number_axis, rating_colours


def test_apply_style_sets_deterministic_svg_and_font():
    apply_style()
    assert mpl.rcParams["svg.hashsalt"] == "norcrin-survey"
    assert mpl.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert mpl.rcParams["font.size"] == 10


def test_axis_formatters_are_norwegian():
    fig = Figure()
    ax = fig.add_subplot()
    percent_axis(ax.xaxis)
    number_axis(ax.yaxis, decimals=1)
    assert ax.xaxis.get_major_formatter()(0.42, 0) == "42\u00a0%"
    assert ax.yaxis.get_major_formatter()(1234.5, 0) == "1\u00a0234,5"
    percent_axis(ax.xaxis, absolute=True)
    assert ax.xaxis.get_major_formatter()(-0.2, 0) == "20\u00a0%"


def test_palettes():
    assert len(set(wave_colours(4))) == 4
    five = rating_colours([1, 2, 3, 4, 5])
    assert len(five) == 5 and five[2] == GREY
    assert GREY not in rating_colours([1, 2, 3, 4])
    assert ink_on("#000000") == "white" and ink_on("#FFFFFF") == "black"
