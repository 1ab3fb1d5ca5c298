"""Which tables the book prints: labels and captions from the chapter sources, cells from the
executed notebooks of either engine."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.book_order import BookTables

_LABEL_LINE = re.compile(r"^#\|\s*label:\s*(\S+)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class AnnexTable:
    """One table of the book: ``label`` (``tbl-...``), ``number`` ("Tabell 3.1"), the caption,
    the chapter source, the column headings and the rows (cell texts as printed)."""

    label: str
    number: str
    caption: str
    chapter: str
    headers: list[str]
    rows: list[list[str]]


def _cell_label(cell: dict) -> str:
    """A code cell's label: the built-in engine keeps it in ``metadata.qmd``, Quarto's kept
    notebooks in the cell's ``#| label:`` line."""
    label = cell.get("metadata", {}).get("qmd", {}).get("label")
    if label:
        return str(label)
    source = cell.get("source", "")
    match = _LABEL_LINE.search(source if isinstance(source, str) else "".join(source))
    return match.group(1) if match else ""


def notebook_tables(notebook: dict) -> dict[str, tuple[list[str], list[list[str]]]]:
    """``label -> (headers, rows)`` of every ``tbl-`` cell of an executed notebook that printed
    a pipe table (an unexecuted notebook gives none)."""
    from analysis.display.markup import pipe_table_cells

    out = {}
    for cell in notebook.get("cells", []):
        label = _cell_label(cell)
        if cell.get("cell_type") != "code" or not label.startswith("tbl-"):
            continue
        for output in cell.get("outputs", []):
            markdown = output.get("data", {}).get("text/markdown")
            if isinstance(markdown, list):
                markdown = "".join(markdown)
            if markdown and "|" in markdown:
                out[label] = pipe_table_cells(markdown)
                break
    return out


def tables_of_book(book: BookTables, printed: dict[str, dict[str, tuple]]) -> list[AnnexTable]:
    """The book's tables in reading order.

    Parameters
    ----------
    book : analysis.book_order.BookTables
        The book's tables in reading order with their numbers (computed by the engine).
    printed : dict
        Chapter source -> ``label -> (headers, rows)`` (:func:`notebook_tables`).

    Raises
    ------
    ValueError
        If a ``tbl-`` cell of a chapter printed no table (the annex would silently miss it),
        unless the cell is in the section of one question (a ``.question`` div): a wave that
        did not ask the question prints a sentence there instead (the book leaves the table
        out, and so does the annex).
    """
    out = []
    for table in book.tables:
        found = printed.get(table.chapter, {}).get(table.label)
        if found is None:
            if table.optional:
                continue
            raise ValueError(f"{table.chapter}: table cell {table.label!r} (line {table.line}) "
                             "printed no table; the annex needs every table of the book")
        headers, rows = found
        out.append(AnnexTable(table.label, table.number, table.caption, table.chapter,
                              list(headers), [list(r) for r in rows]))
    return out
