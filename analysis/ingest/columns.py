"""Which column holds what: the fixed columns (ID, times) and the column(s) of each question.

Microsoft Forms and Nettskjema exports differ here and nowhere else. Forms has fixed columns
(``ID``, ``Start time`` ... in the interface language) and one column per question; Nettskjema
has ``$`` metadata columns and, for a checkbox question, one column per option.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from analysis.ingest.headers import (
    column_label,
    fixed_role,
    match_columns,
    normalise_header,
    question_keys,
)
from analysis.ingest.nettskjema import checkbox_groups, is_nettskjema, metadata_roles
from analysis.ingest.problems import ProblemLog
from analysis.ingest.table import RawTable, sheet_advice
from analysis.questionnaire.schema import Questionnaire, QuestionType

#: Fixed columns that must not appear twice, with their name in messages.
_SINGLE_ROLES = {"id": "ID", "start": "start time", "completion": "completion time"}


@dataclass(frozen=True)
class ColumnPlan:
    """Where each piece of an export is.

    Attributes
    ----------
    source
        ``"forms"`` (Microsoft Forms) or ``"nettskjema"``.
    roles
        Fixed column role (``"id"``, ``"start"``, ``"completion"``) -> zero-based column.
    questions
        Question id -> its column, for questions held in one column.
    checkboxes
        Question id -> {option index -> column}, for Nettskjema checkbox questions.
    """

    source: str
    roles: dict[str, int]
    questions: dict[str, int]
    checkboxes: dict[str, dict[int, int]] = field(default_factory=dict)

    @property
    def used(self) -> set[int]:
        """Every column the reader interprets."""
        columns = set(self.roles.values()) | set(self.questions.values())
        return columns.union(*(g.values() for g in self.checkboxes.values()))


def plan_columns(table: RawTable, questionnaire: Questionnaire, log: ProblemLog) -> ColumnPlan:
    """Classify the header: fixed columns, question columns, unknown columns.

    Errors (recorded in ``log``): no ID column, a second ID/start/completion column, a second
    column for a question, a question without a column (listing the closest headers), or no
    question column at all (naming the workbook's other sheets). Warnings: unknown columns.
    """
    nettskjema = is_nettskjema(table.header)
    roles, rest = _fixed_columns(table, log, nettskjema)
    matched = match_columns(rest, question_keys(questionnaire))
    unknown = matched.unknown
    checkboxes: dict[str, dict[int, int]] = {}
    if nettskjema:
        multiple = [q for q in questionnaire.questions
                    if q.type is QuestionType.MULTIPLE and q.id not in matched.questions]
        checkboxes, unknown = checkbox_groups({i: table.header[i] for i in unknown}, multiple)
    for index in unknown:
        log.warn("column matches no question and is ignored", kind="unknown_column",
                 column=column_label(index, table.header[index]))
    for index, qid in matched.duplicates:
        first = matched.questions[qid]
        log.error(f"second column for {qid}", kind="duplicate_column",
                  column=column_label(index, table.header[index]),
                  expected=f"one column per question (first: "
                           f"{column_label(first, table.header[first])})")
    found = set(matched.questions) | set(checkboxes)
    if not found:
        log.error(f"none of the {len(questionnaire.questions)} questions has a column here",
                  kind="wrong_sheet", expected=sheet_advice(table.other_sheets))
    else:
        _missing_questions(table, questionnaire, found, unknown, log)
        if "id" not in roles:
            log.error("no response ID column", kind="missing_column",
                      expected="a column titled '$submission_id'" if nettskjema else
                      "a column titled 'ID' (or 'Id')")
    return ColumnPlan("nettskjema" if nettskjema else "forms", roles, matched.questions,
                      checkboxes)


def _fixed_columns(table: RawTable, log: ProblemLog, nettskjema: bool):
    """Fixed column role -> index, and index -> header of the other columns."""
    if nettskjema:
        found = metadata_roles(table.header)
    else:
        found = {i: role for i, h in enumerate(table.header) if (role := fixed_role(h))}
    roles: dict[str, int] = {}
    for index, role in found.items():
        if role not in _SINGLE_ROLES:
            continue
        if role in roles:
            first = roles[role]
            log.error(f"second {_SINGLE_ROLES[role]} column", kind="duplicate_column",
                      column=column_label(index, table.header[index]),
                      expected=f"one {_SINGLE_ROLES[role]} column (first: "
                               f"{column_label(first, table.header[first])})")
            continue
        roles[role] = index
    rest = {i: h for i, h in enumerate(table.header) if i not in found}
    return roles, rest


def _missing_questions(table, questionnaire, found: set[str], unknown: list[int], log) -> None:
    spare = {normalise_header(table.header[i]): i for i in unknown}
    for q in questionnaire.questions:
        if q.id in found:
            continue
        close = difflib.get_close_matches(normalise_header(q.text), list(spare), n=3,
                                          cutoff=0.3)
        shown = ", ".join(column_label(spare[c], table.header[spare[c]]) for c in close)
        log.error(f"no column for {q.id} ({q.text!r})", kind="missing_column",
                  expected=f"a header matching the question text; closest headers found: "
                           f"{shown or 'none'}")
