"""Display tables for the chapters: Norwegian headings, formatted numbers, one row per option.

The denominator is always stated: shares are of the respondents who answered the question
(``n`` in the n row), and for multiple choice they may add up to more than 100 %. Values stay
numbers (the view's ``comparison`` and ``counts`` frames) until a cell formats them; a change is
the difference of the two printed shares (:func:`analysis.report.values.printed_change`).

With reconstructed data a value the published figures do not pin down reads "ukjent"; a value
that is printed but is the reconstruction's choice within what the figures allow (an ``n``
given only as a range) carries :data:`~analysis.report.values.CHOSEN_MARK` and the table ends
with a note row saying so.
"""

from __future__ import annotations

import pandas as pd

from analysis import fmt
from analysis.display import UNKNOWN, Table
from analysis.report.values import (
    CHOSEN_MARK,
    NOT_ASKED,
    interval_cell,
    marked,
    p_cell,
    printed_change,
    signed,
)

#: Row label of the n row of a choice table.
N_ROW = "Svarte på spørsmålet (n)"
#: Row label of the note under a table with a :data:`CHOSEN_MARK`.
CHOSEN_NOTE = (f"{CHOSEN_MARK} Rekonstruksjonens valg innenfor det de publiserte tallene "
               "tillater, ikke et publisert tall")


def with_chosen_note(rows: list[dict], columns: list[str]) -> list[dict]:
    """``rows`` plus the note row when any cell carries :data:`CHOSEN_MARK`."""
    if any(CHOSEN_MARK in str(v) for r in rows for v in r.values()):
        rows = [*rows, {c: (CHOSEN_NOTE if i == 0 else "") for i, c in enumerate(columns)}]
    return rows


def choice_table(view, known_only: bool = False, tested: bool = True) -> Table:
    """Row grain: one option of the current wave, then a row with n.

    Columns: ``Svaralternativ``; per wave (the previous one when comparable, then the current
    one) ``Antall <year>``, ``Andel <year>`` and ``95 % KI <year>`` (Wilson interval of the
    share); then ``Endring (pp)`` (the difference of the two printed shares), ``95 % KI
    (pp)`` (Newcombe's interval of the change; "brudd" for a break in the series, which gets
    no interval and no test), ``p``
    (Fisher's exact test per option; "–" where the question's test decides: an ordered item)
    and ``p (Holm)`` (adjusted within the question; a binary item is one test). "–": no
    counterpart in the previous questionnaire; "ukjent": not pinned down by the published
    figures. Options whose wording the source does not give (:meth:`unnamed`) are left out:
    the chapter says in a sentence how many there are (:meth:`unnamed_sentence`).
    ``known_only`` leaves out options whose count is unknown in the current wave;
    ``tested=False`` leaves out the p-value columns (the composition of who answered is
    described, not tested).
    """
    year, prev = view.year, view.prev_year
    years = [prev, year] if view.compared else [year]
    columns = ["Svaralternativ"]
    for y in years:
        columns += [f"Antall {y}", f"Andel {y}", f"95 % KI {y}"]
    ki = f"95{fmt.NBSP}% KI (pp)"
    if view.compared:
        columns += ["Endring (pp)", ki, "p", "p (Holm)"] if tested else ["Endring (pp)"]
    # An option whose wording the source does not give has a count only because the
    # reconstruction had to put one there: its values are the reconstruction's choice.
    unnamed = {o.label for o in view.unnamed()}
    rows = []
    if view.compared:
        frame = view.comparison
        for _, r in frame.iterrows():
            asked = view.prev_asked(r["option"])
            known = {prev: asked and view.known(r["option"], prev), year: view.known(r["option"])}
            if (known_only and not known[year]) or r["option"] in unnamed:
                continue  # an option without wording is said in a sentence, not shown
            chosen = r["option"] in unnamed and view.wave.reconstructed
            row = {"Svaralternativ": r["label"]}
            for y, sfx in ((prev, "_a"), (year, "_b")):
                row.update(_wave_cells(y, r[f"count{sfx}"], r[f"share{sfx}"], r[f"ci_low{sfx}"],
                                       r[f"ci_high{sfx}"], known[y], asked or y == year,
                                       chosen and y == year))
            both = known[prev] and known[year]
            brk = view.break_reason or view.option_breaks.get(r["option"])
            if not asked:
                row.update({"Endring (pp)": NOT_ASKED, ki: NOT_ASKED, "p": NOT_ASKED,
                            "p (Holm)": NOT_ASKED})
            elif not both:
                row.update({"Endring (pp)": UNKNOWN, ki: UNKNOWN, "p": UNKNOWN,
                            "p (Holm)": UNKNOWN})
            elif brk:  # a break in the series: both shares and their difference, no test
                row.update({"Endring (pp)": signed(printed_change(r["share_a"], r["share_b"])),
                            ki: BREAK_CELL, "p": NOT_ASKED, "p (Holm)": NOT_ASKED})
            else:
                low, high = r["diff_low"], r["diff_high"]
                row.update({
                    "Endring (pp)": marked(signed(printed_change(r["share_a"], r["share_b"])),
                                           chosen),
                    ki: marked(_interval_pp(low, high), chosen),
                    "p": marked(p_cell(r["p_value"]), chosen),
                    "p (Holm)": marked(p_cell(r["p_holm"]), chosen)})
            rows.append({c: row[c] for c in columns})
    else:
        for _, r in view.counts.iterrows():
            is_known = bool(r["known"])
            if (known_only and not is_known) or r["option"] in unnamed:
                continue
            row = {"Svaralternativ": r["label"]}
            row.update(_wave_cells(year, r["count"], r["share"], r["ci_low"], r["ci_high"],
                                   is_known, True,
                                   r["option"] in unnamed and view.wave.reconstructed))
            rows.append(row)
    n_row = {c: "" for c in columns}
    n_row["Svaralternativ"] = N_ROW
    for y in years:
        n_row[f"Antall {y}"] = marked(view.n(y), view.n_chosen(y))
    rows.append(n_row)
    return Table(pd.DataFrame(with_chosen_note(rows, columns), columns=columns))


