"""A tiny two-chapter book in ``tmp_path``, rendered by the built-in engine."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

QUARTO_YML = """\
project:
  type: book
  output-dir: _book
book:
  title: "Prøvebok æøå"
  subtitle: "Liten test"
  author: "Testforfatter"
  date: "2025-01-31"
  chapters:
    - index.qmd
    - chapters/01-tall.qmd
lang: nb
filters:
  - filters/data_text.lua
execute:
  echo: false
  warning: false
format:
  html: {}
  typst: {}
"""

INDEX = """\
# Forord {.unnumbered}

```{python}
#| label: forord-setup
from analysis.display import Text
```

Blåbærsyltetøy og `{python} Text("ærlig")` tekst. Se @fig-tall-kurve og @sec-tall.
"""

CHAPTER = textwrap.dedent('''\
    # Tall {#sec-tall}

    ```{python}
    #| label: tall-setup
    #| include: false
    import pathlib
    import matplotlib.pyplot as plt
    import pandas as pd
    from analysis.display import Table, Text
    counter = pathlib.Path("executions.txt")
    counter.write_text(counter.read_text() + "x" if counter.exists() else "x")
    svar = Table(pd.DataFrame({"Svar": ["Ja", "Nei"], "Antall": [3, 4]}))
    ```

    ## Resultater

    Summen er `{python} 6 * 7` og andelen er `{python} Text(f"{3 / 4:.0%}")`.

    ```{python}
    #| label: fig-tall-kurve
    #| fig-cap: "Kurve over svar"
    #| fig-alt: "Linje som stiger"
    fig, ax = plt.subplots(figsize=(3, 2))
    ax.plot([1, 2, 3])
    plt.show()
    ```

    ```{python}
    #| label: tbl-tall-svar
    #| tbl-cap: "Svar fordelt"
    svar
    ```

    ```{python}
    #| label: tall-asis
    #| output: asis
    print("**Fet tekst fra cellen**")
    ```

    ```{python}
    #| label: tall-echo
    #| echo: true
    print("synlig utskrift")
    ```

    ```{python}
    #| label: tall-skjult
    #| output: false
    print("skjult utskrift")
    ```

    ```{python}
    #| label: tall-ikke-kjort
    #| eval: false
    raise SystemExit("skal aldri kjøres")
    ```

    ```{python}
    #| label: tall-advarsel
    #| warning: true
    import warnings
    warnings.warn("synlig advarsel")
    ```

    ```{python}
    #| label: tall-stille
    import warnings
    warnings.warn("stille advarsel")
    ```

    Som @fig-tall-kurve og @tbl-tall-svar viser, og se @sec-tall-res.

    ## Oppsummering {#sec-tall-res}

    Ferdig.
    ''')


def write_book(root: Path, chapter: str = CHAPTER, index: str = INDEX) -> Path:
    """Write the tiny book under ``root`` and return ``root``."""
    from analysis.display import FILTER

    (root / "chapters").mkdir(parents=True, exist_ok=True)
    (root / "data").mkdir(exist_ok=True)
    (root / "filters").mkdir(exist_ok=True)
    (root / "filters" / "data_text.lua").write_bytes(FILTER.read_bytes())
    (root / "_quarto.yml").write_text(QUARTO_YML, encoding="utf-8")
    (root / "index.qmd").write_text(index, encoding="utf-8")
    (root / "chapters" / "01-tall.qmd").write_text(chapter, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def rendered_book(tmp_path_factory) -> Path:
    """The tiny book rendered once (HTML and PDF); tests must not modify it."""
    from analysis.engine.render import render_book

    root = write_book(tmp_path_factory.mktemp("book"))
    render_book(root, ("html", "pdf"), log=lambda line: None)
    return root


@pytest.fixture
def tiny_book(tmp_path):
    """Factory: ``tiny_book(chapter=..., index=...)`` writes the book into ``tmp_path``."""

    def make(chapter: str = CHAPTER, index: str = INDEX) -> Path:
        return write_book(tmp_path, chapter, index)

    return make
