"""Choice bars: tables, bars, Norwegian labels, alt text."""

import pandas as pd

from analysis.figures import alt_text_choice_bars, choice_bars, choice_table, comparison_table

S = "\u00a0"


def _counts(labels, shares, n):
    return pd.DataFrame({"label": labels, "share": shares,
                         "count": [round(s * n) for s in shares], "n": n})


def test_choice_table_aligns_waves_and_keeps_missing_as_nan():
    a = _counts(["Godt", "Litt"], [0.25, 0.75], 4)
    b = _counts(["Godt", "Litt", "Nytt"], [0.5, 0.3, 0.2], 10)
    table = choice_table({2023: a, 2025: b})
    assert len(table) == 6
    assert table["label"].tolist() == ["Godt", "Godt", "Litt", "Litt", "Nytt", "Nytt"]
    nytt_2023 = table[(table["label"] == "Nytt") & (table["wave"] == 2023)]["share"]
    assert nytt_2023.isna().all()


def test_comparison_table_from_compare_choice_columns():
    comp = pd.DataFrame({"label": ["Ja", "Nei"], "share_a": [0.2, 0.8], "count_a": [1, 4],
                         "n_a": 5, "share_b": [0.5, 0.5], "count_b": [2, 2], "n_b": 4})
    table = comparison_table(comp, 2023, 2025)
    assert table.set_index(["label", "wave"]).loc[("Ja", 2025), "share"] == 0.5


def test_two_wave_bars_patches_labels_and_legend():
    table = choice_table({
        2023: _counts(["Kjenner godt", "Kjenner ikke"], [0.33, 0.67], 100),
        2025: _counts(["Kjenner godt", "Kjenner ikke"], [0.42, 0.58], 100),
    })
    fig = choice_bars(table)
    ax = fig.axes[0]
    assert len(ax.patches) == 4
    texts = [t.get_text().strip() for t in ax.texts]
    assert f"42{S}%" in texts and f"33{S}%" in texts
    fig.canvas.draw()
    ticks = [t.get_text() for t in ax.get_xticklabels()]
    assert ticks[0] == f"0{S}%" and all(t.endswith(f"{S}%") for t in ticks)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["Kjenner godt", "Kjenner ikke"]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2023", "2025"]


def test_missing_share_draws_no_bar_but_says_so():
    table = choice_table({2023: _counts(["A"], [0.5], 2),
                          2025: _counts(["A", "B"], [0.5, 0.5], 2)})
    ax = choice_bars(table).axes[0]
    assert len(ax.patches) == 3
    assert "ingen tall" in [t.get_text().strip() for t in ax.texts]
    assert alt_text_choice_bars(table).endswith(f"B 50{S}% (2025) mot ingen tall (2023).")


def test_long_labels_are_wrapped():
    long_label = "Har hørt om, men vet lite om hva NorCRIN tilbyr"
    ax = choice_bars(pd.DataFrame({"label": [long_label], "wave": 2025, "share": [0.1]}),
                     wrap=20).axes[0]
    assert "\n" in ax.get_yticklabels()[0].get_text()


def test_alt_text_two_waves_and_one_wave():
    table = pd.DataFrame({"label": ["Godt", "Godt", "Ikke", "Ikke"],
                          "wave": [2023, 2025, 2023, 2025],
                          "share": [0.33, 0.42, 0.67, 0.58]})
    assert alt_text_choice_bars(table) == (
        f"Liggende søyler med andel per svaralternativ: Godt 42{S}% (2025) mot 33{S}% (2023); "
        f"Ikke 58{S}% (2025) mot 67{S}% (2023)."
    )
    one = pd.DataFrame({"label": ["Ja", "Nei"], "wave": 2025, "share": [0.75, 0.25], "n": 4})
    assert alt_text_choice_bars(one) == (
        f"Liggende søyler med andel per svaralternativ (n{S}={S}4): Ja 75{S}%; Nei 25{S}%."
    )
