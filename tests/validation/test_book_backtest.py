"""Back-test of the book itself: the published figures, read from what the rendered book prints.

``data/published/book-map.yaml`` says where each ledger figure of the results chapters is
shown (an inline expression, or a table cell). These tests read the values the render left --
``_book/inline-values.json`` and the executed chapter notebooks' table outputs, i.e. what a
reader sees -- and compare each with the published value under its rounding rule. Expected
values come from the ledger (the published report), never from our own output.

This is also how the chapter notebooks are *checked*, not only run (issue 10, point 4): every
results-chapter table that holds a published figure, and the inline values the prose builds on,
are compared here with the published figures. Stored outputs would only compare the book with
an earlier copy of itself; the back-test compares it with the report.
"""

from __future__ import annotations

import re
from fractions import Fraction

import pytest

from analysis.engine.book import load_book
from analysis.engine.book_execution import execute_chapters, read_chapters
from analysis.fmt import parse_count, parse_number
from analysis.ledger.rounding import stated_interval
from analysis.report.book_map import ShownAs, load_book_map, printed_inline, printed_tables
from analysis.report.book_map import printed_value as read_printed

#: Coverage the map must reach: mapped / ledger figures of the results chapters.
MIN_COVERAGE = 0.90
#: An inline expression that prints a ledger value verbatim (context, or a figure the chapter
#: discusses): counted as mapped, but it does not test the computation.
QUOTE = re.compile(r"^(ctx\.)?published\(")


@pytest.fixture(scope="module")
def printed(book_render):
    """What the cold render ``book_render("first")`` printed: tables by label, inline values,
    and each chapter's source text (whitespace-normalised)."""
    root = book_render("first")
    docs = read_chapters(root, load_book(root).sources)
    chapters = execute_chapters(root, docs, log=lambda line: None)  # cache hits: no kernel
    tables = printed_tables({c.doc.path: c.notebook for c in chapters})
    inline = printed_inline(root / "_book" / "inline-values.json")
    sources = {c.doc.path: " ".join((root / c.doc.path).read_text(encoding="utf-8").split())
               for c in chapters}
    return {"tables": tables, "inline": inline, "sources": sources}


@pytest.fixture(scope="module")
def book_map():
    return load_book_map()


@pytest.fixture(scope="module")
def figures(bundle, book_map):
    """Ledger rows of the years and sections the map covers, by id."""
    ledger = bundle.ledger.frame()
    scope = ledger[ledger["year"].isin(book_map.years) & ledger["section"].isin(book_map.sections)]
    return scope.set_index("id")


def _fits(text: str, fig) -> bool:
    # a count in a sentence may be printed as a word ("sju", fmt.number_word)
    parsed = parse_count(text)
    if parsed is None:
        return False
    value = Fraction(parsed[0])
    lo, hi = stated_interval(fig["value"], int(fig["decimals"]), fig["qualifier"])
    return (lo is None or value >= lo) and (hi is None or value <= hi)


def _expected(fig) -> str:
    lo, hi = stated_interval(fig["value"], int(fig["decimals"]), fig["qualifier"])
    bounds = f"[{'' if lo is None else float(lo):g}, {'' if hi is None else float(hi):g}]"
    qualifier = f"{fig['qualifier']} " if fig["qualifier"] else ""
    return f"{qualifier}{fig['value']:g} (rounding {bounds})"


def test_the_map_names_ledger_figures_of_its_scope(book_map, figures, bundle):
    ids = {f.id for f in bundle.ledger}
    unknown = [e.id for e in book_map.shown if e.id not in ids]
    assert not unknown, f"book-map.yaml names figures not in the ledger: {unknown}"
    outside = [e.id for e in book_map.shown if e.id not in figures.index]
    assert not outside, f"book-map.yaml maps figures outside its sections/years: {outside}"


