"""A parameterised document rendered once per parameter value: the injected cell sets the
value, and each run's figures stay in a folder of its own (quarto-r#205)."""

from __future__ import annotations

import textwrap

import pytest
from conftest import write_book

from analysis.engine.document import Run, render_runs
from analysis.engine.errors import RenderError

DOC = textwrap.dedent('''\
    ---
    title: "Parametre"
    ---

    ```{python}
    #| tags: [parameters]
    height = 1
    ```

    ```{python}
    #| label: doc-value
    #| output: asis
    from analysis.display import Text
    Text(f"Høyden er {height}.")
    ```

    ```{python}
    #| label: doc-figure
    #| fig-alt: "En søyle med høyden fra parameteren."
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(2, 2))
    ax.bar(["a"], [height])
    ax.set_ylim(0, 10)
    plt.show()
    ```
    ''')


@pytest.fixture(scope="module")
def two_runs(tmp_path_factory):
    root = write_book(tmp_path_factory.mktemp("document"))
    (root / "doc.qmd").write_text(DOC, encoding="utf-8")
    out = root / "out"
    render_runs(root, "doc.qmd", [Run("lav", {"height": 2}), Run("hoy", {"height": 9})], out,
                log=lambda line: None, use_cache=False)
    return out


@pytest.mark.slow
def test_each_run_gets_its_value(two_runs):
    assert "Høyden er 2." in (two_runs / "lav.html").read_text(encoding="utf-8")
    assert "Høyden er 9." in (two_runs / "hoy.html").read_text(encoding="utf-8")
    assert (two_runs / "lav.pdf").is_file() and (two_runs / "hoy.pdf").is_file()


@pytest.mark.slow
def test_the_figures_of_two_runs_never_overwrite_each_other(two_runs):
    # one SVG per format (HTML and Typst both take vector figures)
    for fmt in ("html", "typst"):
        low = list((two_runs / "lav_files" / f"figure-{fmt}").rglob("*.svg"))
        high = list((two_runs / "hoy_files" / f"figure-{fmt}").rglob("*.svg"))
        assert len(low) == len(high) == 1, fmt
        assert low[0].read_bytes() != high[0].read_bytes(), fmt
    assert "lav_files/" in (two_runs / "lav.html").read_text(encoding="utf-8")


def test_parameters_without_a_parameters_cell_are_refused(tmp_path):
    root = write_book(tmp_path)
    (root / "doc.qmd").write_text(DOC.replace("#| tags: [parameters]\n", ""), encoding="utf-8")
    with pytest.raises(RenderError, match="no cell is tagged 'parameters'"):
        render_runs(root, "doc.qmd", [Run("x", {"height": 3})], root / "out",
                    log=lambda line: None)
