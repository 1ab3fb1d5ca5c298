"""The book's tables in reading order, with the numbers the book prints: what the annex needs.

Either engine computes this from the book (its chapter order and cross-reference numbering,
:func:`analysis.engine.crossref.book_tables`) after the chapters ran, and hands it to the
Excel annex (:mod:`analysis.annex`), so the annex numbers and orders its sheets exactly as the
book does without importing the engine. A leaf: it imports nothing from ``analysis``.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NumberedTable:
    """One ``tbl-`` cell of the book.

    ``number`` is the reference text the book prints ("Tabell 3.2"; empty when the engine has
    no number for it); ``optional`` is True for a table in the section of one question (a wave
    that did not ask it prints a sentence instead, and the annex leaves the table out).
    """

    label: str
    number: str
    caption: str
    chapter: str
    line: int
    optional: bool


@dataclass(frozen=True)
class BookTables:
    """The book's title, date, annex file name and its tables in reading order."""

    title: str
    date: str
    annex_name: str
    tables: tuple[NumberedTable, ...]
