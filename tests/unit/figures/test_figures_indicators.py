"""The key-indicator figure: the change and its interval per indicator (not two overlapping
bars), a break or a new question marked with both shares, and a factual alt text."""

import math

import pandas as pd

from analysis.figures.indicators import alt_text_indicators, indicator_changes

NAN = math.nan


def _table():
    return pd.DataFrame({
        "label": ["Kjenner oss", "Nytt spørsmål", "Brudd"],
        "share_a": [0.4, NAN, 0.30],
        "share_b": [0.6, 0.27, 0.20],
        "change": [0.2, NAN, NAN],
        "low": [0.05, NAN, NAN],
        "high": [0.33, NAN, NAN],
        "note": [None, "nytt spørsmål", "brudd i serien"],
    })


def test_each_change_is_a_line_over_its_interval_beside_a_zero_line():
    ax = indicator_changes(_table(), 2023, 2025).axes[0]
    spans = sorted(tuple(round(x, 2) for x in line.get_xdata()) for line in ax.lines)
    assert spans == [(0.0, 0.0), (0.05, 0.33)]
    assert "Endring fra 2023 til 2025" in ax.get_xlabel()


def test_a_new_question_and_a_break_show_their_shares_and_no_change():
    texts = [t.get_text() for t in indicator_changes(_table(), 2023, 2025).axes[0].texts]
    assert "nytt spørsmål (27\u00a0%)" in texts
    assert "brudd i serien (30\u00a0% → 20\u00a0%)" in texts
    assert "40\u00a0% → 60\u00a0%" in texts


def test_alt_text_names_every_indicator_its_change_and_interval():
    assert alt_text_indicators(_table(), 2023, 2025).replace("\u00a0", " ") == (
        "Endringen fra 2023 til 2025 for hvert nøkkeltall, med konfidensintervall: Kjenner oss "
        "fra 40 % til 60 % (+20 prosentpoeng, intervall +5 til +33); Nytt spørsmål nytt "
        "spørsmål (27 %); Brudd brudd i serien (30 % til 20 %).")
