"""Nettskjema (UiO) exports: recognise them and read their checkbox columns.

Nettskjema's CSV and Excel reports share one header: ``$submission_id``, ``$created``, the
question columns, ``$answer_time_ms``. A question column is headed by its codebook variable
name (or by the question text when the form's codebook is off); a single-choice cell holds the
option's *code*; a checkbox question has one column per option, ``<variable>.<code>``, holding
``1`` (ticked) or ``0``. The questionnaire gives the variable name in ``headers`` and each
option's ``code``; see ``docs/export-format.md``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from analysis.ingest.cells import CellError, CellParser, Element, is_blank
from analysis.ingest.frames import ParsedColumn
from analysis.ingest.headers import column_label, normalise_header, normalise_value
from analysis.ingest.problems import ProblemLog
from analysis.questionnaire.schema import Question, QuestionType

#: Nettskjema's metadata columns (added by its backend, ``$``-prefixed) -> role.
METADATA = {"$submission_id": "id", "$created": "completion", "$answer_time_ms": "duration"}
_TICKED = {"1", "1.0", "true"}
_UNTICKED = {"0", "0.0", "false"}


def is_metadata(header: str) -> bool:
    """Whether a header is one of Nettskjema's ``$`` metadata columns."""
    return str(header).strip().lower() in METADATA


def is_nettskjema(header: list[str]) -> bool:
    """Whether a header row is a Nettskjema export's (it has a ``$`` metadata column).

    Examples
    --------
    >>> is_nettskjema(["$submission_id", "$created", "rolle", "$answer_time_ms"])
    True
    >>> is_nettskjema(["ID", "Start time", "Completion time"])
    False
    """
    return any(is_metadata(h) for h in header)


def metadata_roles(header: list[str]) -> dict[int, str]:
    """Column index -> role for every ``$`` column (unknown ``$`` columns get ``"metadata"``)."""
    return {i: METADATA.get(h.strip().lower(), "metadata") for i, h in enumerate(header)
            if h.strip().startswith("$")}


def checkbox_groups(headers: dict[int, str], questions: list[Question]
                    ) -> tuple[dict[str, dict[int, int]], list[int]]:
    """Group ``<variable>.<code>`` columns into multiple-choice questions.

    Parameters
    ----------
    headers
        Column index -> header, for the columns no question claimed by its whole header.
    questions
        The questionnaire's multiple-choice questions.

    Returns
    -------
    tuple
        Question id -> {option index -> column index}, and the columns left unmatched. The part
        after the last ``.`` matches an option's ``code`` or (normalised) label.
    """
    by_title: dict[str, Question] = {}
    for q in questions:
        for title in [q.text, *q.headers] + ([f"{q.intro} {q.text}"] if q.intro else []):
            by_title.setdefault(normalise_header(title), q)
    groups: dict[str, dict[int, int]] = {}
    rest = []
    for index, header in headers.items():
        stem, _, suffix = header.strip().rpartition(".")
        question = by_title.get(normalise_header(stem)) if stem else None
        option = _option_index(question, suffix) if question is not None else None
        if question is None or option is None or option in groups.get(question.id, {}):
            rest.append(index)
        else:
            groups.setdefault(question.id, {})[option] = index
    return groups, rest


def _option_index(question: Question, suffix: str) -> int | None:
    suffix = suffix.strip()
    for i, option in enumerate(question.options):
        if option.code == suffix or normalise_value(option.label) == normalise_value(suffix):
            return i
    return None


def parse_checkboxes(question: Question, group: dict[int, int], table, log: ProblemLog
                     ) -> ParsedColumn:
    """Combine a question's checkbox columns into one parsed multiple-choice column.

    A row with no ticked box (all ``0`` or empty) did not answer the question. Values other
    than ``1``/``0``/empty (or the option's own code, as older exports write) are errors, and
    so is a number of ticks outside ``min_choices``/``max_choices``.
    """
    if question.type is not QuestionType.MULTIPLE:
        raise ValueError(f"{question.id} is not a multiple-choice question")
    ticks = np.zeros((table.n_rows, len(question.options)), dtype=bool)
    for position, index in group.items():
        ticks[:, position] = _ticked(question, position, index, table, log)
    for i, option in enumerate(question.options):
        if i not in group:
            log.warn(f"{question.id}: no checkbox column for option {option.label!r}"
                     + (f" (code {option.code})" if option.code else "") + "; never counted",
                     kind="missing_option_column",
                     expected="one column '<variable>.<code>' per option")
    weights = 1 << np.arange(len(question.options), dtype=object)
    masks = (ticks.astype(object) * weights).sum(axis=1)
    codes, uniques = pd.factorize(np.asarray(masks, dtype=object))
    parser = CellParser(question)
    answers: list[tuple[Element, ...] | None] = []
    first, last = min(group.values(), default=0), max(group.values(), default=0)
    label = f"{column_label(first, table.header[first])} to " \
            f"{column_label(last, table.header[last])}" if group else None
    for code, mask in enumerate(uniques):
        chosen = [i for i in range(len(question.options)) if int(mask) >> i & 1]
        answers.append(tuple((i, None, None) for i in chosen) or None)
        try:
            if chosen:
                parser.check_count(len(chosen))
        except CellError as problem:
            answers[-1] = None
            for pos in np.flatnonzero(codes == code):
                log.error(f"{question.id}: {problem.message}", kind=problem.kind, column=label,
                          row=int(table.row_numbers[pos]), expected=problem.expected,
                          value=";".join(question.options[i].label for i in chosen))
    return ParsedColumn(question, np.asarray(codes, dtype=np.int64), answers)


def _ticked(question: Question, option: int, index: int, table, log: ProblemLog) -> np.ndarray:
    own = {question.options[option].code, question.options[option].label}
    codes, uniques = pd.factorize(table.column(index), use_na_sentinel=True)
    flags = np.zeros(len(uniques) + 1, dtype=bool)
    label = column_label(index, table.header[index])
    for code, value in enumerate(uniques):
        text = str(value).strip().lower()
        if is_blank(value) or text in _UNTICKED:
            continue
        if text in _TICKED or str(value).strip() in own:
            flags[code] = True
            continue
        for pos in np.flatnonzero(codes == code):
            log.error(f"{question.id}: checkbox value is not 1 or 0", kind="invalid_answer",
                      row=int(table.row_numbers[pos]), column=label, value=value,
                      expected="1 (ticked), 0 (not ticked) or empty")
    return flags[codes]
