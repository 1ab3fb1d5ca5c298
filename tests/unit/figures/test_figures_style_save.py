"""Book style and deterministic saving."""

import matplotlib as mpl
import pandas as pd
import pytest
from matplotlib.figure import Figure

from analysis.figures import apply_style, choice_bars, percent_axis, save_figure, wave_colours
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


def _figure():
    table = pd.DataFrame({"label": ["Ja", "Nei"], "wave": 2025, "share": [0.6, 0.4]})
    return choice_bars(table)


def test_same_figure_saved_twice_gives_identical_svg_bytes(tmp_path):
    fig = _figure()
    first = save_figure(fig, tmp_path / "a.svg").read_bytes()
    second = save_figure(fig, tmp_path / "b.svg").read_bytes()
    rebuilt = save_figure(_figure(), tmp_path / "c.svg").read_bytes()
    assert first == second == rebuilt
    assert b"<dc:date>" not in first


def test_png_is_deterministic_and_bad_suffix_raises(tmp_path):
    fig = _figure()
    assert (save_figure(fig, tmp_path / "x" / "a.png").read_bytes()
            == save_figure(fig, tmp_path / "b.png").read_bytes())
    with pytest.raises(ValueError, match="unsupported"):
        save_figure(fig, tmp_path / "a.jpg")
