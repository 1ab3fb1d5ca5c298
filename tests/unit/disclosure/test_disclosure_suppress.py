"""Disclosure control: hand-made tables, and property tests that no printed cell and no
difference of printed cells (with the book's national counts) reveals a small count."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.disclosure import (
    BASE,
    DIFFERENCE,
    PRIMARY,
    SECONDARY,
    SHOWN,
    Policy,
    leaks,
    printed_rows,
    protect,
    published,
)

P = Policy(threshold=5, min_base=10)


def _status(table):
    return [r.status for r in table.rows]


def test_a_small_region_count_is_hidden_with_the_next_lowest():
    # 1 in the region is small; alone it would be base - shown = 12 - 6 - 5 = 1: the next
    # lowest row (5) goes too.
    t = protect(["godt", "litt", "hørt", "aldri"], [6, 5, 1, 0], [22, 14, 10, 0], 12, 46, P)
    assert _status(t) == [SHOWN, SECONDARY, PRIMARY, SHOWN]


def test_a_region_count_is_hidden_when_the_rest_of_the_country_would_be_small():
    # national 10, region 6: printing 6 beside the book's 10 gives the rest 4 away
    t = protect(["godt", "litt", "hørt"], [9, 5, 6], [22, 14, 10], 20, 46, P)
    assert _status(t) == [SHOWN, SECONDARY, DIFFERENCE]


def test_a_row_known_to_be_zero_is_never_the_secondary():
    # the row with national 0 is 0 in every region; hiding it would protect nothing
    t = protect(["a", "b", "c"], [2, 0, 10], [9, 0, 20], 12, 29, P)
    assert _status(t) == [PRIMARY, SHOWN, SECONDARY]


def test_a_small_base_hides_the_whole_table():
    t = protect(["a", "b"], [2, 1], [20, 20], 3, 40, P)
    assert not t.base_shown and set(_status(t)) == {BASE}
    assert published(t) == {}


def test_a_share_needs_a_base_of_ten():
    t = protect(["a", "b"], [7, 0], [22, 14], 7, 46, P)
    assert t.rows[0].region_pct is None and t.rows[0].rest_pct == pytest.approx(100 * 15 / 39)


def test_several_answers_allowed_still_hide_two_rows():
    t = protect(["a", "b", "c"], [7, 3, 9], [20, 20, 20], 12, 40, P, additive=False)
    assert _status(t) == [SECONDARY, PRIMARY, SHOWN]


def test_the_check_finds_what_an_unprotected_table_gives_away():
    # the check is independent of protect(): fed the raw table it must object
    from analysis.disclosure import PrintedRow

    raw = [PrintedRow("godt", 6, 16, 22), PrintedRow("litt", 5, 9, 14),
           PrintedRow("hørt", None, None, 10), PrintedRow("aldri", 0, 0, 0)]
    assert leaks(raw, 12, 34, P, additive=True) == ["hørt: region = base - shown = 1"]


@st.composite
def tables(draw, additive=True):
    k = draw(st.integers(2, 8))
    policy = Policy(threshold=k, min_base=draw(st.integers(1, 15)),
                    secondary=True, protect_differences=True)
    n = draw(st.integers(1, 7))
    national = draw(st.lists(st.integers(0, 30), min_size=n, max_size=n))
    region = [draw(st.integers(0, nat)) for nat in national]
    if additive:
        base_region, base_national = sum(region), sum(national)
    else:
        base_region = draw(st.integers(max(region, default=0), max(sum(region), 1)))
        base_national = base_region + draw(st.integers(
            max([nat - r for r, nat in zip(region, national, strict=True)], default=0), 60))
    return policy, [f"r{i}" for i in range(n)], region, national, base_region, base_national


def _check(policy, table, additive):
    cells = published(table)
    assert all(not policy.small(v) for v in cells.values()), cells
    base_region = table.base_region if table.base_shown else None
    base_rest = table.base_rest if table.base_shown else None
    assert leaks(printed_rows(table), base_region, base_rest, policy, additive) == []


@settings(deadline=None, max_examples=500, derandomize=True)
@given(tables())
def test_no_printed_cell_or_difference_reveals_a_small_count(case):
    policy, labels, region, national, base_region, base_national = case
    table = protect(labels, region, national, base_region, base_national, policy)
    _check(policy, table, additive=True)


@settings(deadline=None, max_examples=300, derandomize=True)
@given(tables(additive=False))
def test_several_answers_allowed_print_no_small_count(case):
    policy, labels, region, national, base_region, base_national = case
    table = protect(labels, region, national, base_region, base_national, policy,
                    additive=False)
    _check(policy, table, additive=False)
    assert not table.base_shown or len(table.hidden()) != 1
