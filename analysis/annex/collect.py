"""Which tables the book prints: labels and captions from the chapter sources, cells from the
executed notebooks of either engine."""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.engine import crossref
from analysis.engine.book import Book
from analysis.engine.qmd import read_qmd

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


def tables_of_book(book: Book, printed: dict[str, dict[str, tuple]]) -> list[AnnexTable]:
    """The book's tables in reading order.

    Parameters
    ----------
    book : Book
        The book (chapter order, numbering).
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
    docs = [read_qmd(book.root / s, s) for s in book.sources]
    index = crossref.collect(docs, set(book.appendices))
    in_question = None  # numbered as if no question were asked (only when a table is missing)
    out = []
    for doc in docs:
        for cell in doc.cells:
            if not cell.label.startswith("tbl-"):
                continue
            found = printed.get(doc.path, {}).get(cell.label)
            if found is None:
                if in_question is None:  # tables inside question sections then read "?@"
                    in_question = crossref.collect(docs, set(book.appendices),
                                                   {d.path: set() for d in docs})
                if in_question.refs[cell.label].text.startswith("?@"):
                    continue
                raise ValueError(f"{doc.path}: table cell {cell.label!r} (line {cell.line}) "
                                 "printed no table; the annex needs every table of the book")
            headers, rows = found
            ref = index.refs.get(cell.label)
            out.append(AnnexTable(cell.label, ref.text if ref else "",
                                  str(cell.options.get("tbl-cap", "")), doc.path,
                                  list(headers), [list(r) for r in rows]))
    return out
