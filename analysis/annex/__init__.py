"""The book's tables as an Excel annex (``_book/<output-file>-tabellvedlegg.xlsx``).

Both render engines write it after the chapters executed: the built-in engine from its
executed notebooks, Quarto's post-render hook from the notebooks Quarto kept. The tables are
read from what the chapters *printed* (the pipe tables of :class:`analysis.display.Table`
outputs), never recomputed, so the annex shows exactly what the book shows.
"""

from analysis.annex.collect import AnnexTable, notebook_tables, tables_of_book

__all__ = ["INDEX_SHEET", "AnnexTable", "notebook_tables", "sheet_names", "tables_of_book",
           "write_annex", "write_book_annex"]

#: Imported when first asked for: the workbook needs openpyxl, which reading the tables a
#: chapter printed (a render whose annex is unchanged) does not.
_WORKBOOK = ("INDEX_SHEET", "sheet_names", "write_annex", "write_book_annex")


def __getattr__(name: str):
    if name in _WORKBOOK:
        from analysis.annex import workbook

        return getattr(workbook, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
