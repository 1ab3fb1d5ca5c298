"""The main changes with the mix of who answered held fixed: real exports only.

With both waves real, respondent-level exports, each crude change of the comparison chapter's
table (:data:`analysis.report.trends.MAIN_CHANGES`) gets the change standardised to the
previous wave's mix of *main roles* and its 95 % interval, and a Cochran–Mantel–Haenszel test
of no change within any role (:mod:`analysis.compute.standardise`). The reconstructions pin
only marginals, so on them nothing is computed and the book says so
(:func:`analysis.report.notice.sentence` ``"mix-adjusted"``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, cast

import pandas as pd

from analysis.compute.standardise import (
    StandardisedChange,
    main_role,
    standardised_change,
    within_group_test,
)
from analysis.report import notice

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle
    from analysis.report.views import ChoiceView

#: The role question whose main role (:func:`~analysis.compute.standardise.main_role`) is the
#: standardisation's group.
ROLE_QUESTION = "q01"


def available(bundle: SurveyBundle) -> bool:
    """True when the current and the previous wave are both real exports."""
    return bundle.previous is not None and not notice.reconstructed_years(bundle)


def _roles(wave, option_map: dict | None = None) -> pd.Series:
    """Each respondent's main role in ``wave``, with labels mapped to the current wave's."""
    question = wave.questionnaire.question(ROLE_QUESTION)
    rows = wave.long[wave.long["question"] == ROLE_QUESTION][["respondent", "option"]]
    order = [o.label for o in question.options]
    other = next((o.label for o in question.options if getattr(o, "other", False)), None)
    roles = main_role(rows.dropna(subset=["option"]), order, other)
    if option_map:
        roles = roles.map(lambda r: option_map.get(r, r)).dropna()
    return roles


def _answered(wave, qid: str, label: str) -> pd.Series:
    """Whether each respondent who answered ``qid`` chose ``label`` (bool, by respondent)."""
    rows = wave.long[wave.long["question"] == qid]
    who = pd.Index(sorted(rows["respondent"].unique()))
    chose = set(rows.loc[rows["option"] == label, "respondent"])
    return pd.Series([r in chose for r in who], index=who, dtype=bool)


def adjusted_changes(bundle: SurveyBundle, items: Iterable[tuple[str, str, str | None]]
                     ) -> dict[str, tuple[StandardisedChange, float]]:
    """Theme -> (standardised change, CMH p) of each option item of ``items`` (theme, qid,
    option key); empty unless :func:`available`. Ratings (key None), breaks in the series and
    options without a counterpart in the previous wave are left out."""
    from analysis.compute.verdict import Verdict
    from analysis.report.views import view

    if not available(bundle):
        return {}
    now, before = bundle.current, bundle.previous
    assert before is not None  # available() checked it
    # the role question and every option item's question are choice questions (views used
    # by what they offer: the tests hand duck-typed ones)
    roles_view = cast("ChoiceView", view(bundle, ROLE_QUESTION))
    roles_b = _roles(now)
    roles_a = _roles(before, roles_view.option_map)
    out = {}
    for theme, qid, key in items:
        if key is None:
            continue
        qview = cast("ChoiceView", view(bundle, qid))
        if not qview.compared or qview.verdict_word(key) is Verdict.BREAK:
            continue
        label = qview._labels(key)[0]
        back = {cur: prev for prev, cur in qview.option_map.items() if cur is not None}
        prev_label = back.get(label, label)
        prev_question = qview.prev_question
        assert prev_question is not None  # compared
        ya = _answered(before, prev_question.id, prev_label)
        yb = _answered(now, qid, label)
        ga, gb = roles_a.reindex(ya.index), roles_b.reindex(yb.index)
        out[theme] = (standardised_change(ga, ya, gb, yb), within_group_test(ga, ya, gb, yb))
    return out

