"""The book's tables in reading order with their printed numbers, for the Excel annex.

Both engines call :func:`book_tables` after the chapters ran and hand the result
(:class:`analysis.book_order.BookTables`, a plain record outside the engine) to the annex
hook, so the annex numbers its sheets as the book does without importing the engine.
"""

from __future__ import annotations

from analysis.book_order import BookTables, NumberedTable
from analysis.engine import crossref
from analysis.engine.book import Book
from analysis.engine.qmd import QmdDocument, read_qmd


def book_tables(book: Book, docs: list[QmdDocument] | None = None) -> BookTables:
    """Every ``tbl-`` cell of ``book``, in reading order, numbered as the book prints it.

    ``docs``: the chapters already parsed (the render has them); read from disk otherwise.

    A table inside the section of one question (a ``.question`` div) is ``optional``: its
    reference would read ``?@`` if no question were asked, so a wave that did not ask the
    question may print no table there.
    """
    if docs is None:
        docs = [read_qmd(book.root / s, s) for s in book.sources]
    index = crossref.collect(docs, set(book.appendices))
    none_asked = crossref.collect(docs, set(book.appendices), {d.path: set() for d in docs})
    tables = []
    for doc in docs:
        for cell in doc.cells:
            if not cell.label.startswith("tbl-"):
                continue
            ref = index.refs.get(cell.label)
            unasked = none_asked.refs.get(cell.label)
            tables.append(NumberedTable(
                cell.label, ref.text if ref else "", str(cell.options.get("tbl-cap", "")),
                doc.path, cell.line, bool(unasked and unasked.text.startswith("?@"))))
    return BookTables(book.title, book.date, book.annex_name, tuple(tables))
