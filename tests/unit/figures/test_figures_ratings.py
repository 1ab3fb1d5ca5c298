"""Diverging rating bars: geometry of the segments, labels, alt text."""

import pandas as pd
import pytest

from analysis.figures import alt_text_ratings, diverging_ratings, rating_table
from analysis.questionnaire.schema import RatingScale

S = "\u00a0"
FIVE = RatingScale(min=1, max=5, low_label="Svært vanskelig", high_label="Svært lett")


def _table():
    # 2023: 1,2,4,2,1 of 10 -> shares .1 .2 .4 .2 .1, mean 3, median 3
    # 2025: 0,0,2,4,4 of 10 -> mean (6 + 16 + 20) / 10 = 4,2, median 4
    counts = {2023: [1, 2, 4, 2, 1], 2025: [0, 0, 2, 4, 4]}
    return rating_table({
        w: pd.DataFrame({"score": [1, 2, 3, 4, 5], "count": c, "n": 10,
                         "share": [x / 10 for x in c]})
        for w, c in counts.items()
    })


def test_one_patch_per_wave_and_score():
    ax = diverging_ratings(_table(), FIVE).axes[0]
    assert len(ax.patches) == 10


def test_segments_diverge_around_the_split_midpoint():
    ax = diverging_ratings(_table(), FIVE).axes[0]
    first_wave = [(round(p.get_x(), 9), round(p.get_width(), 9)) for p in ax.patches[:5]]
    # drawn low scores (2, then 1), then high (4, 5), then the middle (3) centred on zero
    assert first_wave == [(-0.4, 0.2), (-0.5, 0.1), (0.2, 0.2), (0.4, 0.1), (-0.2, 0.4)]


def test_tick_labels_carry_n_mean_and_median_in_norwegian():
    # as the text prints them: mean with two decimals ("3,99"), median with one ("4,0")
    ax = diverging_ratings(_table(), FIVE).axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [f"2023 (n{S}={S}10)\nsnitt 3,00, median 3,0",
                      f"2025 (n{S}={S}10)\nsnitt 4,20, median 4,0"]
    legend = [t.get_text() for t in diverging_ratings(_table(), FIVE).legends[0].get_texts()]
    assert legend == ["1 svært vanskelig", "2", "3", "4", "5 svært lett"]


def test_left_axis_ticks_have_no_sign():
    fig = diverging_ratings(_table(), FIVE)
    fig.canvas.draw()
    labels = fig.axes[0].get_xticklabels()
    ticks = [t.get_text() for t in labels]
    left = [t.get_text() for t in labels if t.get_position()[0] < 0]
    assert left and all(t.endswith(f"{S}%") for t in left)  # the low side has ticks, unsigned
    assert not any("\u2212" in t or "-" in t for t in ticks)


def test_alt_text():
    assert alt_text_ratings(_table(), FIVE) == (
        "Divergerende søyler på skalaen 1 (svært vanskelig) til 5 (svært lett): "
        f"2023 (n{S}={S}10) snitt 3,00, median 3,0, 30{S}% under midten og 30{S}% over; "
        f"2025 (n{S}={S}10) snitt 4,20, median 4,0, 0{S}% under midten og 80{S}% over."
    )


@pytest.mark.parametrize("n_points", [4, 7])
def test_other_scales(n_points):
    scale = RatingScale(min=1, max=n_points, low_label="lav", high_label="høy")
    table = pd.DataFrame({"wave": 2025, "score": scale.points, "count": 1})
    assert len(diverging_ratings(table, scale).axes[0].patches) == n_points
