"""How the verdicts of the main changes move under defensible alternatives to the book's rule,
for the transparency section of the method chapter (``@sec-bakgrunn-apenhet``).

The alternatives: Holm's adjustment over every change of the table at once (the whole book as
one family) instead of within each question; Benjamini–Hochberg's false discovery rate over
the same family; a design effect of 1,5 and of 2 (answers cluster by the six local contacts
who spread the link: the chi-square statistic is divided by the design effect, as in the
first-order Rao–Scott correction); and both ends of the reconstruction's ranges.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests

from analysis import fmt
from analysis.compute import holm
from analysis.compute.change import ALPHA
from analysis.compute.verdict import (
    BEYOND_CHANCE,
    PLAUSIBLE_DIFFERENCE,
    Verdict,
    distribution_test,
)
from analysis.display import Table, Text
from analysis.report import evidence
from analysis.report.notice import reconstructed_years
from analysis.report.views import RatingView

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle
    from analysis.report.trends import ChangeItem

#: The design effects tried.
DESIGN_EFFECTS = (1.5, 2.0)


def row_test(view, key) -> tuple[float, float, int]:
    """``(p, chi-square, df)`` of the test that decides a change-table row: the 2x2 table of an
    option (Pearson, no continuity correction), or the whole-distribution test of a rating or
    ordered item; NaNs when the row is not tested."""
    if isinstance(view, RatingView) or evidence.kind(view) == "ordered":
        a, b = evidence.ordered_counts(view, view.prev_year), evidence.ordered_counts(view)
        if a is None or b is None:
            return math.nan, math.nan, 0
        test = distribution_test(a, b)
        ordinal = evidence.ordinal_test(a, b)
        return min(test.p_value, ordinal), test.statistic, test.dof
    row = view.test(key)
    if row["p_value"] != row["p_value"]:
        return math.nan, math.nan, 0
    k_a, n_a, k_b, n_b = (int(row[c]) for c in ("count_a", "n_a", "count_b", "n_b"))
    table = np.array([[k_a, n_a - k_a], [k_b, n_b - k_b]])
    chi2 = float(stats.chi2_contingency(table, correction=False).statistic)
    return float(row["p_value"]), chi2, 1


def sensitivity_frame(items: Sequence[ChangeItem]) -> pd.DataFrame:
    """Row grain: one change-table item that is not a break. Columns ``theme``, ``book``
    (beyond chance by the book's verdict: a direction, a changed distribution or «kan skyldes
    hvem som svarte»), ``holm_book``, ``bh_book``, ``deff_1.5``, ``deff_2.0`` (beyond chance
    under each alternative) and ``ranges`` (False when the verdict is «kan ikke avgjøres med
    rekonstruerte tall»)."""
    rows = []
    for theme, view, key in items:
        word = view.verdict_word() if key is None else view.verdict_word(key)
        if word in (Verdict.BREAK, Verdict.NOT_TESTABLE):
            continue
        p, chi2, df = row_test(view, key)
        rows.append({"theme": theme, "word": word, "p": p, "chi2": chi2, "df": df,
                     "book": word in BEYOND_CHANCE or word is Verdict.COMPOSITION})
    frame = pd.DataFrame(rows)
    if frame.empty:
        return frame
    tested = frame["p"].notna()
    frame["holm_book"] = False
    frame.loc[tested, "holm_book"] = holm(frame.loc[tested, "p"].to_numpy()) < ALPHA
    frame["bh_book"] = False
    if tested.any():
        frame.loc[tested, "bh_book"] = multipletests(frame.loc[tested, "p"], alpha=ALPHA,
                                                     method="fdr_bh")[0]
    for deff in DESIGN_EFFECTS:
        frame[f"deff_{deff}"] = [bool(df) and stats.chi2.sf(x / deff, df) < ALPHA
                                 for x, df in zip(frame["chi2"], frame["df"], strict=True)]
    frame["ranges"] = frame["word"] != Verdict.UNDECIDABLE
    return frame


def sensitivity_table(items: Sequence[ChangeItem]) -> Table:
    """Display table: one row per alternative, how many of the main changes are beyond chance
    under it, and which ones differ from the book (both ends of the reconstruction's ranges
    only while a wave is reconstructed)."""
    frame = sensitivity_frame(items)
    total = len(frame)
    alternatives = [
        ("Bokens regel (én test per spørsmål)", "book"),
        ("Holm over alle endringene i tabellen", "holm_book"),
        ("Benjamini–Hochberg over alle endringene", "bh_book"),
        ("Designeffekt 1,5", "deff_1.5"),
        ("Designeffekt 2", "deff_2.0"),
    ]
    rows = []
    for label, column in alternatives:
        flags = frame[column] if total else pd.Series(dtype=bool)
        moved = [t for t, a, b in zip(frame["theme"], flags, frame["book"], strict=True)
                 if bool(a) != bool(b)] if column != "book" else []
        rows.append({"Alternativ": label,
                     "Større enn tilfeldig": f"{int(flags.sum())} av {total}",
                     "Endres fra boken": fmt.join([fmt.quote(t) for t in moved]) or "–"})
    # The reconstruction's ranges exist only while a wave is reconstructed (by the manifest).
    views = [v for _, v, _ in items if getattr(v, "bundle", None) is not None]
    if views and not reconstructed_years(views[0].bundle):
        return Table(pd.DataFrame(rows), left=["Alternativ", "Endres fra boken"])
    undecided = frame.loc[~frame["ranges"], "theme"].tolist() if total else []
    rows.append({"Alternativ": "Begge ender av rekonstruksjonens spenn",
                 "Større enn tilfeldig": f"{int((frame['book'] & frame['ranges']).sum())} av "
                                         f"{total}" if total else "–",
                 "Endres fra boken": (fmt.join([fmt.quote(t) for t in undecided]) +
                                      " kan ikke avgjøres") if undecided else "–"})
    return Table(pd.DataFrame(rows), left=["Alternativ", "Endres fra boken"])


def design_effects_text() -> Text:
    """The design effects tried, in words: "1,5 eller 2".

    >>> design_effects_text()
    '1,5 eller 2'
    """
    return Text(" eller ".join(fmt.num(d, 1).removesuffix(",0") for d in DESIGN_EFFECTS))


def composition_rule(bundle: SurveyBundle) -> Text:
    """The rule behind «kan skyldes hvem som svarte», with the largest shifts of the mix.

    Computed from the published marginals of role and region only (the questions marked
    ``background``), never from a cross-tabulation of the reconstructed answers.
    """
    shifts = evidence.mix_shifts(bundle)
    limit = fmt.num(100 * PLAUSIBLE_DIFFERENCE)
    text = ("Sammensetningen endret seg mye mellom rundene. For hver endring regner vi ut hvor "
            "mye oftere (eller sjeldnere) en yrkesgruppe eller region måtte gi svaret enn de "
            "andre for at endringen i hvem som svarte, alene skulle gi hele endringen: endringen "
            "delt på hvor mye gruppens andel av respondentene endret seg. Er det tallet "
            f"{limit} prosentpoeng eller mindre, er en slik forskjell rimelig, og endringen "
            "*kan skyldes hvem som svarte*.")
    if shifts:
        group, shift = max(shifts.items(), key=lambda kv: abs(kv[1]))
        text += (f" Størst var endringen for {fmt.quote(group)}, "
                 f"{'opp' if shift > 0 else 'ned'} {fmt.num(abs(round(100 * shift)))} "
                 "prosentpoeng. Regnestykket bruker bare de publiserte fordelingene på rolle og "
                 "region" + (", aldri en krysstabell av de rekonstruerte svarene."
                             if reconstructed_years(bundle) else "."))
    return Text(text)


def export_note(bundle: SurveyBundle) -> Text:
    """Whether the standardised change can be computed: only with the real export."""
    if any(w.reconstructed for w in bundle.waves.values()):
        return Text("I denne utgaven er svarene rekonstruert fra publiserte tall, som bare gir "
                    "fordelingen på hvert spørsmål for seg. Denne delen trenger derfor den ekte "
                    "eksporten.")
    return Text("")


def sensitivity_sentence(items: Sequence[ChangeItem]) -> Text:
    """How many of the main changes stay beyond chance with a design effect of 2."""
    frame = sensitivity_frame(items)
    if frame.empty:
        return Text("")
    return Text(f"Med en designeffekt på 2 er {fmt.number_word(int(frame['deff_2.0'].sum()))} av "
                f"{fmt.number_word(len(frame))} endringer fortsatt større enn tilfeldigheter "
                "alene gir.")
