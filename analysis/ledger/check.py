"""Checks of the ledger against its sources and the questionnaires; each returns problems."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from analysis.ledger.figure import Ledger
from analysis.ledger.schema import Basis
from analysis.questionnaire import Questionnaire, QuestionType


def normalise_whitespace(text: str) -> str:
    """Collapse every whitespace run to one space (PDF extraction breaks lines anywhere)."""
    return re.sub(r"\s+", " ", text).strip()


def quote_problems(ledger: Ledger, documents: Mapping[str, Path]) -> list[str]:
    """Return one message per figure whose ``quote`` is not in its source document.

    Parameters
    ----------
    ledger
        From :func:`analysis.ledger.load_ledger`.
    documents
        ``{source id: path of the source text}``.

    Returns
    -------
    list of str
        Empty when every quote occurs verbatim after whitespace normalisation.
    """
    texts = {
        sid: normalise_whitespace(Path(p).read_text(encoding="utf-8"))
        for sid, p in documents.items()
    }
    problems = []
    for row in ledger:
        source = row.source or ""  # every loaded figure has one
        text = texts.get(source)
        if text is None:
            problems.append(f"{row.id}: no document for source {row.source!r}")
        elif row.quote is None or normalise_whitespace(row.quote) not in text:
            problems.append(f"{row.id}: quote not in {documents[source]}: {row.quote!r}")
    return problems


def option_problems(
    ledger: Ledger, questionnaires: Mapping[int, Questionnaire]
) -> list[str]:
    """Return one message per figure whose question or option is not in that year's form.

    Figures without a question, with ``basis: category`` (coded free text), or for a year
    without a questionnaire are skipped. Rating figures must name scores on the scale;
    choice figures must name option labels exactly.

    Parameters
    ----------
    ledger
        From :func:`analysis.ledger.load_ledger`.
    questionnaires
        ``{year: Questionnaire}``.

    Returns
    -------
    list of str
        Empty when every option resolves.
    """
    problems = []
    for row in ledger:
        form = questionnaires.get(row.year) if row.year is not None else None
        qid = row.qid
        if qid is None or row.basis is Basis.CATEGORY or form is None:
            continue
        try:
            question = form.question(qid)
        except KeyError:
            problems.append(f"{row.id}: {row.year} questionnaire has no {qid}")
            continue
        for opt in row.option:
            if question.type is QuestionType.RATING:
                ok = isinstance(opt, int) and opt in question.rating_scale.points
            else:
                ok = isinstance(opt, str) and opt in {o.label for o in question.options}
            if not ok:
                problems.append(f"{row.id}: {qid} ({row.year}) has no option {opt!r}")
    return problems
