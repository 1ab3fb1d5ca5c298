"""Respondent-level rows from solved per-question counts, in the shape the Forms writer takes.

Only the *margins* (per-question counts) are known; which respondent gave which combination of
answers is not. The generator therefore makes one arbitrary but deterministic assignment that
keeps every margin exact and respects the questionnaire's structure (routing conditions, the
number of choices on multiple-choice questions). Nothing here may be read as a cross-tabulation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from analysis.questionnaire import Question, Questionnaire, QuestionType


class GenerationError(ValueError):
    """The counts cannot be laid out as respondents (e.g. routing leaves too few eligible)."""


@dataclass(frozen=True)
class QuestionCounts:
    """Solved counts of one question: ``n`` respondents answered; ``counts`` per option/score.

    For free-text questions ``counts`` is empty and ``texts`` holds the ``n`` answers.
    """

    n: int
    counts: Mapping[object, int] = field(default_factory=dict)
    texts: Sequence[str] = ()
    other_texts: Sequence[str] = ()
    several: int | None = None  #: respondents ticking more than one option, when published


def generate_rows(
    questionnaire: Questionnaire,
    counts: Mapping[str, QuestionCounts],
    respondents: int,
    *,
    seed: int,
    window: tuple[dt.date, dt.date],
) -> list[dict]:
    """Lay solved counts out as ``respondents`` response rows.

    Parameters
    ----------
    questionnaire
        The wave's questionnaire; questions absent from ``counts`` are left unanswered.
    counts
        Question id -> :class:`QuestionCounts`.
    respondents
        Number of rows (the wave's published number of responses).
    seed
        Fixed seed: the same inputs give the same rows, byte for byte once written.
    window
        First and last day the survey was open; start times fall inside it.

    Returns
    -------
    list of dict
        One dict per respondent, keys ``id``, ``start``, ``completion``, ``email``, ``name`` and
        question ids, as :func:`analysis.ingest.forms_writer.write_forms_export` takes them.

    Raises
    ------
    GenerationError
        If a question's counts cannot be placed.

    Examples
    --------
    >>> from analysis.questionnaire import load_questionnaire
    >>> q = load_questionnaire(2025)
    >>> rows = generate_rows(q, {"q05": QuestionCounts(3, {"Ja": 2, "Nei": 1})}, 4,
    ...                      seed=1, window=(dt.date(2025, 8, 11), dt.date(2025, 9, 8)))
    >>> sorted(r["q05"] for r in rows if r["q05"])
    ['Ja', 'Ja', 'Nei']
    """
    rng = np.random.default_rng(seed)
    rows = [_meta(i + 1, rng, window) for i in range(respondents)]
    for question in questionnaire.questions:
        for row in rows:
            row[question.id] = None
        qc = counts.get(question.id)
        if qc is None or qc.n == 0:
            continue
        if qc.n > respondents:
            raise GenerationError(f"{question.id}: n = {qc.n} exceeds {respondents} respondents")
        who = _choose_respondents(question, qc.n, rows, rng)
        for idx, value in zip(who, _answers(question, qc, rng), strict=True):
            rows[idx][question.id] = value
    return rows


def _meta(rid: int, rng: np.random.Generator, window: tuple[dt.date, dt.date]) -> dict:
    days = (window[1] - window[0]).days + 1
    start = dt.datetime.combine(window[0], dt.time(8)) + dt.timedelta(
        days=int(rng.integers(days)), minutes=int(rng.integers(10 * 60))
    )
    completion = start + dt.timedelta(seconds=int(rng.integers(180, 1200)))
    # Anonymous form: Forms writes "anonymous" and leaves Name empty.
    return {"id": rid, "start": start, "completion": completion, "email": "anonymous", "name": ""}


def _choose_respondents(question: Question, n: int, rows: list[dict], rng) -> list[int]:
    """Pick which rows answer: eligible by routing first, in a seeded random order."""
    eligible = list(range(len(rows)))
    if question.condition is not None:
        excluded = set(question.condition.not_options)
        eligible = [
            i for i in eligible if not _gave_any(rows[i][question.condition.question], excluded)
        ]
        if len(eligible) < n:
            raise GenerationError(
                f"{question.id}: {n} answers but only {len(eligible)} respondents are eligible "
                f"under its routing condition on {question.condition.question}"
            )
    picked = rng.permutation(len(eligible))[:n]
    return sorted(eligible[i] for i in picked)


def _gave_any(answer, labels: set[str]) -> bool:
    if answer is None:
        return False
    values = answer if isinstance(answer, list) else [answer]
    return any(v in labels for v in values)


def _answers(question: Question, qc: QuestionCounts, rng) -> list:
    if question.type is QuestionType.TEXT:
        if len(qc.texts) != qc.n:
            raise GenerationError(f"{question.id}: {len(qc.texts)} texts for n = {qc.n}")
        return list(qc.texts)
    if question.type is QuestionType.MULTIPLE:
        return _multiple(question, qc, rng)
    keys = (
        question.rating_scale.points
        if question.type is QuestionType.RATING
        else [o.label for o in question.options]
    )
    pool = [k for k in keys for _ in range(int(qc.counts.get(k, 0)))]
    if len(pool) != qc.n:
        raise GenerationError(f"{question.id}: counts sum to {len(pool)}, n = {qc.n}")
    values = [pool[i] for i in rng.permutation(len(pool))]
    return _with_other_texts(question, values, qc.other_texts)


def _multiple(question: Question, qc: QuestionCounts, rng) -> list:
    """Give each of n respondents a set of options so that every option count is exact.

    Degrees are spread as evenly as the total allows (exactly k each when the question demands
    k choices); options are then placed largest first on the respondents with the most room
    left (Ryser's greedy construction, which succeeds whenever any assignment exists).
    """
    labels = [o.label for o in question.options]
    total = sum(int(qc.counts.get(label, 0)) for label in labels)
    n = qc.n
    low = question.min_choices or 1
    high = question.max_choices or len(labels)
    if not low * n <= total <= high * n:
        raise GenerationError(
            f"{question.id}: {total} choices cannot be spread over {n} respondents "
            f"choosing {low}-{high} each"
        )
    room = _degrees(question, n, total, qc.several, rng)
    chosen: list[set[str]] = [set() for _ in range(n)]
    order = sorted(labels, key=lambda lb: -int(qc.counts.get(lb, 0)))
    for label in order:
        k = int(qc.counts.get(label, 0))
        # Most room first; seeded random tie-break keeps the layout arbitrary but fixed.
        ranking = np.lexsort((rng.random(n), -room))
        targets = [i for i in ranking if room[i] > 0][:k]
        if len(targets) < k:
            raise GenerationError(f"{question.id}: cannot place {k} x {label!r}")
        for i in targets:
            chosen[i].add(label)
            room[i] -= 1
    answers = [[lb for lb in labels if lb in picked] for picked in chosen]
    return _with_other_texts(question, answers, qc.other_texts)


def _degrees(question: Question, n: int, total: int, several: int | None, rng) -> np.ndarray:
    """How many options each respondent ticks: as even as possible, or, when the report says
    how many ticked more than one, exactly that many with two or more and the rest with one."""
    if several is None:
        room = np.full(n, total // n)
        room[rng.permutation(n)[: total - room.sum()]] += 1
        return room
    rest = total - (n - several)
    if not (2 * several <= rest <= several * len(question.options)) and several:
        raise GenerationError(
            f"{question.id}: {several} of {n} respondents cannot tick more than one option "
            f"with {total} ticks in all"
        )
    room = np.ones(n, dtype=int)
    multi = rng.permutation(n)[:several]
    if several:
        room[multi] = rest // several
        room[multi[: rest - (rest // several) * several]] += 1
    return room


def _with_other_texts(question: Question, answers: list, texts: Sequence[str]) -> list:
    """Forms writes the typed text in place of "Annet"; use the report's quoted texts if any."""
    other = question.other_option
    if other is None or not texts:
        return answers
    it = iter(texts)
    out = []
    for answer in answers:
        if isinstance(answer, list):
            answer = [next(it, lb) if lb == other.label else lb for lb in answer]
        elif answer == other.label:
            answer = next(it, answer)
        out.append(answer)
    return out
