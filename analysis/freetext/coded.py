"""One text per answer of a free-text question: the report's quotes, or marked placeholders.

The reconstruction needs a free-text column with as many answers as the report says were
given. This module fills it from the report alone: quoted answers where the report quotes
them, and otherwise placeholders that say what is missing -- never an invented opinion.
"""

from __future__ import annotations

from analysis.freetext.schema import FreeText

PLACEHOLDER_PREFIX = "[Plassholder:"
NOT_USEFUL = "[Plassholder: svar uten innhold, f.eks. «vet ikke»]"
UNCATEGORISED = "[Plassholder: svar ikke kategorisert i rapporten]"
MERGE_SEPARATOR = " / "


def category_placeholder(category: str) -> str:
    """Return the placeholder for an answer the report counts in ``category`` but does not quote."""
    return f"[Plassholder: svar i kategorien «{category}» er ikke gjengitt i rapporten]"


def is_placeholder(text: str) -> bool:
    """True when ``text`` is one of this module's placeholders rather than a respondent's answer."""
    return text.startswith(PLACEHOLDER_PREFIX)


def coded_answers(
    free_text: FreeText, qid: str, answered: int | None = None
) -> list[tuple[str | None, str]]:
    """Lay out ``answered`` answer texts of a question, in a fixed order.

    Order: per category in report order, its quotes (each repeated ``times``), then a
    category placeholder for each further answer the report counts there; then one
    not-useful placeholder per answer without content (``not_useful``, or the answers beyond
    ``concrete``); then uncategorised placeholders up to ``answered``.

    When the category answers outnumber the places left (``answered`` minus those without
    content) -- some respondents fall in several categories (Q13), or the report's counts and
    quotes disagree (Q12) -- category placeholders are dropped first, from the end; then each
    surplus quote, from the end, is joined onto an earlier answer with ``" / "`` (the first
    surplus onto the first answer, and so on), which keeps its category label.

    Parameters
    ----------
    free_text
        The loaded free-text model.
    qid
        Question id, e.g. ``"q12"``.
    answered
        Number of answers to lay out; defaults to the report's ``answered``.

    Returns
    -------
    list of (str or None, str)
        Exactly ``answered`` pairs of category name (None for not-useful and uncategorised
        answers) and text. Placeholders satisfy :func:`is_placeholder`.

    Raises
    ------
    KeyError
        If ``qid`` is not in the file.
    ValueError
        If ``answered`` is below the number of answers without content, or leaves no room for
        a question whose categories hold answers.

    Examples
    --------
    >>> from analysis.freetext import load_free_text
    >>> len(coded_answers(load_free_text(year=2025), "q09"))
    74
    """
    question = free_text.question(qid)
    total = question.answered if answered is None else answered
    empty = question.without_content
    room = total - empty
    if room < 0:
        raise ValueError(f"{qid}: answered={total} is below the {empty} answers without content")
    # Quotes as [category index, text], in report order.
    quotes: list[list] = [  # [category index, text]: surplus text is merged in place
        [i, q.text]
        for i, category in enumerate(question.categories)
        for q in category.quotes
        for _ in range(q.times)
    ]
    if quotes and room == 0:
        raise ValueError(f"{qid}: answered={total} leaves no room for the quoted answers")
    for j, (_, text) in enumerate(quotes[room:]):  # surplus quotes join earlier answers
        quotes[j % room][1] += MERGE_SEPARATOR + text
    quotes = quotes[:room]
    missing = [max((c.count or 0) - c.quoted, 0) for c in question.categories]
    excess = max(sum(missing) - (room - len(quotes)), 0)
    for i in reversed(range(len(missing))):  # drop surplus placeholders from the end
        drop = min(missing[i], excess)
        missing[i] -= drop
        excess -= drop
    answers: list[tuple[str | None, str]] = []
    for i, category in enumerate(question.categories):
        answers += [(category.name, text) for k, text in quotes if k == i]
        answers += [(category.name, category_placeholder(category.name))] * missing[i]
    answers += [(None, NOT_USEFUL)] * empty
    answers += [(None, UNCATEGORISED)] * (total - len(answers))
    return answers
