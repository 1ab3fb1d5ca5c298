"""Norwegian formatting of numbers, shares, percentage points, p-values and intervals."""

from analysis.fmt.norwegian import (
    MINUS,
    MISSING,
    MONTHS,
    NBSP,
    ci,
    count_of,
    date,
    guillemets,
    join,
    lower_first,
    num,
    number_word,
    p_number,
    p_value,
    pct,
    quote,
    upper_first,
)
from analysis.fmt.parse import parse_count, parse_number

__all__ = [
    "MINUS", "MISSING", "MONTHS", "NBSP", "ci", "count_of", "date", "guillemets", "join",
    "lower_first", "num", "number_word", "p_number", "p_value", "parse_count", "parse_number",
    "pct", "quote", "upper_first",
]
