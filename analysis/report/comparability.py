"""What the book does not compare with the previous wave, said in a sentence.

A question or option without a counterpart in the other wave (``compare_to``, see
:mod:`analysis.questionnaire.compare`) is left out of every comparison; the table shows "–".
These functions give the sentence that tells the reader why, from the same pairing that
``python -m analysis diff-questionnaires`` prints (:mod:`analysis.questionnaire.diff`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis import fmt
from analysis.display import Block, Text, bullets, empty
from analysis.questionnaire.diff import diff_questionnaires

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle


def _diff(bundle: SurveyBundle):
    if bundle.previous is None:
        return None
    return diff_questionnaires(bundle.previous.questionnaire, bundle.current.questionnaire)


def not_compared(view) -> Text:
    """One or two Norwegian sentences on the options of one question that are not compared
    with the previous wave; ``""`` when every option is (or there is no previous wave).

    Examples
    --------
    >>> from analysis import report
    >>> print(not_compared(report.view(report.load(), "q02")))  # doctest: +SKIP
    Alternativet «Annet» fra 2023 finnes ikke i 2025 og er ikke med i sammenlikningen.
    """
    if view.prev_wave is None:
        return Text("")
    prev, year = view.prev_wave.year, view.year
    if not view.compared:
        return Text(f"Spørsmålet har ikke noe motstykke i {prev} og sammenliknes ikke.")
    question, previous = view.question, view.prev_question
    targets = {t for t in (view.option_map.get(o.label, o.label) for o in previous.options)
               if t is not None}
    sentences = []
    new, new_unnamed = _named([o.display for o in question.options if o.label not in targets])
    if new:
        sentences.append(f"{_options(new)} har ikke noe motstykke i {prev} og "
                         "sammenliknes ikke.")
    if new_unnamed:
        sentences.append(f"{_unnamed(new_unnamed).capitalize()} har ikke noe motstykke i "
                         f"{prev} og sammenliknes ikke.")
    gone, gone_unnamed = _named([o.label for o in previous.options
                                 if view.option_map.get(o.label, o.label) is None])
    if gone:
        sentences.append(f"{_options(gone)} fra {prev} finnes ikke i {year} og er ikke med i "
                         "sammenlikningen.")
    if gone_unnamed:
        sentences.append(f"{_unnamed(gone_unnamed).capitalize()} fra {prev} finnes ikke i "
                         f"{year} og er ikke med i sammenlikningen.")
    return Text(" ".join(sentences))


def _named(labels: list[str]) -> tuple[list[str], int]:
    """The labels with a known wording, and how many have none («Ukjent alternativ 5»: the
    source does not give it). Those are counted in a sentence, never quoted to readers."""
    named = [label for label in labels if "ukjent" not in label.lower()]
    return named, len(labels) - len(named)


def _unnamed(count: int) -> str:
    """ "ett alternativ uten kjent ordlyd", "to alternativer uten kjent ordlyd"."""
    noun = "alternativ" if count == 1 else "alternativer"
    return f"{fmt.number_word(count, neuter=True)} {noun} uten kjent ordlyd"


def _options(labels: list[str]) -> str:
    quoted = [fmt.quote(label) for label in labels]
    if len(quoted) == 1:
        return f"Alternativet {quoted[0]}"
    return f"Alternativene {', '.join(quoted[:-1])} og {quoted[-1]}"


def questions_not_asked(bundle: SurveyBundle) -> list[Text]:
    """«Spørsmål N fra <prev> («text») ble ikke stilt i <year>.» per question of the previous
    wave that the current wave has no counterpart for, in questionnaire order."""
    diff = _diff(bundle)
    if diff is None or bundle.previous is None:  # no previous wave, nothing removed
        return []
    previous = bundle.previous.questionnaire
    return [Text(f"Spørsmål {previous.question(qid).number} fra {diff.earlier} ({fmt.quote(text)}) "
                 f"ble ikke stilt i {diff.later}, så det er ikke med i sammenlikningen.")
            for qid, text in diff.questions_removed]


def questionnaire_changes(bundle: SurveyBundle) -> Block:
    """A bullet list of every comparison the book leaves out: questions of the previous wave
    not asked now, then, per compared choice question, the options without a counterpart.
    An empty block when everything compares."""
    from analysis.report.views import ChoiceView, view

    items = list(questions_not_asked(bundle))
    if bundle.previous is not None:
        for q in bundle.current.questionnaire.questions:
            v = view(bundle, q.id) if q.options else None
            if isinstance(v, ChoiceView) and v.compared:
                sentence = not_compared(v)
                if sentence:
                    items.append(Text(f"Spørsmål {q.number}: {sentence}"))
    return bullets(items) if items else empty()


def comparison_gaps(bundle: SurveyBundle) -> Block:
    """:func:`questionnaire_changes` with the paragraph that introduces it, for the method
    chapter; an empty block when everything compares (or there is no previous wave)."""
    from analysis.display import paragraph

    changes = questionnaire_changes(bundle)
    if not changes.markdown.strip():
        return empty()
    assert bundle.previous is not None  # changes are listed against a previous wave only
    lead = paragraph(
        "Ikke alt kan sammenliknes med {prev}. Dette er holdt utenfor sammenlikningene, fordi "
        "det ikke har noe motstykke i den andre runden:", prev=bundle.previous.year)
    return lead + changes
