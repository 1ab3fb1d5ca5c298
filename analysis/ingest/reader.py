"""Read a survey export (Microsoft Forms or Nettskjema, ``.xlsx`` or ``.csv``) against a
questionnaire.

The entry point is :func:`read_export`; it recognises the export's source from its header.
E-mail, name and quiz columns are dropped as soon as the header is classified: their values
never reach a frame, a warning or an error.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from analysis.ingest.answer_text import normalise_answer
from analysis.ingest.cells import CellError, CellParser
from analysis.ingest.columns import plan_columns
from analysis.ingest.frames import (
    ParsedColumn,
    build_long,
    build_wide,
    long_schema,
    wide_schema,
)
from analysis.ingest.headers import column_label
from analysis.ingest.nettskjema import parse_checkboxes
from analysis.ingest.period import check_field_period
from analysis.ingest.problems import DataProblem, ProblemLog
from analysis.ingest.responses import (
    answered_rows,
    check_routing,
    report_notes,
    respondent_ids,
    submission_times,
)
from analysis.ingest.table import RawTable, read_table
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
        Number of respondents: responses with at least one answer (empty responses are
        reported as ``empty_response`` problems and left out of both frames).
    long
        One row per respondent x question x answer element; see
        :func:`analysis.ingest.frames.build_long`.
    wide
        One row per respondent (index ``respondent``); see
        :func:`analysis.ingest.frames.build_wide`.
    problems
        Warnings found while reading, each with a ``kind`` (see
        :data:`analysis.ingest.problems.KINDS`).
    source
        ``"forms"`` (Microsoft Forms) or ``"nettskjema"``.
    """

    path: Path
    questionnaire: Questionnaire
    respondents: int
    long: pd.DataFrame
    wide: pd.DataFrame
    problems: list[DataProblem]
    source: str = "forms"


def read_export(path: str | Path, questionnaire: Questionnaire, *,
                sheet: str | None = None,
                period: tuple[dt.date, dt.date] | None = None) -> SurveyExport:
    """Read and validate a Microsoft Forms or Nettskjema export.

    Parameters
    ----------
    path
        An ``.xlsx`` workbook (first worksheet unless ``sheet`` is given) or a ``.csv`` file
        (``;``, ``,`` or tab separated; UTF-8, Windows-1252 or UTF-16).
    questionnaire
        The wave's questionnaire; every question must have a column.
    sheet
        Worksheet name for workbooks.
    period
        The wave's field period (first and last day open, ``data/survey-waves.yaml``): each
        response started or completed outside it is a warning, and most outside it an error
        (:mod:`analysis.ingest.period`). None: not checked.

    Returns
    -------
    SurveyExport

    Raises
    ------
    ExportError
        Listing every problem (file, sheet, row, column, value, what was allowed): unknown
        options, ratings off the scale, wrong numbers of choices, bad or duplicate IDs,
        missing or duplicate columns, files that are empty, damaged, too large or not a
        spreadsheet at all, and an export whose times lie mostly outside ``period``.

    Warns
    -----
    UserWarning
        Once per warning record in ``problems`` for the first 20, then once for the rest.

    Examples
    --------
    >>> export = read_export("svar.xlsx", load_questionnaire(2025))  # doctest: +SKIP
    >>> export.long.columns.tolist()  # doctest: +SKIP
    ['respondent', 'question', 'option', 'score', 'text']
    """
    path = Path(path)
    log = ProblemLog(path)
    table = read_table(path, log, sheet)
    plan = plan_columns(table, questionnaire, log)
    respondents = respondent_ids(table, plan.roles.get("id"), log)
    codes = plan.source == "nettskjema"
    parsed = []
    for q in questionnaire.questions:
        if q.id in plan.questions:
            parsed.append(_parse_column(q, plan.questions[q.id], table, log, codes))
        elif q.id in plan.checkboxes:
            parsed.append(parse_checkboxes(q, plan.checkboxes[q.id], table, log))
    submitted = submission_times(table, plan.roles, log)
    log.raise_errors()
    report_notes(table, plan, log)
    check_routing(parsed, table, log)
    keep = answered_rows(parsed, table.n_rows, table, log)
    if period is not None:
        check_field_period(table, plan.roles, keep, period, log)
    if not keep.all():
        parsed = [replace(c, codes=c.codes[keep]) for c in parsed]
        respondents, submitted = respondents[keep], submitted[keep].reset_index(drop=True)
    long = long_schema(questionnaire).validate(build_long(parsed, respondents))
    wide = wide_schema(questionnaire).validate(build_wide(parsed, respondents, submitted))
    return SurveyExport(path, questionnaire, int(keep.sum()), long, wide, log.emit_warnings(),
                        plan.source)


def read_forms_export(path: str | Path, questionnaire: Questionnaire, *,
                      sheet: str | None = None) -> SurveyExport:
    """Read and validate an export: the name existing callers use for :func:`read_export`.

    It recognises Nettskjema exports too; see :func:`read_export` for parameters and errors.
    """
    return read_export(path, questionnaire, sheet=sheet)


def _parse_column(question, index: int, table: RawTable, log: ProblemLog,
                  codes: bool) -> ParsedColumn:
    """Parse one question column: each distinct value once, then map codes to rows.

    Text is parsed in its normal form (:func:`analysis.ingest.answer_text.normalise_answer`),
    so option matching, the screen and every output see the same characters; a problem
    quotes the cell as the export holds it."""
    codes_, uniques = pd.factorize(table.column(index), use_na_sentinel=True)
    parser = CellParser(question, codes=codes)
    answers, bad = [], {}
    for code, value in enumerate(uniques):
        try:
            answers.append(parser.parse(normalise_answer(value) if isinstance(value, str)
                                        else value))
        except CellError as problem:
            answers.append(None)
            bad[code] = (value, problem)
    if bad:
        label = column_label(index, table.header[index])
        for pos in np.flatnonzero(np.isin(codes_, list(bad))):
            value, error = bad[codes_[pos]]
            log.error(f"{question.id}: {error.message}", kind=error.kind,
                      row=int(table.row_numbers[pos]), column=label, value=value,
                      expected=error.expected)
    return ParsedColumn(question, np.asarray(codes_, dtype=np.int64), answers)
