"""Which way a share moved since the previous wave, as words for the prose.

A sentence such as "Kjennskapen er høyere enn ved forrige måling" must follow the data: with
the next export it may be lower. These functions give the word from the shares the book
prints (whole percent), so the sentence and its figures never disagree. Whether a change is
statistically significant is a different question, answered by ``view.verdict(...)``.

Examples
--------
>>> from types import SimpleNamespace as NS
>>> v = NS(prev_year=2023, share_value=lambda key, year=None: 0.42 if year is None else 0.33)
>>> than_before(v, "Ja"), went(v, "Ja")
('høyere enn', 'gått opp')
"""

from __future__ import annotations

from analysis.display import Text


def direction(view, key) -> int:
    """+1 when the current share of ``key`` is higher than the previous wave's, -1 when lower,
    0 when both print as the same whole percent.

    Raises
    ------
    ValueError
        When either share is unknown (a count the published figures do not pin down), or the
        question was not asked in the previous wave: no direction can then be stated.
    """
    if view.prev_year is None:
        raise ValueError(f"{key!r}: the question was not asked in the previous wave")
    now, before = view.share_value(key), view.share_value(key, view.prev_year)
    if now != now or before != before:
        raise ValueError(f"{key!r}: a share is unknown, so no direction can be stated")
    now, before = round(100 * now), round(100 * before)
    return (now > before) - (now < before)


def than_before(view, key) -> Text:
    """``"høyere enn"``, ``"lavere enn"`` or ``"omtrent like høy som"`` (then the comparison)."""
    return Text({1: "høyere enn", -1: "lavere enn", 0: "omtrent like høy som"}[
        direction(view, key)])


def went(view, key) -> Text:
    """``"gått opp"``, ``"gått ned"`` or ``"holdt seg omtrent lik"`` (for "har … fra X til Y")."""
    return Text({1: "gått opp", -1: "gått ned", 0: "holdt seg omtrent lik"}[
        direction(view, key)])
