"""The book's tables as an Excel annex (``_book/<output-file>-tabellvedlegg.xlsx``).

Both render engines write it after the chapters executed: the built-in engine from its
executed notebooks, Quarto's post-render hook from the notebooks Quarto kept. The tables are
read from what the chapters *printed* (the pipe tables of :class:`analysis.display.Table`
outputs), never recomputed, so the annex shows exactly what the book shows.
"""

from analysis.annex.collect import AnnexTable, notebook_tables, tables_of_book
from analysis.annex.workbook import INDEX_SHEET, sheet_names, write_annex, write_book_annex

__all__ = ["INDEX_SHEET", "AnnexTable", "notebook_tables", "sheet_names", "tables_of_book",
           "write_annex", "write_book_annex"]
