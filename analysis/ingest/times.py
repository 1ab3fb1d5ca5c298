"""Parse the Start/Completion time cells of an export into timestamps.

Forms stores real Excel date cells; a CSV saved by Excel holds text such as ``9/20/24 19:04:01``
(US ``m/d/yy``), a Norwegian Excel may write ``20.09.2024 19:04``, a workbook read without
number formats gives serial numbers such as ``45555.79``, and Nettskjema writes ISO 8601 with
an offset (``2023-06-01T20:57:15+02:00``: the wall-clock time is kept, the offset dropped, as in
its Excel report). All are accepted; anything else, or a year outside 1900-2199, is NA.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

_FORMATS = ("%m/%d/%y %H:%M:%S", "%m/%d/%y %H:%M", "%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M",
            "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S",
            "%Y-%m-%d %H:%M")
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
# Times outside this range are typing errors, and past 2262 they do not fit datetime64[ns].
_EARLIEST, _LATEST = dt.datetime(1900, 1, 1), dt.datetime(2200, 1, 1)


def parse_time(value) -> dt.datetime | None:
    """Return the timestamp of one cell, or ``None`` when it cannot be read.

    Examples
    --------
    >>> parse_time("9/20/24 19:04:01")
    datetime.datetime(2024, 9, 20, 19, 4, 1)
    >>> parse_time(45555.5)
    datetime.datetime(2024, 9, 20, 12, 0)
    >>> parse_time("2023-06-01T20:57:15+02:00")
    datetime.datetime(2023, 6, 1, 20, 57, 15)
    """
    stamp = _parse(value)
    return stamp if stamp is not None and _EARLIEST <= stamp < _LATEST else None


def _parse(value) -> dt.datetime | None:
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
        if len(text) >= 16 and text[4:5] == "-":  # ISO 8601 with seconds or an offset
            try:
                return dt.datetime.fromisoformat(text).replace(tzinfo=None)
            except ValueError:
                return None
    return None


def parse_times(values: list | np.ndarray) -> tuple[pd.Series, list[int]]:
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
    if {type(v) for v in values} <= {dt.datetime, type(None)} and not any(
            v.tzinfo for v in values if v is not None):
        # The common case (date cells of a workbook): one conversion, no per-cell parsing.
        try:
            series = pd.Series(list(values), dtype="datetime64[ns]")
        except (ValueError, OverflowError):  # out of datetime64[ns] range: parse one by one
            series = None
        if series is not None and (series.isna() | ((series >= _EARLIEST)
                                                    & (series < _LATEST))).all():
            return series, []
    parsed = {v: parse_time(v) for v in set(values) if v is not None}
    stamps = [parsed.get(v) if v is not None else None for v in values]
    bad = [i for i, (v, s) in enumerate(zip(values, stamps, strict=True))
           if v is not None and s is None]
    return pd.Series(pd.to_datetime(stamps), dtype="datetime64[ns]"), bad
