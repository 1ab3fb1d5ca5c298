"""Which question and options of the previous wave a question of the current wave compares with.

The link comes from a ``compare_to`` mapping (:class:`~analysis.questionnaire.schema.WaveMapping`)
in either questionnaire: the current wave's mapping *back* onto the previous one (written by
``python -m analysis new-wave`` from 2027 on) wins over the previous wave's mapping *forward*
onto the current one (the 2023 file). Without either, nothing is compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from analysis.questionnaire.load import QuestionnaireError
from analysis.questionnaire.schema import Questionnaire, QuestionType, WaveMapping


@dataclass(frozen=True)
class QuestionLink:
    """A current-wave question's counterpart in the previous wave.

    ``option_map`` maps every previous-wave option label to the current label it is counted
    under, or to ``None`` when it has no counterpart (the convention of
    :func:`analysis.compute.compare_choice`).
    """

    previous_id: str
    option_map: dict[str, str | None]
    #: Why the whole question is a break in the series (``compare_to.breaks``), or None.
    break_reason: str | None = None
    #: Current-wave option label -> why that option is a break in the series.
    option_breaks: dict[str, str] = field(default_factory=dict)


def _where(questionnaire: Questionnaire) -> str:
    return f"data/questionnaires/{questionnaire.year}.yaml"


def backward_mapping(current: Questionnaire, previous: Questionnaire) -> WaveMapping | None:
    """The current wave's ``compare_to`` when it points at ``previous`` (else None)."""
    mapping = current.compare_to
    return mapping if mapping is not None and mapping.target_year == previous.year else None


def comparison_link(current: Questionnaire, previous: Questionnaire,
                    qid: str) -> QuestionLink | None:
    """The previous-wave counterpart of question ``qid`` of ``current``, or None.

    Raises
    ------
    QuestionnaireError
        When the mapping names a question or option the other questionnaire does not have, or
        maps two current options onto one previous option (a split cannot be compared).

    Examples
    --------
    >>> from analysis.questionnaire import load_questionnaire
    >>> link = comparison_link(load_questionnaire(2025), load_questionnaire(2023), "q01")
    >>> link.previous_id, link.option_map["Innovasjon"]
    ('q01', None)
    """
    back = backward_mapping(current, previous)
    if back is not None:
        link = _from_backward(current, previous, back, qid)
        brk = back.breaks.get(qid)
        if link is None or brk is None:
            return link
        return replace(link, break_reason=brk.reason, option_breaks=dict(brk.options))
    forward = previous.compare_to
    if forward is None or forward.target_year != current.year:
        return None
    sources = [a for a, b in forward.questions.items() if b == qid]
    if not sources:
        return None
    option_map = dict(forward.options.get(sources[0], {}))
    brk = forward.breaks.get(sources[0])
    if brk is None:
        return QuestionLink(sources[0], option_map)
    # the forward mapping names the previous wave's options: carry them onto the current ones
    breaks = {}
    for label, why in brk.options.items():
        current_label = option_map.get(label, label)
        if current_label is not None:
            breaks[current_label] = why
    return QuestionLink(sources[0], option_map, brk.reason, breaks)


def _from_backward(current: Questionnaire, previous: Questionnaire, mapping: WaveMapping,
                   qid: str) -> QuestionLink | None:
    where = f"{_where(current)} (compare_to, {qid})"
    prev_id = mapping.questions.get(qid)
    if prev_id is None:
        return None
    if prev_id not in previous.ids:
        raise QuestionnaireError(
            f"{where}: maps to {prev_id}, which the {previous.year} questionnaire does not "
            f"have; give one of its questions or null")
    question, prev_question = current.question(qid), previous.question(prev_id)
    if question.type is not prev_question.type:
        raise QuestionnaireError(
            f"{where}: a {question.type.value} question cannot be compared with {prev_id} of "
            f"{previous.year}, a {prev_question.type.value} question; map it to null")
    if question.type is QuestionType.RATING:
        scale, prev_scale = question.rating_scale, prev_question.rating_scale
        if scale.points != prev_scale.points:
            raise QuestionnaireError(
                f"{where}: the scale {scale.min}-{scale.max} cannot be compared "
                f"with {prev_id} of {previous.year} on {prev_scale.min}-"
                f"{prev_scale.max}; map it to null")
    if question.type not in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        return QuestionLink(prev_id, {})
    own = mapping.options.get(qid, {})
    prev_labels = [o.label for o in prev_question.options]
    by_previous: dict[str, list[str]] = {}
    for opt in question.options:
        target = own.get(opt.label, opt.label)
        if target is None:
            continue
        if target not in prev_labels:
            if opt.label in own:  # named explicitly: a typo, not a new option
                raise QuestionnaireError(
                    f"{where}: option {opt.label!r} maps to {target!r}, which is not an option "
                    f"of {prev_id} in {previous.year}; give one of "
                    f"{', '.join(map(repr, prev_labels))} or null")
            continue  # a new option under a new label: no counterpart
        by_previous.setdefault(target, []).append(opt.label)
    option_map: dict[str, str | None] = {}
    for label in prev_labels:
        matches = by_previous.get(label, [])
        if len(matches) > 1:
            raise QuestionnaireError(
                f"{where}: options {', '.join(map(repr, matches))} all map to {label!r} of "
                f"{previous.year}; a split option cannot be compared, map all but one to null")
        option_map[label] = matches[0] if matches else None
    return QuestionLink(prev_id, option_map)
