"""The key-indicator figure: one interval line per known share, gaps marked, a factual alt text."""

import math

import pandas as pd

from analysis.figures.indicators import alt_text_indicators, indicator_intervals

NAN = math.nan


def _table():
    return pd.DataFrame({
        "label": ["Kjenner oss", "Kjenner oss", "Nytt spørsmål", "Nytt spørsmål"],
        "wave": [2023, 2025, 2023, 2025],
        "share": [0.4, 0.6, NAN, 0.27],
        "low": [0.3, 0.5, NAN, 0.21],
        "high": [0.5, 0.7, NAN, 0.34],
        "new": [False, False, True, True],
    })


def test_each_known_share_is_an_interval_line_from_low_to_high():
    ax = indicator_intervals(_table()).axes[0]
    spans = sorted(tuple(round(x, 2) for x in line.get_xdata()) for line in ax.lines)
    assert spans == [(0.21, 0.34), (0.3, 0.5), (0.5, 0.7)]


def test_a_new_question_is_marked_and_gets_no_arrow():
    ax = indicator_intervals(_table()).axes[0]
    texts = [t.get_text() for t in ax.texts]
    assert "nytt spørsmål" in texts
    assert "40\u00a0%" in texts and "27\u00a0%" in texts
    # one arrow: the indicator known in both waves
    assert sum(1 for c in ax.get_children() if type(c).__name__ == "Annotation") == 1


def test_an_unknown_previous_value_of_an_old_question_reads_ingen_tall():
    table = _table().assign(new=False)
    texts = [t.get_text() for t in indicator_intervals(table).axes[0].texts]
    assert "ingen tall" in texts and "nytt spørsmål" not in texts


def test_alt_text_names_every_indicator_and_its_shares():
    assert alt_text_indicators(_table()).replace("\u00a0", " ") == (
        "Punkter med konfidensintervall for hvert nøkkeltall, 2023 og 2025: Kjenner oss 40 % "
        "til 60 %; Nytt spørsmål 27 % (bare 2025).")
