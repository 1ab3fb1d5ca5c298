"""``Text``: a value the book prints as plain text, under Quarto and the built-in engine alike.

An inline expression's value reaches the page through IPython's display formatter: Quarto
inserts a ``text/markdown`` representation as is and otherwise a ``text/plain`` one (the
``repr``: quotes stripped, ``\\xa0`` left as characters). ``Text`` is a ``str`` whose
``text/markdown`` is its characters as data text (:func:`analysis.display.markup.text_markdown`)
and whose ``text/plain`` is the text itself, so ``40 %`` prints as ``40 %`` (no-break space
kept) and ``<b>`` prints as ``<b>``, never as markup.

Examples
--------
>>> Text("<b>")._repr_markdown_()
'[]{.data-text hex="3c623e"}'
>>> Text("40\\u00a0%") == "40\\u00a0%"
True
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec

from analysis.display.markup import text_markdown

_P = ParamSpec("_P")


class Text(str):
    """Plain text for the page (a ``str``; string operations return plain ``str``)."""

    __slots__ = ()

    def _repr_markdown_(self) -> str:
        return text_markdown(str(self))

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(str(self))


def text(value: object) -> Text:
    """Wrap any value's ``str()`` as :class:`Text` (a ``Text`` is returned unchanged)."""
    return value if isinstance(value, Text) else Text(str(value))


def as_text(func: Callable[_P, object]) -> Callable[_P, Text]:
    """Decorator: return the function's result as :class:`Text` (so it prints as text)."""

    @functools.wraps(func)
    def wrapper(*args: _P.args, **kwargs: _P.kwargs) -> Text:
        return text(func(*args, **kwargs))

    return wrapper
