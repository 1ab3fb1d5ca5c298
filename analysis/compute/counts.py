"""Counts and shares of one question in one wave.

Every function takes ``long``, the reader's answers frame: one row per respondent x question x
answer element, with columns ``respondent`` (int), ``question`` (``"q01"``..), ``option``
(canonical option label or NA), ``score`` (Int64 or NA) and ``text`` (str or NA). An
unanswered question has no row, so "who answered" is "who has a row".
"""

from __future__ import annotations

import pandas as pd

from analysis.compute.intervals import wilson
from analysis.questionnaire.schema import Question, QuestionType

CHOICE_TYPES = (QuestionType.SINGLE, QuestionType.MULTIPLE)


def respondents_answering(long: pd.DataFrame, qid: str) -> int:
    """Number of distinct respondents with at least one answer row for question ``qid``.

    Examples
    --------
    >>> long = pd.DataFrame({"respondent": [1, 1, 2], "question": ["q01", "q02", "q01"]})
    >>> respondents_answering(long, "q01")
    2
    """
    return int(long.loc[long["question"] == qid, "respondent"].nunique())


def chosen_options(long: pd.DataFrame, question: Question) -> pd.DataFrame:
    """Distinct (respondent, option) pairs of a choice question.

    Returns
    -------
    pandas.DataFrame
        Row grain: one option chosen by one respondent. Columns ``respondent``, ``option``.

    Raises
    ------
    ValueError
        If the question is not a choice question, or the data hold an option label the
        questionnaire does not list (the reader should have mapped it).
    """
    if question.type not in CHOICE_TYPES:
        raise ValueError(f"{question.id} is a {question.type.value} question, not a choice")
    rows = long.loc[(long["question"] == question.id) & long["option"].notna()]
    pairs = rows[["respondent", "option"]].drop_duplicates().reset_index(drop=True)
    unknown = sorted(set(pairs["option"]) - {o.label for o in question.options})
    if unknown:
        raise ValueError(f"{question.id}: option labels not in the questionnaire: {unknown}")
    return pairs


def choice_counts(long: pd.DataFrame, question: Question) -> pd.DataFrame:
    """Respondents choosing each option of a single- or multiple-choice question.

    Parameters
    ----------
    long : pandas.DataFrame
        Answers of one wave (see module docstring).
    question : Question
        The question, of type single or multiple.

    Returns
    -------
    pandas.DataFrame
        Row grain: one option of the question, in questionnaire order, including options
        nobody chose. Columns: ``option`` (label), ``label`` (display label), ``count``,
        ``n`` (respondents who chose at least one option), ``share`` (``count / n``; for
        multiple choice a share of *respondents*, so shares may sum to more than 1; NaN when
        ``n == 0``), ``ci_low``, ``ci_high`` (95 % Wilson interval of the share).

    Raises
    ------
    ValueError
        See :func:`chosen_options`.

    Examples
    --------
    >>> from analysis.questionnaire.schema import Option
    >>> q = Question(id="q01", number=1, text="?", type="single",
    ...              options=[Option(label="Ja"), Option(label="Nei")])
    >>> long = pd.DataFrame({"respondent": [1, 2, 3], "question": "q01",
    ...                      "option": ["Ja", "Ja", "Nei"]})
    >>> choice_counts(long, q)["count"].tolist()
    [2, 1]
    """
    pairs = chosen_options(long, question)
    n = int(pairs["respondent"].nunique())
    tally = pairs["option"].value_counts()
    labels = [o.label for o in question.options]
    counts = [int(tally.get(label, 0)) for label in labels]
    intervals = [wilson(k, n) for k in counts]
    return pd.DataFrame(
        {
            "option": labels,
            "label": [o.display for o in question.options],
            "count": pd.array(counts, dtype="int64"),
            "n": n,
            "share": [k / n if n else float("nan") for k in counts],
            "ci_low": [lo for lo, _ in intervals],
            "ci_high": [hi for _, hi in intervals],
        }
    )
