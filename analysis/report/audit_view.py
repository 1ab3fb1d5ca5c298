"""The appendix "Etterprøving av publiserte tall": the audit as tables for reviewers.

The self-check has two halves the book keeps apart: whether the published figures can all
hold together (proven from the ledger alone: :func:`consistency`), and whether the data in use
reproduce them (:func:`summary`, :func:`reproduction_sentence`) -- on reconstructed data true by
construction, so never presented as a check.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from weakref import WeakKeyDictionary

import pandas as pd

from analysis import fmt
from analysis.audit import (
    NOT_DERIVABLE,
    NOT_REPRODUCIBLE,
    REPRODUCED,
    WITHIN_ROUNDING,
    audit_figures,
    consistency_counts,
    status_counts,
)
from analysis.display import Table, as_text, is_missing

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

#: Heading of the column with the ledger id of a published figure ("Figur" would read as a
#: chart of the book).
ID = "Tall-id"

#: Status names in the report's language.
STATUS_NB = {
    REPRODUCED: "gjenskapt eksakt",
    WITHIN_ROUNDING: "gjenskapt innenfor avrunding",
    NOT_REPRODUCIBLE: "ikke gjenskapt",
    NOT_DERIVABLE: "kan ikke beregnes fra svardata",
}
BASIS_NB = {"n": "av dem som svarte", "respondents": "av alle respondenter",
            "answers": "av alle avkrysninger", "value": "", None: ""}


#: bundle -> its audit, computed once per bundle (a new bundle, new data: a new audit)
_AUDITS: WeakKeyDictionary = WeakKeyDictionary()


def audit(bundle: SurveyBundle) -> pd.DataFrame:
    """The audit frame, a fresh copy (one row per published figure; see
    :func:`analysis.audit.audit_figures`), computed once per bundle."""
    if bundle not in _AUDITS:
        _AUDITS[bundle] = audit_figures(bundle)
    return _AUDITS[bundle].copy()


def count(bundle: SurveyBundle, status: str | None = None, year=None, words: bool = False) -> str:
    """Number of figures with a status (all when None), formatted; optionally only those of
    ``year`` (one year, or several as a list). ``words=True`` for a count in a sentence: a
    word below 13, neuter ("ett tall")."""
    frame = audit(bundle)
    if year is not None:
        frame = frame[frame["year"].isin(year if isinstance(year, list | tuple) else [year])]
    n = len(frame) if status is None else int((frame["status"] == status).sum())
    return fmt.number_word(n, neuter=True) if words else fmt.num(n)


def inconsistent_count(bundle: SurveyBundle, words: bool = False) -> str:
    """Number of published figures in a minimal conflicting set (cannot all be true);
    ``words=True`` as in :func:`count`."""
    n = int(audit(bundle)["inconsistent"].sum())
    return fmt.number_word(n, neuter=True) if words else fmt.num(n)


def contradiction_count(bundle: SurveyBundle, words: bool = False) -> str:
    """Number of contradictions the report contains (``contradictions.yaml``); ``words=True``
    for a count in a sentence (a word below 13)."""
    n = len(bundle.contradictions)
    return fmt.number_word(n) if words else fmt.num(n)


def summary(bundle: SurveyBundle) -> Table:
    """Row grain: one status. Columns ``Status``, ``Antall tall``."""
    counts = status_counts(audit(bundle))
    rows = [{"Status": STATUS_NB[s], "Antall tall": fmt.num(n)} for s, n in counts.items()]
    rows.append({"Status": "Sum", "Antall tall": count(bundle)})
    return Table(pd.DataFrame(rows))


#: The report's words before a figure ("over 85 %"), as the ledger's qualifier names them.
QUALIFIER_NB = {"about": "ca. ", "over": "over ", "under": "under "}


def _printed(row) -> str:
    value = row["printed"]
    if row["kind"] == "percent":
        text = fmt.pct(value / 100, int(row["decimals"]))
    else:
        text = fmt.num(value, int(row["decimals"]))
    return QUALIFIER_NB.get(row.get("qualifier"), "") + text


def _recomputed(row) -> str:
    if is_missing(row["recomputed"]):
        return fmt.MISSING
    value = row["recomputed"]
    text = (fmt.pct(value / 100, int(row["decimals"]) + 1) if row["kind"] == "percent"
            else fmt.num(value, int(row["decimals"]) + (1 if row["kind"] == "mean" else 0)))
    basis = BASIS_NB.get(row["basis"], "")
    return f"{text} {basis}".strip()


def _question(row) -> str:
    return fmt.MISSING if is_missing(row["question"]) else f"{int(row['question'])}"


def not_reproduced(bundle: SurveyBundle) -> pd.DataFrame:
    """Row grain: one published figure the data in use do not reproduce (part 2 of the
    self-check), with the arithmetic on the data."""
    frame = audit(bundle)
    frame = frame[frame["status"] == NOT_REPRODUCIBLE]
    return pd.DataFrame({
        ID: frame["id"].to_numpy(), "År": frame["year"].astype(str).to_numpy(),
        "Spm.": [_question(r) for _, r in frame.iterrows()],
        "Publisert": [_printed(r) for _, r in frame.iterrows()],
        "Data gir": [_recomputed(r) for _, r in frame.iterrows()],
        "Forklaring": frame["explanation"].to_numpy(),
    }).set_index(ID)


def inconsistent(bundle: SurveyBundle) -> pd.DataFrame:
    """Row grain: one published figure in a smallest conflicting set (part 1 of the
    self-check, from the ledger and questionnaires alone), with the solver's arithmetic.
    No column of data values: this half uses none."""
    frame = audit(bundle)
    frame = frame[frame["inconsistent"]]
    return pd.DataFrame({
        ID: frame["id"].to_numpy(), "År": frame["year"].astype(str).to_numpy(),
        "Spm.": [_question(r) for _, r in frame.iterrows()],
        "Publisert": [_printed(r) for _, r in frame.iterrows()],
        "Forklaring": frame["inconsistency"].to_numpy(),
    }).set_index(ID)


def contradictions(bundle: SurveyBundle) -> pd.DataFrame:
    """Row grain: one contradiction in the report. Columns ``Type``, ``Sitat``, ``Forklaring``
    (its numbers read from the views and the ledger: :mod:`analysis.report.contradiction_text`)."""
    from analysis.report.contradiction_text import fill

    kinds = {"wording": "ordlyd", "arithmetic": "regning", "numbering": "nummerering"}
    return pd.DataFrame([
        {"Type": kinds.get(getattr(c.kind, "value", c.kind), str(c.kind)),
         "Sitat": fmt.quote(c.quote),
         "Forklaring": fill(bundle, c.explanation, f"contradictions.yaml: {c.id}")}
        for c in bundle.contradictions
    ])


def all_figures(bundle: SurveyBundle) -> Table:
    """Row grain: every published figure, with status and the recomputed value."""
    frame = audit(bundle)
    return Table(pd.DataFrame({
        ID: frame["id"].to_numpy(), "År": frame["year"].astype(str).to_numpy(),
        "Spm.": [_question(r) for _, r in frame.iterrows()],
        "Publisert": [_printed(r) for _, r in frame.iterrows()],
        "Data gir": [_recomputed(r) for _, r in frame.iterrows()],
        "Status": frame["status"].map(STATUS_NB).to_numpy(),
    }), left=[ID, "Status"])


def consistency_count(bundle: SurveyBundle, key: str, words: bool = False) -> str:
    """One count of the consistency half (``tested``, ``consistent``, ``inconsistent``,
    ``untested``; see :func:`analysis.audit.consistency_counts`), formatted (``words=True``:
    in running text, "seks" under 13)."""
    count = consistency_counts(audit(bundle))[key]
    return fmt.number_word(count) if words else fmt.num(count)


def consistency(bundle: SurveyBundle) -> Table:
    """The half of the self-check that needs no survey data, as a table.

    Row grain: one outcome of testing the published figures against each other. Columns
    ``Utfall``, ``Antall tall``.
    """
    counts = consistency_counts(audit(bundle))
    rows = [
        ("Kan prøves mot hverandre", counts["tested"]),
        ("Kan være riktige samtidig", counts["consistent"]),
        ("Kan ikke være riktige sammen med de andre (minste sett som må holdes utenfor)",
         counts["inconsistent"]),
        ("Kan ikke prøves slik (sammenhengstall, fritekstkategorier, år uten spørreskjema)",
         counts["untested"]),
    ]
    return Table(pd.DataFrame([{"Utfall": u, "Antall tall": fmt.num(n)} for u, n in rows]))


@as_text
def annex_file() -> str:
    """File name of the book's Excel annex (``<output-file>-tabellvedlegg.xlsx`` beside the
    PDF), from ``book: output-file:`` in ``_quarto.yml``.

    Raises
    ------
    ValueError
        If ``_quarto.yml`` sets no ``book: output-file`` (the annex is named after it).
    """
    from analysis.paths import ANNEX_SUFFIX, project_root
    from analysis.yaml_files import load_yaml

    path = project_root() / "_quarto.yml"
    config = load_yaml(path.read_text(encoding="utf-8")) or {}
    stem = (config.get("book") or {}).get("output-file")
    if not stem:
        raise ValueError(f"{path}: book.output-file is not set; the Excel annex is named "
                         "after it")
    return str(stem) + ANNEX_SUFFIX


@as_text
def reproduction_sentence(bundle: SurveyBundle) -> str:
    """What the comparison with the data in use shows, worded for the data actually in use.

    On reconstructed data the agreement is true by construction, so the sentence gives no
    counts and says it is no evidence; on a real export it gives the counts.
    """
    if bundle.any_reconstructed:
        return ("Dataene i denne utgaven er laget ut fra de samme publiserte tallene. At de "
                "gjenskaper tallene, følger derfor av hvordan de er laget, og sier ingenting om "
                "tallene er riktige. Denne delen blir en reell kontroll først når den ekte "
                "eksporten fra Microsoft Forms legges inn.")
    counts = status_counts(audit(bundle))
    return (f"Dataene i bruk er den ekte eksporten. Av tallene som kan beregnes fra svarene, "
            f"gjenskapes {fmt.num(counts[REPRODUCED])} eksakt, "
            f"{fmt.num(counts[WITHIN_ROUNDING])} innenfor avrundingen og "
            f"{fmt.num(counts[NOT_REPRODUCIBLE])} ikke.")
