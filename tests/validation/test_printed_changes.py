"""Every printed change equals the difference of the two printed shares beside it.

The rule (stated in the box «Slik leser du tallene»): a change in percentage points is the
later printed share minus the earlier printed share, so a reader can check it by hand. Read
from what the book prints -- the executed chapters' tables and ``_book/inline-values.json`` of
the shared cold render (``book_render("first")``, as tests/validation/test_book_backtest.py
reads them) -- never recomputed from the data.
"""

from __future__ import annotations

import re
from decimal import Decimal

import pytest

from analysis.engine.book import load_book
from analysis.engine.book_execution import execute_chapters, read_chapters
from analysis.fmt import parse_number
from analysis.report.book_map import printed_inline, printed_tables

#: ``q01.verdict(nurses)``, ``v["q02"].share("Vest-Norge", prev)``, ``og.share(q18, role, 2023)``
_CALL = re.compile(r"^(?P<obj>\w+(?:\[[^\]]+\])?)\.(?P<fn>share|verdict|change|shift)"
                   r"\((?P<args>.*)\)$")
_SIZE = re.compile(r"^en (?P<dir>økning|nedgang) på (?P<n>\d+(?:,\d+)?)[\s\u00a0]prosentpoeng")
_SHARE = re.compile(r"^Andel (\d{4})$")


@pytest.fixture(scope="module")
def printed(book_render):
    root = book_render("first")
    docs = read_chapters(root, load_book(root).sources)
    chapters = execute_chapters(root, docs, log=lambda line: None)  # cache hits: no kernel
    return {"tables": printed_tables({c.doc.path: c.notebook for c in chapters}),
            "inline": printed_inline(root / "_book" / "inline-values.json")}


def _args(text: str) -> list[str]:
    """Top-level comma-separated arguments of a call."""
    out, depth, cur = [], 0, ""
    for ch in text:
        depth += ch in "([{"
        depth -= ch in ")]}"
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    return [*out, cur.strip()] if cur.strip() else out


def _points(text: str) -> Decimal | None:
    """The change a printed clause or value states: "+21 prosentpoeng", "en nedgang på 19
    prosentpoeng, ...", "ingen endring" -> 0; None when it states none (e.g. "ukjent")."""
    text = str(text)
    if text.startswith("ingen endring"):
        return Decimal(0)
    m = _SIZE.match(text)
    if m:
        size = Decimal(m.group("n").replace(",", "."))
        return size if m.group("dir") == "økning" else -size
    parsed = parse_number(text)
    return parsed[0] if parsed else None


def _share(text: str) -> Decimal | None:
    parsed = parse_number(str(text))
    return parsed[0] if parsed and str(text).strip().endswith("%") else None


def test_every_table_change_is_the_difference_of_its_printed_shares(printed):
    checked, failures = 0, []
    for label, (columns, rows) in printed["tables"].items():
        years = sorted(int(m.group(1)) for c in columns if (m := _SHARE.match(c)))
        if "Endring (pp)" not in columns or len(years) != 2:
            continue
        a_col, b_col = columns.index(f"Andel {years[0]}"), columns.index(f"Andel {years[1]}")
        change_col = columns.index("Endring (pp)")
        for row in rows:
            a, b, change = _share(row[a_col]), _share(row[b_col]), _points(row[change_col])
            if a is None or b is None:
                assert change is None or row[change_col] == "", (label, row)
                continue
            checked += 1
            if change != b - a:
                failures.append(f"{label} / {row[0]}: {row[a_col]} -> {row[b_col]} prints "
                                f"{row[change_col]!r}, expected {b - a:+}")
    assert checked >= 30, f"only {checked} table changes found"
    assert not failures, "\n".join(failures)


def test_the_comparison_table_changes_match_their_shares(printed):
    columns, rows = printed["tables"]["tbl-sammenlikning-endringer"]
    years = [c for c in columns if re.fullmatch(r"\d{4}", c)]
    checked = 0
    for row in rows:
        a, b = _share(row[columns.index(years[0])]), _share(row[columns.index(years[1])])
        if a is None or b is None:
            continue
        assert _points(row[columns.index("Endring (pp)")]) == b - a, row
        checked += 1
    # twelve main changes: two are breaks in the series (left out), two are ratings (means)
    assert checked >= 8


def test_every_inline_change_is_the_difference_of_the_shares_beside_it(printed):
    shares: dict[tuple, dict[str, set[str]]] = {}
    changes = []
    for (chapter, expression), values in printed["inline"].items():
        m = _CALL.match(expression)
        if not m:
            continue
        args = _args(m.group("args"))
        width = 2 if m.group("obj") == "og" else 1  # og.share(q18, role, 2023)
        key = (chapter, m.group("obj"), tuple(args[:width]))
        if m.group("fn") == "share":
            wave = "prev" if len(args) > width else "now"
            shares.setdefault(key, {"prev": set(), "now": set()})[wave].update(values)
        elif m.group("fn") in ("verdict", "change", "shift") and len(args) >= width:
            changes.extend((key, expression, v) for v in values)
    checked, failures = 0, []
    for key, expression, value in changes:
        points = _points(value)
        both = shares.get(key)
        if points is None or not both or not both["prev"] or not both["now"]:
            continue
        prev, now = both["prev"], both["now"]
        assert len(prev) == len(now) == 1, f"{key}: one share printed several ways {prev} {now}"
        a, b = _share(next(iter(prev))), _share(next(iter(now)))
        if a is None or b is None:
            continue
        checked += 1
        if points != b - a:
            failures.append(f"{key[0]}: `{expression}` prints {value!r} beside "
                            f"{next(iter(prev))} -> {next(iter(now))}, expected {b - a:+}")
    assert checked >= 15, f"only {checked} inline changes beside their shares"
    assert not failures, "\n".join(failures)
