"""What a published percentage is a percentage *of*: the ledger's ``basis`` words.

A printed share rarely says its denominator. The report mixes three: those who answered the
question (``n``), every respondent of the wave (``respondents``) and, for multiple choice,
all ticks given (``answers``). The reconstruction solver and the audit both read a figure's
``basis`` through :func:`resolve_basis`, so they agree on what each wording means.
"""

from __future__ import annotations

import re

#: Candidate percent denominators, in the order ties are broken (first preferred).
BASES = ("n", "respondents", "answers")
#: How ledger wordings of a percent basis map onto the candidates.
BASIS_ALIASES = {"all ticks": "answers", "answers": "answers", "n": "n",
                 "respondents": "respondents"}


def resolve_basis(basis: str | None) -> str | None:
    """The candidate denominator a ledger basis names; None when it names none.

    Examples
    --------
    >>> resolve_basis("of 186 respondents"), resolve_basis("all ticks"), resolve_basis("change")
    ('respondents', 'answers', None)
    """
    if basis is None:
        return None
    text = basis.strip().lower()
    if re.fullmatch(r"of \d+ respondents", text):
        return "respondents"
    return BASIS_ALIASES.get(text)
