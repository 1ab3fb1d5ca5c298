"""Suppress what a region's table may not publish, before any renderer sees it.

A region's table compares, row by row (an option, a role), the region's count with the rest of
the country's; the book publishes the national count, so region + rest = national is public.
The rules, all from one :class:`~analysis.disclosure.policy.Policy`:

1. *Primary*: a row is hidden (region and rest alike) when the region's count is small
   (1 to threshold - 1), or when the rest's is (national minus region: the differencing
   attack on the national table).
2. *Secondary*: when one row alone is hidden, or the hidden rows together hold a small count
   (in the region or in the rest), the shown row with the next-lowest region count is hidden
   too, and so on: the base minus the shown rows never gives a small group away.
3. *Base*: when the region's base or the rest's base is small, the whole table is hidden;
   a percentage is shown only for a shown count whose base is at least ``min_base``.

The result keeps the counts (for tests and audits) and says per row why it is hidden; only
:func:`published` cells may reach a page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from analysis.disclosure.policy import Policy

SHOWN = "shown"
PRIMARY = "primary"  #: the region's own count is small
DIFFERENCE = "difference"  #: the rest of the country's count (national - region) is small
SECONDARY = "secondary"  #: hidden so that a single hidden row cannot be recovered
BASE = "base"  #: the region's or the rest's base is small: the whole table is hidden


@dataclass(frozen=True)
class Row:
    """One row of a protected table.

    ``region_pct``/``rest_pct`` are shares in per cent (None when not published); ``status``
    is one of :data:`SHOWN`, :data:`PRIMARY`, :data:`DIFFERENCE`, :data:`SECONDARY`,
    :data:`BASE`. ``region``/``national`` are the true counts, never printed unless shown.
    """

    label: str
    region: int
    national: int
    status: str
    region_pct: float | None = None
    rest_pct: float | None = None

    @property
    def shown(self) -> bool:
        """Whether the counts of this row are published."""
        return self.status == SHOWN

    @property
    def rest(self) -> int:
        """The rest of the country's count."""
        return self.national - self.region


@dataclass(frozen=True)
class ProtectedTable:
    """A region's table after suppression: its rows and its bases.

    ``base_shown`` is False when the bases themselves are small (then every row is hidden).
    """

    rows: tuple[Row, ...]
    base_region: int
    base_national: int
    base_shown: bool

    @property
    def base_rest(self) -> int:
        """Those outside the region who answered."""
        return self.base_national - self.base_region

    def hidden(self, status: str | None = None) -> list[str]:
        """Labels of the hidden rows (all, or those hidden for ``status``)."""
        return [r.label for r in self.rows
                if not r.shown and (status is None or r.status == status)]


def protect(labels: Sequence[str], region: Sequence[int], national: Sequence[int],
            base_region: int, base_national: int, policy: Policy) -> ProtectedTable:
    """Apply the policy to one region's table.

    Parameters
    ----------
    labels, region, national
        One entry per row: its label, the region's count and the national count
        (``0 <= region <= national``).
    base_region, base_national
        Those who answered the question in the region and in the whole country.
    policy
        The disclosure policy.

    Returns
    -------
    ProtectedTable

    Raises
    ------
    ValueError
        If a region count is negative or exceeds its national count, or a base does.

    Examples
    --------
    >>> p = Policy(threshold=5, min_base=10)
    >>> t = protect(["a", "b", "c"], [12, 3, 6], [30, 9, 8], 21, 47, p)
    >>> [(r.label, r.status) for r in t.rows]
    [('a', 'shown'), ('b', 'primary'), ('c', 'difference')]
    >>> t = protect(["a", "b", "c"], [12, 3, 6], [30, 9, 20], 21, 59, p)
    >>> [(r.label, r.status) for r in t.rows]
    [('a', 'shown'), ('b', 'primary'), ('c', 'secondary')]
    """
    if not len(labels) == len(region) == len(national):
        raise ValueError("labels, region and national counts differ in length")
    for label, r, n in zip(labels, region, national, strict=True):
        if not 0 <= r <= n:
            raise ValueError(f"row {label!r}: region count {r} outside 0..{n} (national)")
    if not 0 <= base_region <= base_national:
        raise ValueError(f"region base {base_region} outside 0..{base_national} (national)")
    base_shown = not (policy.small(base_region)
                      or (policy.protect_differences and policy.small(base_national - base_region)))
    status = [_primary(r, n, policy) if base_shown else BASE
              for r, n in zip(region, national, strict=True)]
    if base_shown and policy.secondary:
        status = _secondary(status, region, national, policy)
    rest_base = base_national - base_region
    rows = []
    for label, r, n, s in zip(labels, region, national, status, strict=True):
        shown = s == SHOWN
        rows.append(Row(
            label=str(label), region=int(r), national=int(n), status=s,
            region_pct=100 * r / base_region if shown and base_region >= policy.min_base else None,
            rest_pct=(100 * (n - r) / rest_base if shown and rest_base >= policy.min_base
                      else None)))
    return ProtectedTable(tuple(rows), int(base_region), int(base_national), base_shown)


def _primary(region: int, national: int, policy: Policy) -> str:
    if policy.small(region):
        return PRIMARY
    if policy.protect_differences and policy.small(national - region):
        return DIFFERENCE
    return SHOWN


def _secondary(status: list[str], region: Sequence[int], national: Sequence[int],
               policy: Policy) -> list[str]:
    """Hide further rows, lowest region count first, until the hidden rows are not one alone
    and their summed counts (region, rest) are not small: the base minus the shown rows then
    reveals no small group. Rows whose national count is 0 are known to be 0 from the book,
    so hiding them protects nothing; they are never chosen."""
    status = list(status)

    def exposed() -> bool:
        hidden = [i for i, s in enumerate(status) if s != SHOWN]
        if not hidden:
            return False
        return (len(hidden) == 1 or policy.small(sum(region[i] for i in hidden))
                or policy.small(sum(national[i] - region[i] for i in hidden)))

    while exposed():
        candidates = [i for i, s in enumerate(status) if s == SHOWN and national[i] > 0]
        if not candidates:
            break
        nxt = min(candidates, key=lambda i: (region[i], i))
        status[nxt] = SECONDARY
    return status


def published(table: ProtectedTable) -> dict[str, int]:
    """Every count of ``table`` that may be printed, by cell name.

    Names: ``base:region``, ``base:rest``, ``<label>:region``, ``<label>:rest``. This is the
    single place a count leaves the protected table; renderers and tests read it.
    """
    cells: dict[str, int] = {}
    if table.base_shown:
        cells["base:region"] = table.base_region
        cells["base:rest"] = table.base_rest
    for row in table.rows:
        if row.shown:
            cells[f"{row.label}:region"] = row.region
            cells[f"{row.label}:rest"] = row.rest
    return cells
