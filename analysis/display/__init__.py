"""The last step before the page: values, tables and Markdown blocks that print as text.

Everything a chapter displays comes from here, so it prints the same under real Quarto and
the built-in engine, and nothing taken from data (a respondent's answer, an option label) is
ever read as Markdown, HTML or Typst: :class:`Text` for inline values, :class:`Table` for
tables, :class:`Block` and its builders for lists and notices. Data text travels as a span
that a pandoc Lua filter turns into text nodes (:mod:`analysis.display.markup`).
"""

from analysis.display.markdown import Block, bullets, compose, div, empty, paragraph
from analysis.display.markup import FILTER, pipe_table, text_markdown, to_plain
from analysis.display.missing import NO_DATA, UNKNOWN, is_missing
from analysis.display.text import Text, as_text, text

__all__ = ["FILTER", "NO_DATA", "UNKNOWN", "Block", "Table", "Text", "as_text", "bullets",
           "compose", "div", "empty", "is_missing", "paragraph", "pipe_table", "text",
           "text_markdown", "to_plain"]


def __getattr__(name: str):
    """:class:`Table` is imported when first asked for: it needs pandas, which the modules
    that only format values (``analysis.fmt``, a cached render's title date) do not."""
    if name == "Table":
        from analysis.display.table import Table

        return Table
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
