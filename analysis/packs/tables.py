"""A region's counts against the rest of the country, protected before anyone displays them.

Every table a pack prints is made here: counted from the wave's answers, passed through
:func:`analysis.disclosure.protect`, and only then turned into a display
:class:`~analysis.display.Table` whose hidden cells read :data:`HIDDEN`.
"""

from __future__ import annotations

import pandas as pd

from analysis import fmt
from analysis.disclosure import Policy, ProtectedTable, protect
from analysis.display import Table

HIDDEN = "skjult"  #: what a suppressed cell shows
NO_SHARE = "–"  #: a share not shown because its base is under the minimum


def option_counts(wave, qid: str, members: frozenset[int]) -> tuple[list[str], list[int],
                                                                     list[int], int, int]:
    """Counts of each option of ``qid`` in the region (``members``) and in the whole wave.

    Returns
    -------
    tuple
        ``(labels, region counts, national counts, region base, national base)``; a base is
        the number of respondents who answered the question; labels in questionnaire order
        (the short label where there is one).
    """
    question = next(q for q in wave.questionnaire.questions if q.id == qid)
    long = wave.long
    rows = long[(long["question"] == qid) & long["option"].notna()]
    ids = rows["respondent"].astype(int)
    inside = ids.isin(members)
    labels, region, national = [], [], []
    for option in question.options:
        hit = rows["option"] == option.label
        labels.append(option.short or option.label)
        region.append(int(ids[hit & inside].nunique()))
        national.append(int(ids[hit].nunique()))
    return labels, region, national, int(ids[inside].nunique()), int(ids.nunique())


def protected(wave, qid: str, members: frozenset[int], policy: Policy) -> ProtectedTable:
    """The region's table of ``qid`` after disclosure control."""
    from analysis.questionnaire import QuestionType

    labels, region, national, base_region, base_national = option_counts(wave, qid, members)
    question = next(q for q in wave.questionnaire.questions if q.id == qid)
    return protect(labels, region, national, base_region, base_national, policy,
                   additive=question.type is QuestionType.SINGLE)


def respondents_table(wave, region_question: str, members: frozenset[int],
                      policy: Policy) -> ProtectedTable:
    """How many answered from the region and from the rest, as one protected base."""
    long = wave.long
    everyone = frozenset(long.loc[long["question"] == region_question, "respondent"].astype(int))
    inside = len(everyone & members)
    return protect([], [], [], inside, len(everyone), policy)


def display(table: ProtectedTable, first: str = "Svar") -> Table:
    """The protected table as the pack prints it: count and share, region and rest.

    Hidden rows show :data:`HIDDEN` in every cell; a share whose base is under the minimum
    shows :data:`NO_SHARE`.
    """
    rows = []
    for row in table.rows:
        if row.shown:
            rows.append([row.label, fmt.num(row.region), _share(row.region_pct),
                         fmt.num(row.rest), _share(row.rest_pct)])
        else:
            rows.append([row.label, HIDDEN, HIDDEN, HIDDEN, HIDDEN])
    base = ([fmt.num(table.base_region), "", fmt.num(table.base_rest), ""]
            if table.base_shown else [HIDDEN, "", HIDDEN, ""])
    rows.append(["Svarte på spørsmålet", *base])
    frame = pd.DataFrame(rows, columns=[first, "Regionen, antall", "Regionen, andel",
                                        "Resten av landet, antall", "Resten av landet, andel"])
    return Table(frame)


def _share(pct: float | None) -> str:
    return NO_SHARE if pct is None else fmt.pct(pct / 100)
