"""What changed between two waves' questionnaires, and which comparisons the book leaves out.

Questions and options are paired through ``compare_to`` (either file's, see
:func:`analysis.questionnaire.compare.comparison_link`), never by guessing from the wording:

- *added*: a question or option of the later wave with no counterpart in the earlier one;
- *removed*: one of the earlier wave that nothing in the later wave maps onto;
- *reworded*: paired, but the text (question) or label (option) differs.

Every added or removed item is a comparison the book cannot make. Order follows the
questionnaires, so the output is deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from analysis.questionnaire.compare import comparison_link
from analysis.questionnaire.schema import Questionnaire


@dataclass(frozen=True)
class QuestionnaireDiff:
    """Differences from ``earlier`` to ``later``; items are ``(qid, text)`` or, for
    reworded ones, ``(qid, earlier text, later text)`` (options: ``qid`` of the later wave,
    for removed options of the earlier wave)."""

    earlier: int
    later: int
    linked: bool
    questions_added: list[tuple[str, str]] = field(default_factory=list)
    questions_removed: list[tuple[str, str]] = field(default_factory=list)
    questions_reworded: list[tuple[str, str, str, str]] = field(default_factory=list)
    options_added: list[tuple[str, str]] = field(default_factory=list)
    options_removed: list[tuple[str, str]] = field(default_factory=list)
    options_reworded: list[tuple[str, str, str]] = field(default_factory=list)


def diff_questionnaires(earlier: Questionnaire, later: Questionnaire) -> QuestionnaireDiff:
    """Pair the questions and options of two waves through ``compare_to`` and list changes.

    Raises
    ------
    analysis.questionnaire.QuestionnaireError
        When a ``compare_to`` entry names a question or option the other wave lacks.

    Examples
    --------
    >>> from analysis.questionnaire import load_questionnaire
    >>> d = diff_questionnaires(load_questionnaire(2023), load_questionnaire(2025))
    >>> [qid for qid, _ in d.questions_added]
    ['q06', 'q08', 'q09', 'q17']
    >>> ("q01", "Innovasjon") in d.options_removed
    True
    """
    out = QuestionnaireDiff(earlier.year, later.year, linked=_linked(earlier, later))
    matched: set[str] = set()
    for q in later.questions:
        link = comparison_link(later, earlier, q.id)
        if link is None:
            out.questions_added.append((q.id, q.text))
            out.options_added.extend((q.id, o.label) for o in q.options)
            continue
        matched.add(link.previous_id)
        prev = earlier.question(link.previous_id)
        if prev.text != q.text:
            out.questions_reworded.append((q.id, prev.id, prev.text, q.text))
        labels = {o.label for o in q.options}
        targets = set()
        for opt in prev.options:
            mapped = link.option_map.get(opt.label, opt.label)
            if mapped is None or mapped not in labels:
                out.options_removed.append((prev.id, opt.label))
                continue
            targets.add(mapped)
            if mapped != opt.label:
                out.options_reworded.append((q.id, opt.label, mapped))
        out.options_added.extend((q.id, o.label) for o in q.options if o.label not in targets)
    for q in earlier.questions:
        if q.id not in matched:
            out.questions_removed.append((q.id, q.text))
    return out


def _linked(earlier: Questionnaire, later: Questionnaire) -> bool:
    return any(m is not None and m.target_year == other.year
               for m, other in ((later.compare_to, earlier), (earlier.compare_to, later)))


def format_diff(diff: QuestionnaireDiff) -> str:
    """Plain text, one section per kind of change, then the comparisons left out.

    Examples
    --------
    >>> print(format_diff(QuestionnaireDiff(2025, 2027, linked=True)))  # doctest: +ELLIPSIS
    Questionnaires 2025 -> 2027
    <BLANKLINE>
    Questions added: none
    ...
    Comparisons the book leaves out: none
    """
    a, b = diff.earlier, diff.later
    lines = [f"Questionnaires {a} -> {b}"]
    if not diff.linked:
        lines.append(f"(no compare_to links {b} with {a}: no question is compared)")
    lines.append("")

    def section(title: str, rows: list[str]) -> None:
        lines.append(f"{title}: {len(rows)}" if rows else f"{title}: none")
        lines.extend(f"  {row}" for row in rows)

    section("Questions added", [f'{q} "{t}"' for q, t in diff.questions_added])
    section("Questions removed", [f'{q} "{t}"' for q, t in diff.questions_removed])
    section("Questions reworded", [
        f'{q} (was {p} in {a}): "{old}" -> "{new}"' for q, p, old, new in diff.questions_reworded
    ])
    added_q = {q for q, _ in diff.questions_added}
    section("Options added", [f'{q} "{t}"' for q, t in diff.options_added if q not in added_q])
    section("Options removed", [f'{q} "{t}"' for q, t in diff.options_removed])
    section("Options reworded", [f'{q} "{old}" -> "{new}"'
                                 for q, old, new in diff.options_reworded])
    left_out = (
        [f"{q}: new in {b}, no counterpart in {a}" for q, _ in diff.questions_added]
        + [f"{q}: asked in {a} only" for q, _ in diff.questions_removed]
        + [f'{q} option "{t}": no counterpart in {a}'
           for q, t in diff.options_added if q not in added_q]
        + [f'{q} option "{t}" of {a}: no counterpart in {b} (its {a} count is left out)'
           for q, t in diff.options_removed]
    )
    lines.append("")
    section("Comparisons the book leaves out", left_out)
    return "\n".join(lines)
