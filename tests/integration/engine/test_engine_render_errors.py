"""A render that fails names file, label, line and traceback, and keeps the old ``_book/``."""

from __future__ import annotations

import pytest

from analysis.engine.errors import RenderError, UnsupportedError
from analysis.engine.render import render_book

PLAIN_INDEX = "# Forord {.unnumbered}\n\nIngen uttrykk her.\n"

FAILING = """\
# Feil

Tekst først.

```{python}
#| label: feil-deling
x = 1
y = x / 0
```
"""


def _snapshot(folder):
    return {p.relative_to(folder): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_failing_cell_names_file_label_line_and_keeps_old_book(tiny_book):
    root = tiny_book(chapter=FAILING, index=PLAIN_INDEX)
    old = root / "_book"
    (old / "sub").mkdir(parents=True)
    (old / "index.html").write_text("gammel bok", encoding="utf-8")
    (old / "sub" / "a.bin").write_bytes(b"\x00\x01")
    before = _snapshot(old)
    with pytest.raises(RenderError) as caught:
        render_book(root, ("html",), log=lambda line: None)
    message = str(caught.value)
    assert message.startswith("chapters/01-tall.qmd:5: cell 'feil-deling' failed")
    assert "ZeroDivisionError" in message and "y = x / 0" in message
    assert _snapshot(old) == before
    assert not [p.name for p in root.iterdir() if "staging" in p.name]


def test_failing_inline_expression_names_its_line(tiny_book):
    root = tiny_book(chapter="# Feil\n\nLinje tre.\nVerdi `{python} ukjent_navn`.\n",
                     index=PLAIN_INDEX)
    with pytest.raises(RenderError) as caught:
        render_book(root, ("html",), log=lambda line: None)
    message = str(caught.value)
    assert message.startswith("chapters/01-tall.qmd:4: inline expression cell")
    assert "inline expression at line 4: ukjent_navn" in message
    assert "NameError" in message
    assert not (root / "_book").exists()


@pytest.mark.parametrize(
    ("chapter", "line", "what"),
    [
        ("# A\n\n{{< pagebreak >}}\n", 3, "shortcode"),
        ("# A\n\n```{r}\n1\n```\n", 3, "engine '{r}'"),
        ("# A\n\n```{python}\n#| label: a\n#| fig-width: 4\n1\n```\n", 5, "'fig-width'"),
        ("# A\n\n::: {.callout-note}\nx\n:::\n", 3, "Quarto div"),
    ],
)
def test_unsupported_construct_names_file_and_line(tiny_book, chapter, line, what):
    root = tiny_book(chapter=chapter, index=PLAIN_INDEX)
    with pytest.raises(UnsupportedError) as caught:
        render_book(root, ("html",), log=lambda line: None)
    assert str(caught.value).startswith(f"chapters/01-tall.qmd:{line}: unsupported")
    assert what in str(caught.value)


def test_unresolved_reference_names_file_and_line(tiny_book):
    root = tiny_book(chapter="# A\n\nSe\n@fig-finnes-ikke her.\n", index=PLAIN_INDEX)
    with pytest.raises(RenderError, match=r"01-tall.qmd:4: unresolved cross-reference "
                                          r"@fig-finnes-ikke"):
        render_book(root, ("html",), log=lambda line: None)
