"""Freeze cache keys: code, inline expressions, data and package files invalidate; prose and
other files do not; prose is joined with the stored outputs."""

from __future__ import annotations

import nbformat
import pytest

from analysis.engine.cache import (
    FreezeCache,
    chapter_key,
    execution_signature,
    rebase,
    tree_fingerprint,
)
from analysis.engine.kernel import INLINE_MIME
from analysis.engine.notebook import document_to_notebook


def test_fingerprint_changes_with_data_and_package_only(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "analysis" / "__pycache__").mkdir(parents=True)
    (tmp_path / "data" / "a.csv").write_text("1")
    first = tree_fingerprint(tmp_path)
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / "analysis" / "__pycache__" / "m.pyc").write_bytes(b"0")
    assert tree_fingerprint(tmp_path) == first
    (tmp_path / "data" / "a.csv").write_text("2")
    assert tree_fingerprint(tmp_path) != first
    second = tree_fingerprint(tmp_path)
    (tmp_path / "analysis" / "m.py").write_text("")
    assert tree_fingerprint(tmp_path) != second


def test_store_and_load_by_key(tmp_path):
    cache = FreezeCache(tmp_path)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    key = chapter_key("[\"a\"]", "f")
    assert cache.load("chapters/a.qmd", key) is None
    cache.store("chapters/a.qmd", key, notebook)
    assert cache.load("chapters/a.qmd", key).cells[0].source == "1"
    assert cache.entry("chapters/a.qmd", key)[1] == ""
    cache.store("chapters/a.qmd", key, notebook, "abc")
    assert cache.entry("chapters/a.qmd", key)[1] == "abc"
    assert cache.load("chapters/a.qmd", chapter_key("[\"b\"]", "f")) is None


CHAPTER = """# Tittel

Andelen er `{python} share` av alle.

```{python}
#| label: fig-a-q01
#| fig-cap: Andeler
plot()
```

Slutt.
"""


def _doc(text):
    from analysis.engine.qmd import parse_qmd

    return parse_qmd(text, "chapters/a.qmd")


@pytest.mark.parametrize(("old", "new", "same"), [
    # prose, a heading, a caption and a new line above the expression: nothing executes
    ("Andelen er", "Den delen som svarte,\nvar", True),
    ("# Tittel", "# Ny tittel", True),
    ("fig-cap: Andeler", "fig-cap: Andeler per svar", True),
    ("Slutt.", "Slutt, med en ny setning.", True),
    # the code, an inline expression, an execution option, a prose block gone: executes
    ("plot()", "plot(2)", False),
    ("`{python} share`", "`{python} share + 1`", False),
    ("#| fig-cap: Andeler", "#| eval: false", False),
    ("Slutt.\n", "", False),
])
def test_execution_signature_ignores_prose_only(old, new, same):
    assert old in CHAPTER
    changed = CHAPTER.replace(old, new)
    assert (execution_signature(_doc(CHAPTER)) == execution_signature(_doc(changed))) is same


def test_rebase_joins_new_prose_with_stored_outputs():
    old = _doc(CHAPTER)
    executed = document_to_notebook(old)
    inline = next(c for c in executed.cells if c.metadata["qmd"]["kind"] == "inline")
    inline.outputs = [nbformat.v4.new_output("display_data", data={INLINE_MIME: [
        {"line": 3, "expression": "share", "data": {"text/markdown": "42 %"}}]})]
    inline.execution_count = 2
    new = _doc(CHAPTER.replace("Andelen er", "To linjer\nforan: andelen er"))
    joined = rebase(executed, new)
    prose = [c.source for c in joined.cells if c.cell_type == "markdown"]
    assert prose[0] == "# Tittel\n\nTo linjer\nforan: andelen er `{python} share` av alle.\n"
    inline = next(c for c in joined.cells if c.metadata["qmd"]["kind"] == "inline")
    assert inline.execution_count == 2
    assert inline.outputs[0]["data"][INLINE_MIME] == [
        {"line": 4, "expression": "share", "data": {"text/markdown": "42 %"}}]
    assert "(4, 'share'" in inline.source
    # the stored notebook is left as it was
    assert executed.cells[1].source.endswith("Andelen er `{python} share` av alle.\n")


def test_rebase_refuses_other_cells():
    executed = document_to_notebook(_doc(CHAPTER))
    with pytest.raises(ValueError, match="other cells"):
        rebase(executed, _doc(CHAPTER.replace("Slutt.\n", "")))
