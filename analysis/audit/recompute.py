"""Recompute one published figure from the answers in use, under each plausible denominator.

A printed percentage rarely says what it is a percentage *of*. The report mixes three bases:
the respondents who answered the question (``n``), every respondent of the wave
(``respondents``), and, for multiple choice, all ticks given (``answers``). Each is tried.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import pandas as pd

from analysis.ledger import Basis, Figure, FigureKind
from analysis.questionnaire import Questionnaire, QuestionType


@dataclass(frozen=True)
class Recomputed:
    """What the data give for one figure.

    ``values`` maps a basis name (or ``"value"`` for counts, means, medians and n) to the
    recomputed number on the printed scale (percent 0-100); ``parts`` holds the numerator and
    denominators used, for the arithmetic shown to auditors. ``derivable`` is False when the
    figure is not a function of the survey answers (e.g. a coded free-text category).
    """

    values: dict[str, float] = field(default_factory=dict)
    parts: dict[str, float] = field(default_factory=dict)
    derivable: bool = True
    reason: str | None = None


def recompute(
    figure: Figure, questionnaire: Questionnaire, long: pd.DataFrame, respondents: int
) -> Recomputed:
    """Recompute a published figure from one wave's answers.

    Parameters
    ----------
    figure
        A figure of :func:`analysis.ledger.load_ledger`.
    questionnaire, long, respondents
        The wave's questionnaire, its long answer frame (one row per respondent x question x
        answer element) and its number of responses.

    Returns
    -------
    Recomputed
    """
    kind, basis = figure.kind, figure.basis
    if basis is Basis.CATEGORY:
        return Recomputed(derivable=False, reason="en kategori sekretariatet sorterte "
                                                  "fritekstsvar i, ikke et svaralternativ")
    if basis in _FROM_QUESTIONNAIRE:
        value = _FROM_QUESTIONNAIRE[basis](questionnaire, figure)
        if value is not None:
            return Recomputed({"value": float(value)}, {"questionnaire": value})
    if basis is Basis.CHANGE:
        return Recomputed(derivable=False, reason="en endring mellom år: se motsigelsene")
    if figure.question is None:
        if kind is FigureKind.N and basis is Basis.RESPONDENTS:
            return Recomputed({"value": float(respondents)}, {"respondents": respondents})
        return Recomputed(derivable=False,
                          reason="sammenhengstall (mottakere, grupper), ikke et svar")
    qid = figure.qid
    assert qid is not None  # figure.question was checked above
    try:
        question = questionnaire.question(qid)
    except KeyError:
        return Recomputed(
            derivable=False, reason=f"spørreskjemaet for {questionnaire.year} har ikke {qid}"
        )
    rows = long[long["question"] == qid]
    answering = int(rows["respondent"].nunique())
    if kind is FigureKind.N:
        return Recomputed({"value": float(answering)}, {"n": answering})
    if basis is Basis.SEVERAL_OPTIONS:
        several = int((rows.groupby("respondent")["option"].nunique() > 1).sum())
        return Recomputed(
            {"n": 100.0 * several / answering if answering else math.nan},
            {"count": several, "n": answering},
        )
    if question.type is QuestionType.TEXT:
        return Recomputed(derivable=False, reason="fritekst: bare antallet som svarte, er data")
    if question.type is QuestionType.RATING:
        column = rows["score"].astype("Int64")
    else:
        column = rows["option"]
    if kind in (FigureKind.MEAN, FigureKind.MEDIAN):
        scores = rows["score"].astype(float)
        value = scores.mean() if kind is FigureKind.MEAN else scores.median()
        return Recomputed(
            {"value": float(value)}, {"sum": float(scores.sum()), "n": answering}
        )
    wanted = set(figure.option)
    if not wanted:
        return Recomputed(derivable=False, reason="tallet nevner ikke noe svaralternativ å telle")
    count = int(column.isin(wanted).sum())
    if kind is FigureKind.COUNT:
        return Recomputed({"value": float(count)}, {"count": count})
    total_answers = int(column.notna().sum())
    denominators = {"n": answering, "respondents": respondents, "answers": total_answers}
    stated = basis.denominator if basis is not None else None
    if stated in denominators:  # the report says what the share is of: try only that
        denominators = {stated: denominators[stated]}
    values = {b: 100.0 * count / d for b, d in denominators.items() if d}
    return Recomputed(values, {"count": count, **denominators})


def _question_options(questionnaire: Questionnaire, figure: Figure) -> int | None:
    qid = figure.qid
    if qid is None:
        return None
    try:
        return len(questionnaire.question(qid).options)
    except KeyError:
        return None


#: Figures about the questionnaire itself, recomputed from the questionnaire file.
_FROM_QUESTIONNAIRE = {
    Basis.QUESTIONS: lambda q, _f: len(q.questions),
    Basis.NEW_QUESTIONS: lambda q, _f: sum(x.new for x in q.questions),
    Basis.OPTIONS: _question_options,
}
