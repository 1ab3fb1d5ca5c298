"""Display tables for the chapters: Norwegian headings, formatted numbers, one row per option.

The denominator is always stated: shares are of the respondents who answered the question
(``n`` in the last row), and for multiple choice they may add up to more than 100 %.
"""

from __future__ import annotations

import pandas as pd

from analysis import fmt
from analysis.display import Table
from analysis.report.views import UNKNOWN


def choice_table(view, known_only: bool = False) -> Table:
    """Row grain: one option of the current wave, then a row with n.

    Columns: ``Svaralternativ``, ``Antall <year>``, ``Andel <year>`` for the previous wave (when
    comparable) and the current one, ``95 % KI <year>`` (Wilson interval of the current
    share), ``Endring (pp)`` (percentage points) and ``p`` (Fisher's exact
    test per option; not adjusted for multiple comparisons). ``known_only`` leaves out options
    whose count is unknown in the current wave (reconstructed data).
    """
    year, prev = view.year, view.prev_year
    rows = []
    if view.compared:
        for _, r in view.comparison.iterrows():
            # "–": no counterpart in the previous questionnaire; "ukjent": not pinned down.
            asked = view.prev_asked(r["option"])
            known_a = asked and view.known(r["option"], prev)
            known_b = view.known(r["option"])
            both = known_a and known_b

            def show(value, formatter, known, applies=True):
                if not applies:
                    return "–"
                return formatter(value) if known else UNKNOWN

            rows.append({
                "Svaralternativ": r["label"],
                f"Antall {prev}": show(r["count_a"], fmt.num, known_a, asked),
                f"Andel {prev}": show(r["share_a"], fmt.pct, known_a, asked),
                f"Antall {year}": show(r["count_b"], fmt.num, known_b),
                f"Andel {year}": show(r["share_b"], fmt.pct, known_b),
                f"95 % KI {year}": show((r["ci_low_b"], r["ci_high_b"]),
                                         lambda c: _bare_ci(*c), known_b),
                "Endring (pp)": show(r["diff"], bare_pp, both, asked),
                "p": show(r["p_value"], bare_p, both, asked),
            })
        rows.append({
            "Svaralternativ": "Svarte på spørsmålet (n)",
            f"Antall {prev}": view.n(prev), f"Andel {prev}": "",
            f"Antall {year}": view.n(), f"Andel {year}": "", f"95 % KI {year}": "",
            "Endring (pp)": "", "p": "",
        })
    else:
        for _, r in view.counts.iterrows():
            known = bool(r["known"])
            rows.append({
                "Svaralternativ": r["label"],
                f"Antall {year}": fmt.num(r["count"]) if known else UNKNOWN,
                f"Andel {year}": fmt.pct(r["share"]) if known else UNKNOWN,
                "95 % KI": _bare_ci(r["ci_low"], r["ci_high"]) if known else UNKNOWN,
            })
        rows.append({"Svaralternativ": "Svarte på spørsmålet (n)", f"Antall {year}": view.n(),
                     f"Andel {year}": "", "95 % KI": ""})
    if known_only:
        rows = [r for r in rows if r[f"Antall {year}"] != UNKNOWN]
    return Table(pd.DataFrame(rows))


def rating_table(view) -> Table:
    """Row grain: one score (lowest first, end labels named), then n, mean and median rows."""
    scale = view.question.scale
    years = [y for y in (view.prev_year, view.year) if y is not None]
    rows = []
    for score in scale.points:
        label = str(score)
        if score == scale.min:
            label += f" ({scale.low_label.lower()})"
        elif score == scale.max:
            label += f" ({scale.high_label.lower()})"
        row = {"Vurdering": label}
        for y in years:
            row[f"Antall {y}"] = view.count(score, y)
            row[f"Andel {y}"] = view.share(score, y)
        rows.append(row)
    for name, func in (("Svarte (n)", view.n), ("Gjennomsnitt", view.mean),
                       ("Median", view.median)):
        row = {"Vurdering": name}
        for y in years:
            row[f"Antall {y}"] = func(y)
            row[f"Andel {y}"] = ""
        rows.append(row)
    return Table(pd.DataFrame(rows))


def bare_p(p: float) -> str:
    """``"0,09"`` or ``"<\u00a00,001"``: the p-value without the leading ``p =`` of the prose
    form; the no-break space keeps ``<`` and the number on one line in a narrow column."""
    text = str(fmt.p_value(p)).replace("\u00a0", " ")
    return text.replace("p", "", 1).replace("=", "", 1).strip().replace(" ", "\u00a0")


def _bare_ci(lo: float, hi: float) -> str:
    """``"38–47 %"``: the interval without the leading "95 % KI" of the prose form."""
    return fmt.ci(lo, hi).replace("95\u00a0%\u00a0KI", "").replace("95 % KI", "").strip()


def bare_pp(diff: float) -> str:
    """``"+9"``: a change in percentage points without the unit (the column heading has it)."""
    return fmt.pp(diff).split("\u00a0")[0].split(" ")[0]
