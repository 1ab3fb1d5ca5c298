"""Time series: a missing year stays missing."""

import math

import numpy as np
import pandas as pd
import pytest

from analysis.figures import (
    alt_text_regions,
    alt_text_respondents,
    regions_over_time,
    respondents_over_time,
)

S = "\u00a0"
YEARS = [2018, 2020, 2023, 2025]
RESPONDENTS = pd.DataFrame({"year": YEARS, "respondents": [143, np.nan, 1122, 186]})


def test_2020_is_nan_in_the_line_not_interpolated():
    ax = respondents_over_time(RESPONDENTS, years=YEARS).axes[0]
    line = ax.lines[0]
    assert line.get_xdata().tolist() == [2018, 2020, 2023, 2025]
    y = line.get_ydata()
    assert math.isnan(y[1]) and y[0] == 143 and y[2] == 1122
    assert "ingen tall" in [t.get_text() for t in ax.texts]


def test_absent_year_row_is_missing_too_and_years_have_no_separator():
    ax = respondents_over_time(RESPONDENTS.dropna(), years=YEARS).axes[0]
    assert math.isnan(ax.lines[0].get_ydata()[1])
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2018", "2020", "2023", "2025"]
    assert f"1{S}122" in [t.get_text() for t in ax.texts]


def test_duplicated_year_raises():
    with pytest.raises(ValueError, match="duplicated"):
        respondents_over_time(pd.concat([RESPONDENTS, RESPONDENTS]))


REGIONS = pd.DataFrame({
    "year": [2018, 2018, 2023, 2023, 2025, 2025],
    "region": ["Nord", "Vest"] * 3,
    "share": [0.4, 0.6, 0.5, 0.5, 0.3, 0.7],
})


def test_regions_grouped_bars_leave_the_missing_year_empty():
    ax = regions_over_time(REGIONS, years=YEARS).axes[0]
    assert len(ax.patches) == 6  # 3 years with data x 2 regions, none for 2020
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["2018", "2020 (ingen tall)", "2023", "2025"]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["Nord", "Vest"]


def test_alt_texts():
    assert alt_text_respondents(RESPONDENTS, years=YEARS) == (
        f"Linjediagram over antall respondenter per år: 2018: 143, 2020: ingen tall, "
        f"2023: 1{S}122, 2025: 186."
    )
    assert alt_text_regions(REGIONS, years=YEARS) == (
        "Grupperte søyler over regional tilhørighet per år (2020: ingen tall): "
        f"Nord 40{S}% (2018), 50{S}% (2023), 30{S}% (2025); "
        f"Vest 60{S}% (2018), 50{S}% (2023), 70{S}% (2025)."
    )


def test_default_axis_is_the_years_in_the_frame():
    """Without ``years`` the axis is what the data hold: no year is assumed."""
    ax = respondents_over_time(RESPONDENTS.dropna()).axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["2018", "2023", "2025"]
    later = pd.DataFrame({"year": [2027, 2025], "region": "Nord", "share": [0.5, 0.4]})
    legend = [t.get_text() for t in regions_over_time(later).axes[0].get_legend().get_texts()]
    assert legend == ["2025", "2027"]
