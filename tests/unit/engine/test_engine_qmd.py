"""Parsing ``.qmd``: cells, options, inline code, line numbers, unsupported constructs."""

from __future__ import annotations

import pytest

from analysis.engine.errors import UnsupportedError
from analysis.engine.qmd import CodeCell, MarkdownBlock, parse_qmd

TEXT = """\
---
title: Tittel
---
# Kapittel {#sec-a}

```{python}
#| label: a-setup
#| echo: true
#| fig-cap: "En figur: med kolon"
x = 1
```

Verdi `{python} x + 1` og `{python} "tekst"`.

```python
`{python} ikke_kode`
```
"""


def test_cells_options_and_lines():
    doc = parse_qmd(TEXT, "k.qmd")
    assert doc.front_matter == {"title": "Tittel"}
    cell = doc.cells[0]
    assert (cell.line, cell.label, cell.source) == (6, "a-setup", "x = 1")
    assert cell.options == {"label": "a-setup", "echo": True, "fig-cap": "En figur: med kolon"}
    prose = [b for b in doc.blocks if isinstance(b, MarkdownBlock)]
    assert prose[0].line == 4
    assert [(e.line, e.expression) for e in prose[1].inlines] == [(13, "x + 1"), (13, '"tekst"')]


def test_unlabelled_cell_is_named_by_line():
    doc = parse_qmd("```{python}\n1\n```\n", "k.qmd")
    assert isinstance(doc.blocks[0], CodeCell) and doc.cells[0].label == "cell-1"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a\n\n```{r}\n1\n```\n", "k.qmd:3: unsupported by the built-in engine: code cell engine"),
        ("```{python}\n#| label: a\n#| cache: true\n```\n", "k.qmd:3: unsupported by the built-in "
         "engine: cell option 'cache'"),
        ("```{python}\n#| output: html\n```\n", "k.qmd:2: unsupported by the built-in engine: "
         "cell option output: 'html'"),
        ("```{python}\n#| echo: 'ja'\n```\n", "k.qmd:2: unsupported"),
        ("a\nb {{< video x >}}\n", "k.qmd:2: unsupported by the built-in engine: shortcode"),
        ("a\n`{r} 1 + 1`\n", "k.qmd:2: unsupported by the built-in engine: inline code"),
        ("---\nformat: pdf\n---\n", "k.qmd:1: unsupported by the built-in engine: front matter"),
        ("::: {.callout-tip}\nx\n:::\n", "k.qmd:1: unsupported by the built-in engine: Quarto div"),
    ],
)
def test_unsupported_constructs_name_file_and_line(text, message):
    with pytest.raises(UnsupportedError) as caught:
        parse_qmd(text, "k.qmd")
    assert str(caught.value).startswith(message)


def test_raw_and_plain_fences_are_prose():
    doc = parse_qmd("```{=html}\n<b>x</b>\n```\n\n```{.python}\ny\n```\n", "k.qmd")
    assert doc.cells == [] and "<b>x</b>" in doc.blocks[0].text
