"""The audit: every published figure, recomputed from the data in use, with a status.

Row grain of the result: one ledger figure. The solver's analysis of the *published figures
alone* (which sets of figures cannot all be true; stored by ``python -m analysis reconstruct``,
see :mod:`analysis.ledger.consistency`) is joined in, so an auditor sees both whether
the data reproduce a figure and, when not, whether any data could have.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis.audit.classify import NOT_DERIVABLE, STATUSES, classify
from analysis.audit.recompute import recompute
from analysis.ledger.consistency import ConsistencyError, LedgerConsistency, consistency_path

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

COLUMNS = [
    "id",
    "source",
    "year",
    "question",
    "option",
    "kind",
    "printed",
    "decimals",
    "qualifier",
    "recomputed",
    "basis",
    "status",
    "explanation",
    "inconsistent",
    "inconsistency",
    "contradictions",
    "section",
    "quote",
]


def audit_figures(bundle: SurveyBundle) -> pd.DataFrame:
    """Recompute and classify every figure of the bundle's ledger.

    Parameters
    ----------
    bundle
        A :class:`analysis.bundle.SurveyBundle`; its ``consistency`` (the solver's record that
        ``python -m analysis reconstruct`` stores, :mod:`analysis.ledger.consistency`) gives
        the consistency half.

    Returns
    -------
    pandas.DataFrame
        One row per ledger figure, columns :data:`COLUMNS`. ``status`` is ``reproduced``,
        ``within-rounding``, ``not-reproducible`` or ``not-derivable``; ``explanation`` holds the
        arithmetic; ``inconsistent`` is True when the published figures of that question cannot
        all hold at once and this figure is in the smallest set whose removal resolves it, with
        the solver's arithmetic in ``inconsistency``; ``contradictions`` names the entries of
        ``data/published/contradictions.yaml`` (the report contradicting itself) that involve it.

    Raises
    ------
    analysis.ledger.consistency.ConsistencyError
        When a wave in use has figures about its answers but the stored record does not cover
        that wave (run ``python -m analysis reconstruct``).
    """
    stored = _consistency_for(bundle)
    dropped = {fid: text for fid, text in stored.inconsistency.items()
               if fid in _solvable_ids(bundle)}
    contradicted: dict[str, list[str]] = {}
    for c in bundle.contradictions:
        for fid in c.figures:
            contradicted.setdefault(fid, []).append(c.id)
    records = []
    for fig in bundle.ledger:
        wave = bundle.waves.get(fig.year) if fig.year is not None else None
        if wave is None:
            status, basis, value, text = (
                NOT_DERIVABLE, None, None, f"ingen svardata for {fig.year} i bruk")
        else:
            rec = recompute(fig, wave.questionnaire, wave.long, wave.respondents)
            hint = stored.basis.get(fig.id)
            status, basis, value, text = classify(
                fig.value, fig.decimals, fig.kind, rec, hint, fig.qualifier)
        records.append(
            {
                "id": fig.id,
                "source": fig.source,
                "year": fig.year,
                "question": fig.question,
                "option": fig.option,
                "kind": fig.kind.value,
                "printed": fig.value,
                "decimals": fig.decimals,
                "qualifier": None if fig.qualifier is None else fig.qualifier.value,
                "recomputed": value,
                "basis": basis,
                "status": status,
                "explanation": text,
                "inconsistent": fig.id in dropped,
                "inconsistency": dropped.get(fig.id),
                "contradictions": tuple(contradicted.get(fig.id, ())),
                "section": fig.section,
                "quote": fig.quote,
            }
        )
    return pd.DataFrame.from_records(records, columns=COLUMNS)


def _solvable_ids(bundle: SurveyBundle) -> set[str]:
    """Ids of the figures the solver takes: about answers, of a wave in use."""
    return {f.id for f in bundle.ledger if f.question is not None and f.year in bundle.waves}


def _consistency_for(bundle: SurveyBundle) -> LedgerConsistency:
    """The bundle's stored record, checked to cover every wave in use that has figures."""
    stored = bundle.consistency
    years = {f.year for f in bundle.ledger
             if f.question is not None and f.year is not None and f.year in bundle.waves}
    missing = sorted(years - set(stored.years if stored is not None else ()))
    if missing:
        where = consistency_path(bundle.root)
        raise ConsistencyError(f"{where}: no record of whether the published figures of "
                               f"{', '.join(map(str, missing))} can all hold; run "
                               "`python -m analysis reconstruct` (with the wave listed in "
                               "data/reconstruction.yaml)")
    return stored or LedgerConsistency((), {}, {})


def status_counts(audit: pd.DataFrame) -> dict[str, int]:
    """Number of figures per status, in a fixed order."""
    counts = audit["status"].value_counts()
    return {s: int(counts.get(s, 0)) for s in STATUSES}


def consistency_counts(audit: pd.DataFrame) -> dict[str, int]:
    """The half of the audit that needs no survey data: can the published figures all hold?

    A figure is *tested* when it is a function of the answers of a wave whose questionnaire is
    at hand (the solver takes it as a constraint); it is *inconsistent* when it is in the
    smallest set of figures that must be left out for the rest to hold together, and
    *consistent* otherwise. *Untested* figures (context, coded free text, waves without a
    questionnaire) are neither. Proven from the ledger and the questionnaires alone, so it
    means the same on reconstructed data as on a real export.

    Examples
    --------
    >>> frame = pd.DataFrame({"status": ["reproduced", "not-reproducible", "not-derivable"],
    ...                       "inconsistent": [False, True, False]})
    >>> consistency_counts(frame)
    {'tested': 2, 'consistent': 1, 'inconsistent': 1, 'untested': 1}
    """
    tested = audit["status"] != NOT_DERIVABLE
    inconsistent = int((tested & audit["inconsistent"]).sum())
    return {"tested": int(tested.sum()), "consistent": int(tested.sum()) - inconsistent,
            "inconsistent": inconsistent, "untested": int((~tested).sum())}

