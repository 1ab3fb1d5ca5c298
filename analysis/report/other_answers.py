"""What respondents typed under "Annet" in a choice question, ready to quote in prose.

Examples
--------
>>> from analysis import report
>>> from analysis.report import other_answers
>>> other_answers.quoted(report.load(), "q18")  # doctest: +SKIP
'«Gjennom NorTrials»'
"""

from __future__ import annotations

from analysis import fmt


def texts(bundle, qid: str, year: int | None = None) -> list[str]:
    """Distinct non-empty texts typed under an "other" option, in order of appearance.

    Parameters
    ----------
    bundle
        The survey bundle (:func:`analysis.report.load`).
    qid
        Question id, e.g. ``"q18"``.
    year
        Wave; None for the current one.
    """
    wave = bundle.current if year is None else bundle.waves[year]
    long = wave.long
    rows = long[(long["question"] == qid) & long["text"].notna()]
    cleaned = (str(t).strip() for t in rows["text"])
    return list(dict.fromkeys(t for t in cleaned if t))


def quoted(bundle, qid: str, year: int | None = None) -> str:
    """The texts in Norwegian quotation marks joined as prose (``«a», «b» og «c»``);
    an empty string when nobody typed anything."""
    return fmt.join([f"«{t}»" for t in texts(bundle, qid, year)])
