"""``Text``: a value the book prints as plain text, under Quarto and the built-in engine alike.

An inline expression's value reaches the page through IPython's display formatter: Quarto
inserts a ``text/markdown`` representation as is and otherwise a ``text/plain`` one (the
``repr``: quotes stripped, ``\\xa0`` left as four characters). ``Text`` is a ``str`` whose
``text/markdown`` is its own characters escaped by pandoc's writer
(:func:`analysis.display.escape.escape_inline`) and whose ``text/plain`` is the text itself, so
``40 %`` prints as ``40 %`` (no-break space kept) and ``<b>`` prints as ``<b>``, never as markup.

Examples
--------
>>> t = Text("40\\u00a0%")
>>> t._repr_markdown_() == "40\\u00a0%", t == "40\\u00a0%"
(True, True)
>>> Text("<b>")._repr_markdown_()
'\\\\<b\\\\>'
"""

from __future__ import annotations

import functools

from analysis.display.escape import escape_inline


class Text(str):
    """Plain text for the page (a ``str``; string operations return plain ``str``)."""

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return escape_inline(str(self))

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(str(self))


def text(value: object) -> Text:
    """Wrap any value's ``str()`` as :class:`Text` (a ``Text`` is returned unchanged)."""
    return value if isinstance(value, Text) else Text(str(value))


def as_text(func):
    """Decorator: return the function's result as :class:`Text` (so it prints as text)."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs) -> Text:
        return text(func(*args, **kwargs))

    return wrapper
