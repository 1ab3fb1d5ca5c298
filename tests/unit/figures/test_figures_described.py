"""A figure's computed alt text reaches the image through figure_alt.lua, escaped as text."""

import pypandoc
import pytest

from analysis.figures.described import FILTER, alt_marker, described
from analysis.figures.placeholder import no_data


def _html(markdown: str) -> str:
    return pypandoc.convert_text(markdown, "html5", format="markdown",
                                 extra_args=[f"--lua-filter={FILTER}"])


def test_the_marker_after_an_image_becomes_its_alt_and_disappears():
    alt = 'Ja 42 % <b>«x»</b> "q"'
    out = _html(f"![Kap](a.svg){{#fig-a}}\n\n```\n{alt_marker(alt)}\n```\n")
    assert 'alt="Ja 42 % &lt;b&gt;«x»&lt;/b&gt; &quot;q&quot;"' in out
    assert "figure-alt" not in out and "<code>" not in out


def test_the_marker_before_the_image_in_output_divs_also_works():
    marker = f"::: {{.cell-output}}\n```\n{alt_marker('Søyler 27 %')}\n```\n:::\n\n"
    out = _html(marker + "::: {.cell-output}\n![](a.svg)\n:::\n")
    assert 'alt="Søyler 27 %"' in out and "figure-alt" not in out


def test_an_empty_alt_text_is_refused():
    with pytest.raises(ValueError, match="alt text is empty"):
        described(no_data(), "  ")


def test_both_engines_run_the_filter_from_quarto_yml():
    """``_quarto.yml`` lists it as ``{path, at: pre-ast}`` (Quarto must run it before it turns
    the cell into a figure); the built-in engine reads that entry as the file to run."""
    from analysis.engine.book import load_book
    from analysis.paths import project_root

    root = project_root()
    assert "analysis/figures/figure_alt.lua" in load_book(root).filters
    assert "{path: analysis/figures/figure_alt.lua, at: pre-ast}" in (
        root / "_quarto.yml").read_text(encoding="utf-8")
