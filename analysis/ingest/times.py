"""Parse the Start/Completion time cells of an export into timestamps.

Forms stores real Excel date cells; a CSV saved by Excel holds text such as ``9/20/24 19:04:01``
(US ``m/d/yy``), a Norwegian Excel may write ``20.09.2024 19:04``, and a workbook read without
number formats gives serial numbers such as ``45555.79``. All are accepted; anything else is NA.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

_FORMATS = ("%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M",
            "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)


def parse_time(value) -> dt.datetime | None:
    """Return the timestamp of one cell, or ``None`` when it cannot be read.

    Examples
    --------
    >>> parse_time("9/20/24 19:04:01")
    datetime.datetime(2024, 9, 20, 19, 4, 1)
    >>> parse_time(45555.5)
    datetime.datetime(2024, 9, 20, 12, 0)
    """
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    if isinstance(value, int | float) and not isinstance(value, bool):
        if 1 <= value < 2958466:  # Excel's serial range (1900-01-01 to 9999-12-31)
            return _EXCEL_EPOCH + dt.timedelta(days=float(value))
        return None
    if isinstance(value, str):
        text = " ".join(value.split())
        for fmt in _FORMATS:
            try:
                return dt.datetime.strptime(text, fmt)
            except ValueError:
                continue
    return None


def parse_times(values: list) -> tuple[pd.Series, list[int]]:
    """Parse a column of time cells, each distinct value once.

    Parameters
    ----------
    values
        Raw cell values, one per response (``None`` for empty cells).

    Returns
    -------
    tuple
        A ``datetime64[ns]`` series (NaT when empty or unreadable, positional index) and the
        positions of the non-empty cells that could not be read.
    """
    parsed = {v: parse_time(v) for v in set(values) if v is not None}
    stamps = [parsed.get(v) if v is not None else None for v in values]
    bad = [i for i, (v, s) in enumerate(zip(values, stamps, strict=True))
           if v is not None and s is None]
    return pd.Series(pd.to_datetime(stamps), dtype="datetime64[ns]"), bad
