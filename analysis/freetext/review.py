"""The review record of screening: which answers were withheld or redacted, and why.

:func:`review_rows` turns the findings of :func:`analysis.freetext.screen_frame` into rows for
a CSV file kept outside the published book (where it is written is the caller's business),
one row per answer that was withheld or redacted, columns :data:`REVIEW_COLUMNS`:

``respondent``
    Respondent id as in the export (its ``respondent`` column).
``question``
    Question id, e.g. ``q12``.
``action``
    ``withhold`` or ``redact`` (:class:`analysis.freetext.Action`).
``kinds``
    The kinds found, sorted and joined by ``;``, e.g. ``email;phone``
    (:class:`analysis.freetext.Kind`).

The rows hold no text, no value and no position: only what a reviewer needs to look the
answer up in the raw export, which stays where it is.
"""

from __future__ import annotations

from typing import NamedTuple

import pandas as pd

from analysis.freetext.screen import STRENGTH, Action


class ReviewRow(NamedTuple):
    """One withheld or redacted answer, for the review record (see the module docstring)."""

    respondent: object
    question: str
    action: str
    kinds: str


REVIEW_COLUMNS = ReviewRow._fields  #: header of the review CSV


def review_rows(removals: pd.DataFrame) -> list[ReviewRow]:
    """Condense the findings of ``screen_frame`` to one review row per screened answer.

    Parameters
    ----------
    removals
        The second frame :func:`~analysis.freetext.screen_frame` returns (``respondent``,
        ``question``, ``kind``, ``action``).

    Returns
    -------
    list of ReviewRow
        One row per respondent x question with a finding, in order of first appearance;
        ``action`` is the strongest taken on that question's answers and ``kinds`` the kinds
        found, sorted and ``;``-joined. ``csv.writer(f).writerows(rows)`` after a header of
        :data:`REVIEW_COLUMNS`, or ``pandas.DataFrame(rows)``, writes it.

    Examples
    --------
    >>> from analysis.freetext import screen_frame
    >>> long = pd.DataFrame({"respondent": [7, 8], "question": ["q12", "q12"],
    ...                      "text": ["Ring 91234567 eller ola@example.no", "Takk, Kari!"]})
    >>> for row in review_rows(screen_frame(long)[1]):
    ...     print(row)
    ReviewRow(respondent=7, question='q12', action='redact', kinds='email;phone')
    ReviewRow(respondent=8, question='q12', action='withhold', kinds='name')
    """
    grouped: dict[tuple, tuple[Action, set[str]]] = {}
    columns = [removals[c].tolist() for c in ("respondent", "question", "kind", "action")]
    for respondent, question, kind, action in zip(*columns, strict=True):
        who = (respondent, question)
        old, kinds = grouped.get(who, (Action.KEEP, set()))
        strongest = max(old, Action(action), key=STRENGTH.__getitem__)
        grouped[who] = (strongest, kinds | {str(kind)})
    return [ReviewRow(respondent, str(question), str(action), ";".join(sorted(kinds)))
            for (respondent, question), (action, kinds) in grouped.items()]
