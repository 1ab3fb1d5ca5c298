"""Build the ``long`` and ``wide`` answer frames from parsed columns, and their schemas.

Each question column arrives as *codes* (one per response, -1 when blank) into a list of
distinct parsed answers, so the frames are assembled with array indexing, not per cell.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pandera.pandas as pa

from analysis.ingest.cells import Element
from analysis.questionnaire.schema import Question, Questionnaire, QuestionType


@dataclass(frozen=True)
class ParsedColumn:
    """One question column, parsed.

    Attributes
    ----------
    question
        The questionnaire item.
    codes
        Per response (export row order), an index into ``answers``; -1 for a blank cell.
    answers
        Distinct parsed answers: a tuple of elements, or ``None`` for a blank value.
    """

    question: Question
    codes: np.ndarray
    answers: list[tuple[Element, ...] | None]


def long_schema(questionnaire: Questionnaire) -> pa.DataFrameSchema:
    """Schema of ``long``: one row per respondent x question x answer element."""
    return pa.DataFrameSchema(
        {
            "respondent": pa.Column("int64"),
            "question": pa.Column("str", pa.Check.isin(questionnaire.ids)),
            "option": pa.Column("str", nullable=True),
            "score": pa.Column("Int64", nullable=True),
            "text": pa.Column("str", nullable=True),
        },
        strict=True, ordered=True,
    )


def wide_schema(questionnaire: Questionnaire) -> pa.DataFrameSchema:
    """Schema of ``wide``: one row per respondent, one column per question."""
    dtypes = {QuestionType.SINGLE: "str", QuestionType.MULTIPLE: object,
              QuestionType.RATING: "Int64", QuestionType.TEXT: "str"}
    columns: dict[str, pa.Column] = {}
    for q in questionnaire.questions:
        columns[q.id] = pa.Column(dtypes[q.type], nullable=True)
        if q.other_option is not None:
            columns[f"{q.id}_other"] = pa.Column("str", nullable=True)
    columns["submitted"] = pa.Column("datetime64[ns]", nullable=True)
    return pa.DataFrameSchema(columns, index=pa.Index("int64", name="respondent", unique=True),
                              strict=True, ordered=True)


def _flatten(column: ParsedColumn, n_rows: int):
    """Return (row position, element) arrays for every answer element of one column."""
    answers = column.answers
    sizes = np.array([0 if a is None else len(a) for a in answers] + [0], dtype=np.int64)
    starts = np.concatenate([[0], np.cumsum(sizes)])
    elements = [e for a in answers if a is not None for e in a]
    codes = np.where(column.codes < 0, len(answers), column.codes)
    per_row = sizes[codes]
    rows = np.repeat(np.arange(n_rows), per_row)
    first = np.repeat(np.cumsum(per_row) - per_row, per_row)
    flat = np.repeat(starts[codes], per_row) + (np.arange(len(rows)) - first)
    return rows, flat, elements


def build_long(columns: list[ParsedColumn], respondents: np.ndarray) -> pd.DataFrame:
    """Assemble ``long``.

    Parameters
    ----------
    columns
        Parsed question columns, in questionnaire order.
    respondents
        Response IDs (int64), in export row order.

    Returns
    -------
    pandas.DataFrame
        One row per respondent x question x answer element; unanswered questions have no row.
        Columns ``respondent`` (int64), ``question`` (str), ``option`` (str or NA, canonical
        label), ``score`` (Int64 or NA), ``text`` (str or NA: free text, or the typed "other"
        text beside the other label). Sorted by respondent, questionnaire order, option order.
    """
    # Every answer element of every column gets a global number; the frame's columns are then
    # taken from small per-element tables by that number, in the final order.
    rows_of: list[np.ndarray] = []
    elements_of: list[np.ndarray] = []
    parts: dict[str, list[np.ndarray]] = {"question": [], "option": [], "score": [], "text": []}
    count = 0
    for column in columns:
        rows, flat, elements = _flatten(column, len(respondents))
        rows_of.append(rows)
        elements_of.append(flat + count)
        count += len(elements)
        if not elements:
            continue
        index, scores, texts = zip(*elements, strict=True)
        labels = np.array([o.label for o in column.question.options] + [None], dtype=object)
        parts["question"].append(np.full(len(elements), column.question.id, dtype=object))
        parts["option"].append(labels[np.array(index, dtype=np.int64)])  # -1: the None
        parts["score"].append(np.array([np.nan if v is None else v for v in scores], float))
        parts["text"].append(np.array(texts, dtype=object))
    table = {k: np.concatenate(v) if v else np.array([], dtype=object) for k, v in parts.items()}
    rows = np.concatenate(rows_of) if rows_of else np.array([], dtype=np.int64)
    element = np.concatenate(elements_of) if elements_of else np.array([], dtype=np.int64)
    # Parts are in questionnaire order, each in row order with a row's elements in option
    # order, and IDs are unique: a stable sort by respondent alone gives the full order.
    ids = respondents[rows]
    order = np.argsort(ids, kind="stable")
    element = element[order]
    score = np.array(table["score"], dtype=np.float64)[element]
    return pd.DataFrame({
        "respondent": ids[order].astype(np.int64),
        "question": _strings(table["question"], element),
        "option": _strings(table["option"], element),
        "score": pd.arrays.IntegerArray(np.nan_to_num(score).astype(np.int64), np.isnan(score)),
        "text": _strings(table["text"], element),
    }, copy=False)


def _strings(values: np.ndarray, element: np.ndarray):
    """A ``str`` array taking ``values`` by element number (each value converted once)."""
    return pd.array(values, dtype="str").take(element)


def _wide_values(column: ParsedColumn):
    """Per distinct answer: the wide value and the typed other text."""
    q = column.question
    values: list[object] = []
    others: list[str | None] = []
    for answer in column.answers:
        if answer is None:
            values.append(None)
            others.append(None)
            continue
        if q.type is QuestionType.MULTIPLE:
            values.append(tuple(q.options[e[0]].label for e in answer))
        elif q.type is QuestionType.SINGLE:
            values.append(q.options[answer[0][0]].label)
        elif q.type is QuestionType.RATING:
            values.append(answer[0][1])
        else:
            values.append(answer[0][2])
        others.append(next((e[2] for e in answer if e[2] is not None and e[0] >= 0), None))
    return values + [None], others + [None]


def build_wide(columns: list[ParsedColumn], respondents: np.ndarray,
               submitted: pd.Series) -> pd.DataFrame:
    """Assemble ``wide``.

    Returns
    -------
    pandas.DataFrame
        Index ``respondent`` (the export's ID), sorted. One column per question id: single ->
        str label, multiple -> tuple of labels in option order, rating -> Int64, text -> str;
        NA when not answered. ``<qid>_other`` (str) holds the typed "other" text of questions
        with an other option; ``submitted`` (datetime64) is the completion time.
    """
    data: dict[str, object] = {}
    for column in columns:
        q = column.question
        values, others = _wide_values(column)
        codes = np.where(column.codes < 0, len(column.answers), column.codes)
        picked = np.array(values, dtype=object)[codes]
        if q.type is QuestionType.RATING:
            data[q.id] = pd.array(picked, dtype="Int64")
        elif q.type is QuestionType.MULTIPLE:
            data[q.id] = picked
        else:
            data[q.id] = pd.Series(picked, dtype="str").array
        if q.other_option is not None:
            data[f"{q.id}_other"] = pd.Series(np.array(others, dtype=object)[codes],
                                              dtype="str").array
    data["submitted"] = submitted.to_numpy()
    index = pd.Index(respondents.astype(np.int64), name="respondent")
    return pd.DataFrame(data, index=index).sort_index()
