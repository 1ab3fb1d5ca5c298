"""Markdown blocks for the chapters, composed from authored templates and data values.

A template is written by the authors (it may hold Markdown: ``**bold**``, ``@sec-x``); every
value put into it is data text (:func:`analysis.display.markup.text_markdown`), unless it is
itself a :class:`Block`. A respondent's answer can therefore never add markup, a reference or
code to the page.

Examples
--------
>>> compose("**{name}** svarte", name="<i>")
'**[]{.data-text hex="3c693e"}** svarte'
>>> print(bullets(["a*b"]).markdown, end="")
- []{.data-text hex="612a62"}
"""

from __future__ import annotations

import string
from collections.abc import Iterable

from analysis.display.markup import text_markdown


class Block:
    """Markdown that a cell displays (``text/markdown``), e.g. a list, a notice, a quote."""

    __slots__ = ("markdown",)

    def __init__(self, markdown: str) -> None:
        self.markdown = markdown if markdown.endswith("\n") or not markdown else markdown + "\n"

    def _repr_markdown_(self) -> str:
        return self.markdown

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        printer.text(self.markdown)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Block) and other.markdown == self.markdown

    def __hash__(self) -> int:
        return hash(self.markdown)

    def __add__(self, other: Block) -> Block:
        """Two blocks one after the other (a blank line between; an empty one adds nothing)."""
        if not isinstance(other, Block):
            return NotImplemented
        parts = [b.markdown.rstrip("\n") for b in (self, other) if b.markdown.strip()]
        return Block("\n\n".join(parts) + "\n" if parts else "")


def value_markdown(value: object) -> str:
    """A value as Markdown: a :class:`Block` as it is, anything else as data text."""
    if isinstance(value, Block):
        return value.markdown.rstrip("\n")
    return text_markdown(str(value))


def compose(template: str, **values: object) -> str:
    """Fill ``{name}`` fields of an authored Markdown template with data values.

    Raises
    ------
    KeyError
        If the template names a field that is not given.
    """
    fields = {name for _, name, _, _ in string.Formatter().parse(template) if name}
    missing = fields - set(values)
    if missing:
        raise KeyError(f"template fields without a value: {sorted(missing)}")
    return template.format(**{k: value_markdown(v) for k, v in values.items()})


def paragraph(template: str, **values: object) -> Block:
    """One paragraph from a template (see :func:`compose`)."""
    return Block(compose(template, **values) + "\n")


def bullets(items: Iterable[object], template: str = "{item}") -> Block:
    """A bullet list, one item per value (each as data text, or filled into ``template``)."""
    lines = [f"- {compose(template, item=item)}" for item in items]
    return Block("\n".join(lines) + "\n" if lines else "")


def div(classes: str, content: Block) -> Block:
    """A fenced div (``::: {.classes}``) around a block, e.g. a callout-like notice."""
    return Block(f"::: {{{classes}}}\n{content.markdown.rstrip()}\n:::\n")


def empty() -> Block:
    """A block that shows nothing."""
    return Block("")
