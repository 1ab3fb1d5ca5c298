"""The data-quality table of the method chapter: what the reader and the screen found per wave.

Rows are the warnings an export can raise while it is still read (``analysis.ingest.KINDS``:
formula cells without a value, completion before start, empty responses, responses outside
the field period ...), then the typed answers the personal-data screen withheld (in all, and
per reason) or redacted. Every row is shown, zeros included, so a reader sees what was checked
and not only what was found.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis import fmt, freetext
from analysis.display import Table, Text
from analysis.ingest import count_kinds

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

#: The warnings of a read export, in bokmål, in the order of ``analysis.ingest.KINDS``.
WARNINGS_NB = {
    "unknown_column": "Kolonner som ikke hører til noe spørsmål (ikke lest)",
    "no_time_column": "Ingen kolonne med tidspunkt",
    "unreadable_time": "Tidspunkt som ikke kan leses",
    "completion_before_start": "Svar fullført før de ble påbegynt",
    "formula_without_value": "Formelceller uten lagret verdi (lest som ubesvart)",
    "error_value": "Celler med Excel-feil som #N/A (lest som ubesvart)",
    "empty_response": "Svar uten et eneste svar (ikke regnet som respondent)",
    "routing_breach": "Svar på spørsmål som skulle vært hoppet over",
    "missing_option_column": "Svaralternativ uten egen kolonne (Nettskjema)",
    "outside_field_period": "Svar påbegynt eller fullført utenfor perioden undersøkelsen var åpen",
}
SCREEN_NB = {"withhold": "Fritekstsvar holdt tilbake (kan identifisere en person)",
             "redact": "Fritekstsvar der kontaktopplysninger er fjernet"}
#: Why answers were withheld: one row per kind the screen withholds an answer for, under the
#: withheld total. An answer holding both counts in both rows.
WITHHELD_BY_NB = {kind: f"– holdt tilbake fordi svaret har {freetext.LABELS[kind]}"
                  for kind, action in freetext.POLICY.items()
                  if action is freetext.Action.WITHHOLD}


def counts(bundle: SurveyBundle) -> pd.DataFrame:
    """Row grain: one check. Columns ``check`` (bokmål), ``detail`` (True for the rows that
    break the withheld total down by reason, which the total already counts) and one count
    column per wave year."""
    labels = [*WARNINGS_NB.values(), SCREEN_NB["withhold"], *WITHHELD_BY_NB.values(),
              SCREEN_NB["redact"]]
    rows: dict[str, dict[int, int]] = {label: {} for label in labels}
    for year, wave in bundle.waves.items():
        found = count_kinds(list(wave.export.problems))
        for kind, label in WARNINGS_NB.items():
            rows[label][year] = found.get(kind, 0)
        actions = [r.action for r in wave.review_rows]
        for action, label in SCREEN_NB.items():
            rows[label][year] = actions.count(action)
        withheld = [set(r.kinds.split(";")) for r in wave.review_rows if r.action == "withhold"]
        for kind, label in WITHHELD_BY_NB.items():
            rows[label][year] = sum(str(kind) in kinds for kinds in withheld)
    frame = pd.DataFrame.from_dict(rows, orient="index")
    frame.index.name = "check"
    frame = frame.reset_index()
    frame.insert(1, "detail", frame["check"].isin(WITHHELD_BY_NB.values()))
    return frame


def data_quality_table(bundle: SurveyBundle) -> Table:
    """Display table: ``Kontroll`` and, per wave, the number found (``0`` when nothing)."""
    frame = counts(bundle)
    out = pd.DataFrame({"Kontroll": frame["check"]})
    for year in bundle.years:
        out[str(year)] = [fmt.num(int(v)) for v in frame[year]]
    return Table(out)


def problems_sentence(bundle: SurveyBundle) -> Text:
    """The method chapter's sentence on how many cases the checks found in all: none said in
    words, never as "0"; a count under 13 in words (:func:`analysis.fmt.number_word`)."""
    frame = counts(bundle)
    total = int(frame.loc[~frame["detail"], bundle.years].to_numpy().sum())
    if total == 0:
        return Text("I dataene som brukes her, ble det ikke funnet noen slike tilfeller.")
    return Text(f"Til sammen ble det funnet {fmt.number_word(total)} slike tilfeller i dataene "
                "som brukes her.")
