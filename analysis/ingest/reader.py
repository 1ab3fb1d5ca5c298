"""Read a Microsoft Forms export (``.xlsx`` or ``.csv``) against a questionnaire.

The entry point is :func:`read_forms_export`. E-mail, name and quiz columns are dropped as
soon as the header is classified: their values never reach a frame, a warning or an error.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.ingest.cells import CellError, CellParser
from analysis.ingest.frames import (
    ParsedColumn,
    build_long,
    build_wide,
    long_schema,
    wide_schema,
)
from analysis.ingest.headers import (
    PERSONAL_ROLES,
    column_label,
    fixed_role,
    match_columns,
    normalise_header,
    normalise_value,
    question_keys,
)
from analysis.ingest.problems import DataProblem, ProblemLog
from analysis.ingest.table import RawTable, read_table
from analysis.ingest.times import parse_times
from analysis.questionnaire.schema import Questionnaire


@dataclass(frozen=True)
class SurveyExport:
    """One export, read and validated.

    Attributes
    ----------
    path
        The file read.
    questionnaire
        The questionnaire it was read against.
    respondents
        Number of responses (data rows).
    long
        One row per respondent x question x answer element; see
        :func:`analysis.ingest.frames.build_long`.
    wide
        One row per respondent (index ``respondent``); see
        :func:`analysis.ingest.frames.build_wide`.
    problems
        Warnings found while reading (unknown columns, unreadable times, routing breaches).
    """

    path: Path
    questionnaire: Questionnaire
    respondents: int
    long: pd.DataFrame
    wide: pd.DataFrame
    problems: list[DataProblem]


def read_forms_export(path: str | Path, questionnaire: Questionnaire, *,
                      sheet: str | None = None) -> SurveyExport:
    """Read and validate a Microsoft Forms export.

    Parameters
    ----------
    path
        An ``.xlsx`` workbook (first sheet unless ``sheet`` is given) or a ``.csv`` file
        (``;`` or ``,`` separated; UTF-8 or Windows-1252).
    questionnaire
        The wave's questionnaire; every question must have a column.
    sheet
        Worksheet name for workbooks.

    Returns
    -------
    SurveyExport

    Raises
    ------
    ExportError
        Listing every problem (file, sheet, row, column, value, what was allowed): unknown
        options, ratings off the scale, wrong numbers of choices, duplicate IDs, missing
        question columns, empty or unreadable files.

    Warns
    -----
    UserWarning
        Once per warning record in ``problems``.

    Examples
    --------
    >>> export = read_forms_export("svar.xlsx", load_questionnaire(2025))  # doctest: +SKIP
    >>> export.long.columns.tolist()  # doctest: +SKIP
    ['respondent', 'question', 'option', 'score', 'text']
    """
    path = Path(path)
    log = ProblemLog(path)
    table = read_table(path, log, sheet)
    roles, questions = _classify(table, questionnaire, log)
    columns = list(zip(*table.rows, strict=True))
    respondents = _respondent_ids(table, columns, roles.get("id"), log)
    parsed = [_parse_column(q, questions[q.id], table, columns, log)
              for q in questionnaire.questions if q.id in questions]
    submitted = _submitted(table, columns, roles, log)
    log.raise_errors()
    _check_routing(parsed, table, log)
    long = long_schema(questionnaire).validate(build_long(parsed, respondents))
    wide = wide_schema(questionnaire).validate(build_wide(parsed, respondents, submitted))
    return SurveyExport(path, questionnaire, len(table.rows), long, wide, log.emit_warnings())


def _classify(table: RawTable, questionnaire: Questionnaire, log: ProblemLog):
    """Split the header into fixed columns (role -> index) and question columns (id -> index)."""
    roles: dict[str, int] = {}
    rest: dict[int, str] = {}
    for index, header in enumerate(table.header):
        role = fixed_role(header)
        if role is None:
            rest[index] = header
        elif role not in PERSONAL_ROLES:
            roles.setdefault(role, index)
    if "id" not in roles:
        log.error("no response ID column", expected="a column titled 'ID' (or 'Id')")
    matched = match_columns(rest, question_keys(questionnaire))
    for index in matched.unknown:
        log.warn("column matches no question and is ignored",
                 column=column_label(index, table.header[index]))
    for index, qid in matched.duplicates:
        first = matched.questions[qid]
        log.error(f"second column for {qid}", column=column_label(index, table.header[index]),
                  expected=f"one column per question (first: "
                           f"{column_label(first, table.header[first])})")
    spare = {normalise_header(table.header[i]): i for i in matched.unknown}
    for q in questionnaire.questions:
        if q.id not in matched.questions:
            close = difflib.get_close_matches(normalise_header(q.text), list(spare), n=3,
                                              cutoff=0.3)
            found = ", ".join(column_label(spare[c], table.header[spare[c]]) for c in close)
            log.error(f"no column for {q.id} ({q.text!r})",
                      expected=f"a header matching the question text; closest headers found: "
                               f"{found or 'none'}")
    return roles, matched.questions


def _respondent_ids(table: RawTable, columns, index: int | None, log: ProblemLog) -> np.ndarray:
    if index is None:
        return np.arange(1, len(table.rows) + 1, dtype=np.int64)
    label = column_label(index, table.header[index])
    ids = np.zeros(len(table.rows), dtype=np.int64)
    seen: dict[int, int] = {}
    for pos, (value, row) in enumerate(zip(columns[index], table.row_numbers, strict=True)):
        number = _as_id(value)
        if number is None:
            log.error("response ID is not a whole number", row=row, column=label, value=value,
                      expected="a positive integer")
            continue
        if number in seen:
            log.error(f"duplicate response ID (also on row {seen[number]})", row=row,
                      column=label, value=number, expected="a unique ID per response")
        seen.setdefault(number, row)
        ids[pos] = number
    return ids


def _as_id(value) -> int | None:
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    return value if isinstance(value, int) and value > 0 else None


def _parse_column(question, index, table: RawTable, columns, log: ProblemLog) -> ParsedColumn:
    """Parse one question column: each distinct value once, then map codes to rows."""
    values = np.empty(len(table.rows), dtype=object)
    values[:] = columns[index]
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    parser = CellParser(question)
    answers, bad = [], {}
    for code, value in enumerate(uniques):
        try:
            answers.append(parser.parse(value))
        except CellError as problem:
            answers.append(None)
            bad[code] = (value, problem)
    if bad:
        label = column_label(index, table.header[index])
        for pos in np.flatnonzero(np.isin(codes, list(bad))):
            value, problem = bad[codes[pos]]
            log.error(f"{question.id}: {problem.message}", row=table.row_numbers[pos],
                      column=label, value=value, expected=problem.expected)
    return ParsedColumn(question, np.asarray(codes, dtype=np.int64), answers)


def _submitted(table: RawTable, columns, roles: dict[str, int], log: ProblemLog) -> pd.Series:
    index = roles.get("completion", roles.get("start"))
    if index is None:
        log.warn("no completion time column; 'submitted' is empty",
                 expected="'Completion time' or 'Fullføringstidspunkt'")
        return pd.Series(pd.NaT, index=range(len(table.rows)), dtype="datetime64[ns]")
    stamps, bad = parse_times(list(columns[index]))
    label = column_label(index, table.header[index])
    for pos in bad:
        log.warn("unreadable time; 'submitted' is NA", row=table.row_numbers[pos], column=label,
                 value=columns[index][pos], expected="an Excel date or text like 9/20/24 19:04:01")
    return stamps


def _check_routing(parsed: list[ParsedColumn], table: RawTable, log: ProblemLog) -> None:
    """Warn about answers to a question the routing should have skipped."""
    by_id = {c.question.id: c for c in parsed}
    for column in parsed:
        condition = column.question.condition
        if condition is None or condition.question not in by_id:
            continue
        source = by_id[condition.question]
        skip = {normalise_value(label) for label in condition.not_options}
        skipped = [normalise_value(o.label) in skip for o in source.question.options]
        flagged = np.array([a is not None and any(skipped[e[0]] for e in a if e[0] >= 0)
                            for a in source.answers] + [False])
        answered = np.array([a is not None for a in column.answers] + [False])
        hits = flagged[source.codes] & answered[column.codes]
        for pos in np.flatnonzero(hits):
            log.warn(f"{column.question.id} answered although routing skips it after "
                     f"{condition.question} = {', '.join(condition.not_options)}",
                     row=table.row_numbers[pos])