def test_every_mapped_figure_is_printed_within_rounding(book_map, figures, printed):
    failures, checked, quoted = [], 0, 0
    for entry in book_map.shown:
        if entry.shown_as is not ShownAs.PUBLISHED:
            continue
        fig = figures.loc[entry.id]
        where = entry.where.describe()
        try:
            text = read_printed(entry.where, printed["tables"], printed["inline"])
        except LookupError as exc:
            failures.append(f"{entry.id}: expected {_expected(fig)} at {where}; missing: {exc}")
            continue
        if not _fits(text, fig):
            failures.append(f"{entry.id}: expected {_expected(fig)} at {where}; "
                            f"printed {text!r}")
        checked += 1
        quoted += bool(entry.where.expression and QUOTE.match(entry.where.expression))
    assert checked > 0
    assert not failures, (f"{len(failures)} published figures the book does not print as "
                          "published:\n" + "\n".join(failures))


def test_deliberate_differences_are_printed_and_explained(book_map, figures, printed, audit,
                                                          bundle):
    inconsistent = set(audit.loc[audit["inconsistent"], "id"])
    contradicted = {fid for c in bundle.contradictions for fid in c.figures}
    book_text = " ".join(printed["sources"].values())
    problems = []
    for entry in book_map.shown:
        if entry.shown_as in (ShownAs.PUBLISHED, ShownAs.NOT_SHOWN):
            continue
        fig = figures.loc[entry.id]
        explained = " ".join(entry.explained_by.split())
        if explained not in book_text:
            problems.append(f"{entry.id}: no chapter says {entry.explained_by!r}")
        if entry.shown_as is ShownAs.INCONSISTENT and entry.id not in inconsistent | contradicted:
            problems.append(f"{entry.id}: mapped as inconsistent, but neither the solver nor "
                            "contradictions.yaml says so")
        try:
            text = read_printed(entry.where, printed["tables"], printed["inline"])
        except LookupError as exc:
            problems.append(f"{entry.id}: {entry.shown_as.value} at {entry.where.describe()}, "
                            f"missing: {exc}")
            continue
        quote = bool(entry.where.expression and QUOTE.match(entry.where.expression))
        if not quote and _fits(text, fig):
            problems.append(f"{entry.id}: mapped as {entry.shown_as.value}, but the book prints "
                            f"{text!r}, within {_expected(fig)}: map it as published")
    assert not problems, "\n".join(problems)


def test_every_results_table_with_published_figures_is_backtested(book_map, figures, printed):
    mapped_tables = {e.where.table for e in book_map.shown if e.where and e.where.table}
    questions = {int(q) for q in figures["question"].dropna()}
    unchecked = []
    for label, (_, rows) in printed["tables"].items():
        numbers = any(parse_number(cell) is not None for row in rows for cell in row[1:])
        m = re.search(r"-q(\d\d)$", label)
        if m and int(m.group(1)) in questions and numbers and label not in mapped_tables:
            unchecked.append(label)
    assert not unchecked, f"tables printing published figures with no mapped cell: {unchecked}"


def test_coverage_of_the_results_chapters(book_map, figures):
    by_status = {s: 0 for s in ShownAs}
    mapped = {e.id for e in book_map.shown}
    for entry in book_map.shown:
        by_status[entry.shown_as] += 1
    quoted = sum(1 for e in book_map.shown if e.where and e.where.expression
                 and QUOTE.match(e.where.expression))
    total = len(figures)
    placed = {e.id for e in book_map.shown if e.where is not None} & set(figures.index)
    coverage = len(placed) / total
    # The summary line the closing note quotes; -s shows it, -rA keeps it in the report.
    print(f"\nback-test: {len(mapped & set(figures.index))} of {total} ledger figures of the "
          f"results chapters listed, {len(placed)} ({coverage:.0%}) mapped to a place in the book "
          f"and read back: {by_status[ShownAs.PUBLISHED]} printed within rounding "
          f"({quoted} of them quoted from the ledger), {by_status[ShownAs.CORRECTED]} "
          f"corrected, {by_status[ShownAs.INCONSISTENT]} inconsistent, "
          f"{by_status[ShownAs.NOT_SHOWN]} not shown")
    assert coverage >= MIN_COVERAGE, sorted(set(figures.index) - placed)
