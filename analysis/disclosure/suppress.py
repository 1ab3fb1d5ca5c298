"""Suppress what a region's table may not publish, before any renderer sees it.

A region's table compares, row by row (an option, a role), the region's count with the rest of
the country's; the book publishes the national count, so region + rest = national is public.
The rules, all from one :class:`~analysis.disclosure.policy.Policy`:

1. *Primary*: a row is hidden (region and rest alike) when the region's count is small
   (1 to threshold - 1), or when the rest's is (national minus region: the differencing
   attack on the national table).
2. *Secondary*: while one row alone is hidden, or (rows that add up to the base) the hidden
   rows together hold a small count in the region or the rest, or the bounds on a hidden row
   leave it only small values, the shown row with the next-lowest region count is hidden
   too: the base minus the shown rows never gives a small group away. If nothing is left to
   hide, the whole table is hidden.
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
            base_region: int, base_national: int, policy: Policy,
            additive: bool = True) -> ProtectedTable:
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
    additive
        True when the rows add up to the base (a single-choice question): the base minus
        the shown rows is then the hidden rows' sum, and :func:`exposed` guards it. False
        for several answers allowed (roles): only the one-hidden-row rule applies.

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
        status = _secondary(status, region, national, policy, additive)
        base_shown = BASE not in status
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
               policy: Policy, additive: bool) -> list[str]:
    """Hide further rows, lowest region count first, while the hidden rows are exposed
    (:func:`exposed`); rows whose national count is 0 are known to be 0 from the book, so
    hiding them protects nothing and they are never chosen. When no row is left to hide and
    the rows are still exposed, the whole table is hidden (:data:`BASE`)."""
    status = list(status)
    while exposed(status, region, national, policy, additive):
        candidates = [i for i, s in enumerate(status) if s == SHOWN and national[i] > 0]
        if not candidates:
            return [BASE] * len(status)
        nxt = min(candidates, key=lambda i: (region[i], i))
        status[nxt] = SECONDARY
    return status


def exposed(status: Sequence[str], region: Sequence[int], national: Sequence[int],
            policy: Policy, additive: bool) -> bool:
    """Whether the hidden rows of a table with a shown base still give a small count away.

    They do when one row alone is hidden; and, when the rows add up to the base
    (``additive``: a single-choice question), when the hidden rows together hold a small
    count in the region or in the rest (the base minus the shown rows), or when the bounds
    those sums and the national counts put on one hidden row leave only small values.
    """
    hidden = [i for i, s in enumerate(status) if s != SHOWN]
    if not hidden:
        return False
    if len(hidden) == 1:
        return True
    if not additive:
        return False
    total = sum(region[i] for i in hidden)
    total_national = sum(national[i] for i in hidden)
    if policy.small(total) or policy.small(total_national - total):
        return True
    return any(pinned_small(lo, hi, national[i], policy)
               for i in hidden
               for lo, hi in [bounds(total, national[i], total_national - national[i])])


def bounds(hidden_total: int, national: int, others_national: int) -> tuple[int, int]:
    """The values a hidden row's region count can take, knowing the hidden rows' region total,
    its national count and the other hidden rows' national counts.

    >>> bounds(6, 1, 5)  # one of 1 nationally and one of 5, six in the region: both pinned
    (1, 1)
    """
    return max(0, hidden_total - others_national), min(national, hidden_total)


def pinned_small(lo: int, hi: int, national: int, policy: Policy) -> bool:
    """True when every value in ``lo..hi`` is small, or every matching rest count is."""
    k = policy.threshold
    return (1 <= lo and hi < k) or (1 <= national - hi and national - lo < k)


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
