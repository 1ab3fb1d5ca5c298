"""Parsing Start/Completion time cells."""

import datetime as dt

from analysis.ingest.times import parse_time, parse_times


def test_formats():
    expected = dt.datetime(2024, 9, 20, 19, 4, 1)
    assert parse_time("9/20/24 19:04:01") == expected
    assert parse_time("20.09.2024 19:04:01") == expected
    assert parse_time(expected) == expected
    assert parse_time("10/9/2024 11:02") == dt.datetime(2024, 10, 9, 11, 2)
    # Serial 45000 is 2023-03-15 in Excel's 1900 date system; .25 of a day is 06:00.
    assert parse_time(45000.25) == dt.datetime(2023, 3, 15, 6, 0)


def test_unreadable_times_are_reported_by_position():
    stamps, bad = parse_times(["9/20/24 19:04:01", None, "i går"])
    assert bad == [2]
    assert stamps.isna().tolist() == [False, True, True]
