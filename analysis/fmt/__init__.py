"""Norwegian formatting of numbers, shares, percentage points, p-values and intervals."""

from analysis.fmt.norwegian import (
    MINUS,
    MISSING,
    NBSP,
    ci,
    count_of,
    is_missing,
    join,
    lower_first,
    num,
    p_value,
    pct,
    pp,
    upper_first,
)

__all__ = [
    "MINUS", "MISSING", "NBSP", "ci", "count_of", "is_missing", "join", "lower_first", "num",
    "p_value", "pct", "pp", "upper_first",
]
