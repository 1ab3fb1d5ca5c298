"""Text from data into Markdown that pandoc never parses: a span a Lua filter turns into text.

Everything the book prints from data -- respondents' answers, option labels, formatted
numbers -- is plain text. Spliced into Markdown, a ``<script>``, a backtick span with
``{=typst}``, an ``@fig-`` reference, a ``{{< include >}}`` shortcode or a ``1.`` at the start
of a line would be read as markup by pandoc (and by Quarto, which uses pandoc's reader). So no
such text is ever written as Markdown: :func:`text_markdown` writes an empty span holding the
text hex-encoded, ``[]{.data-text hex="..."}``, and the pandoc Lua filter
``data_text.lua`` beside this module replaces it by ``Str`` nodes -- pandoc's own AST -- which
each writer (HTML, Typst) escapes for its format. The hex digits cannot form any markup, and a
render that forgot the filter loses the text rather than running it.

Examples
--------
>>> text_markdown("<b>")
'[]{.data-text hex="3c623e"}'
>>> print(pipe_table(["Svar", "n"], [["Ja", "3"]], ["l", "r"]), end="")
| []{.data-text hex="53766172"} | []{.data-text hex="6e"} |
|:-------|-------:|
| []{.data-text hex="4a61"} | []{.data-text hex="33"} |
"""

from __future__ import annotations

import re
from pathlib import Path

#: The pandoc Lua filter that turns data-text spans into text (listed in ``_quarto.yml``).
FILTER = Path(__file__).with_name("data_text.lua")


def text_markdown(text: str) -> str:
    """Markdown that reads as exactly ``text`` once :data:`FILTER` has run (runs of white
    space become one space, as in any paragraph); ``""`` for blank text."""
    text = str(text)
    if not text.strip():
        return ""
    return f'[]{{.data-text hex="{text.encode("utf-8").hex()}"}}'


def pipe_table(header: list[str], rows: list[list[str]], align: list[str],
               widths: list[int] | None = None) -> str:
    """A pipe table whose every cell is data text (see :func:`text_markdown`).

    Parameters
    ----------
    header : list of str
        Column headings.
    rows : list of list of str
        Cell texts, one list per row, as long as ``header``.
    align : list of str
        Per column ``"l"`` (left) or ``"r"`` (right).
    widths : list of int, optional
        Relative column widths as dash counts: pandoc sizes wrapped columns by their share
        of dashes (default 8 each).

    Returns
    -------
    str
        Markdown ending in a newline.

    Raises
    ------
    ValueError
        If a row has another number of cells than the header.
    """
    if any(len(r) != len(header) for r in rows):
        raise ValueError("every row needs one cell per column")
    widths = widths or [8] * len(header)
    rule = [("-" * (w - 1) + ":") if a == "r" else (":" + "-" * (w - 1))
            for a, w in zip(align, widths, strict=True)]

    def line(cells: list[str]) -> str:
        return "| " + " | ".join(text_markdown(c) for c in cells) + " |"

    return "\n".join([line(header), "|" + "|".join(rule) + "|", *map(line, rows)]) + "\n"


def to_plain(markdown: str) -> str:
    """What a reader sees of a Markdown block: pandoc (with :data:`FILTER`) to plain text.

    For tests and the back-test, which compare the text the book prints with expected values.

    Examples
    --------
    >>> to_plain("- " + text_markdown("<b>") + " og **fet**")
    '- <b> og fet'
    """
    import pypandoc

    return pypandoc.convert_text(markdown, "plain", format="markdown",
                                 extra_args=["--wrap=none", f"--lua-filter={FILTER}"]).strip()


_HEX = re.compile(r'\[\]\{\.data-text hex="([0-9a-f]*)"\}')


def data_text(markdown: str) -> str:
    """What a reader sees of a line of data-text spans (the Lua filter's work, in Python).

    Examples
    --------
    >>> data_text('[]{.data-text hex="3432c2a025"}')
    '42\\xa0%'
    """
    return _HEX.sub(lambda m: bytes.fromhex(m.group(1)).decode("utf-8"), markdown).strip()


def pipe_table_cells(markdown: str) -> tuple[list[str], list[list[str]]]:
    """Headings and cell texts of a pipe table written by :class:`analysis.display.Table`.

    Examples
    --------
    >>> pipe_table_cells(pipe_table(["Svar", "n"], [["Ja", "3"], ["Nei", ""]], ["l", "r"]))
    (['Svar', 'n'], [['Ja', '3'], ['Nei', '']])
    """
    lines = [ln for ln in markdown.splitlines() if ln.startswith("|")]
    rows = []
    for line in lines:
        if set(line) <= set("|:- "):
            continue  # the alignment rule
        cells = line.strip()[1:-1].split(" | ")
        rows.append([data_text(c) for c in cells])
    if not rows:
        raise ValueError("no pipe table in the output")
    return rows[0], rows[1:]
