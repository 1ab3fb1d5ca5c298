"""An independent check of what a published table gives away, from its printed cells alone.

:func:`leaks` does not look at why a cell was hidden: it takes what a reader has -- the
cells a pack prints and the national counts the book prints -- and lists every count under
the threshold a reader can compute from them (a cell, the rest of the country as national
minus region, the base minus the shown rows, or a hidden row pinned down by those sums).
The tests run it on random tables (hypothesis) and on every rendered pack.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.disclosure.policy import Policy
from analysis.disclosure.suppress import bounds, pinned_small


@dataclass(frozen=True)
class PrintedRow:
    """One row as printed: region and rest counts (None when hidden), and the national count
    the book prints."""

    label: str
    region: int | None
    rest: int | None
    national: int


def leaks(rows: Sequence[PrintedRow], base_region: int | None, base_rest: int | None,
          policy: Policy, additive: bool) -> list[str]:
    """Every small count a reader can derive from one printed table (empty when none).

    Parameters
    ----------
    rows
        The printed rows.
    base_region, base_rest
        The printed bases (None when hidden).
    policy
        Gives the threshold.
    additive
        Whether the rows add up to the base (single choice).

    Examples
    --------
    >>> p = Policy(threshold=5, min_base=10)
    >>> leaks([PrintedRow("a", 6, 1, 7)], 6, 1, p, True)
    ['a: rest 1', 'base: rest 1']
    >>> leaks([PrintedRow("a", 6, 3, 9), PrintedRow("b", None, None, 5)], 8, 8, p, True)
    ['a: rest 3', 'b: region = base - shown = 2']
    """
    found = []
    small = policy.small
    for row in rows:
        for name, value in (("region", row.region), ("rest", row.rest)):
            if value is not None and small(value):
                found.append(f"{row.label}: {name} {value}")
        if row.region is not None and row.rest is None and small(row.national - row.region):
            found.append(f"{row.label}: national - region = {row.national - row.region}")
        if row.rest is not None and row.region is None and small(row.national - row.rest):
            found.append(f"{row.label}: national - rest = {row.national - row.rest}")
    for name, value in (("region", base_region), ("rest", base_rest)):
        if value is not None and small(value):
            found.append(f"base: {name} {value}")
    hidden = [r for r in rows if r.region is None]
    if not additive or not hidden or base_region is None or base_rest is None:
        return found
    total = base_region - sum(r.region for r in rows if r.region is not None)
    total_rest = base_rest - sum(r.rest for r in rows if r.rest is not None)
    if len(hidden) == 1:
        row = hidden[0]
        for name, value in (("region", total), ("rest", total_rest)):
            if small(value):
                found.append(f"{row.label}: {name} = base - shown = {value}")
        return found
    if small(total) or small(total_rest):
        found.append(f"hidden rows together: region {total}, rest {total_rest}")
    national = sum(r.national for r in hidden)
    for row in hidden:
        lo, hi = bounds(total, row.national, national - row.national)
        if pinned_small(lo, hi, row.national, policy):
            found.append(f"{row.label}: region pinned to {lo}..{hi}")
    return found


def printed_rows(table) -> list[PrintedRow]:
    """The rows of a :class:`~analysis.disclosure.ProtectedTable` as a reader sees them."""
    return [PrintedRow(r.label, r.region if r.shown else None, r.rest if r.shown else None,
                       r.national) for r in table.rows]