#: What the change cell of an option that is a break in the series reads.
BREAK_CELL = "brudd"


def _interval_pp(low: float, high: float) -> str:
    """The change's 95 % Newcombe interval in points: "+1 til +20" ("–" when missing)."""
    from analysis.report.change_words import interval_text

    if low != low or high != high:
        return NOT_ASKED
    return interval_text(low, high).replace(f"{fmt.NBSP}prosentpoeng", "")


def _wave_cells(year: int, count, share, lo, hi, known: bool, asked: bool,
                chosen: bool = False) -> dict:
    """Count, share and interval cells of one wave; ``chosen`` marks them as the
    reconstruction's choice."""
    if not asked:
        return {f"Antall {year}": NOT_ASKED, f"Andel {year}": NOT_ASKED,
                f"95 % KI {year}": NOT_ASKED}
    if not known:
        return {f"Antall {year}": UNKNOWN, f"Andel {year}": UNKNOWN, f"95 % KI {year}": UNKNOWN}
    return {f"Antall {year}": marked(fmt.num(int(count)), chosen),
            f"Andel {year}": marked(fmt.pct(share), chosen),
            f"95 % KI {year}": marked(interval_cell(lo, hi), chosen)}


def rating_table(view) -> Table:
    """Row grain: one score (lowest first, end labels named), then n, mean and median rows.

    An n that is the reconstruction's choice is marked (the scores' counts, and so mean and
    median, are "ukjent" unless the published figures pin them down).
    """
    scale = view.question.scale
    years = [y for y in (view.prev_year, view.year) if y is not None]
    columns = ["Vurdering"] + [f"{k} {y}" for y in years for k in ("Antall", "Andel")]
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
            row[f"Antall {y}"] = marked(func(y), name == "Svarte (n)" and view.n_chosen(y))
            row[f"Andel {y}"] = ""
        rows.append(row)
    return Table(pd.DataFrame(with_chosen_note(rows, columns), columns=columns))
