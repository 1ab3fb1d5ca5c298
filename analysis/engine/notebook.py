"""Turn a parsed ``.qmd`` into an nbformat v4 notebook (also used by the nbval tests).

Layout of the notebook, in order:

1. a hidden setup cell ``from analysis.engine.kernel import install; install()``;
2. per prose block a markdown cell, followed -- when the prose has inline expressions -- by a
   code cell evaluating them (``_engine_inline([...])``), so the values are taken after the
   cells above and before the cells below, as Quarto does;
3. per ```` ```{python} ```` cell a code cell (a raw cell when ``eval: false``).

Every generated cell carries ``metadata.qmd = {"kind", "block", "line", "label"}`` pointing
back at the source. The notebook runs as is under ``pytest --nbval-lax``.
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat import NotebookNode
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_raw_cell

from analysis.engine.qmd import CodeCell, MarkdownBlock, QmdDocument, read_qmd

SETUP_SOURCE = "from analysis.engine.kernel import install\ninstall()"


def document_to_notebook(doc: QmdDocument) -> NotebookNode:
    """Build the notebook of a parsed chapter (see the module docstring for its layout)."""
    cells = [new_code_cell(SETUP_SOURCE, metadata=_meta("setup", -1, 0, "engine-setup"))]
    for index, block in enumerate(doc.blocks):
        if isinstance(block, MarkdownBlock):
            cells.append(new_markdown_cell(block.text, metadata=_meta("prose", index, block.line)))
            if block.inlines:
                cells.append(
                    new_code_cell(
                        _inline_source(block),
                        metadata=_meta("inline", index, block.inlines[0].line, f"inline-{index}"),
                    )
                )
        elif isinstance(block, CodeCell):
            meta = _meta("code", index, block.line, block.label)
            if block.options.get("tags"):
                meta["tags"] = [str(t) for t in block.options["tags"]]
            if block.options.get("eval", True):
                cells.append(new_code_cell(block.source, metadata=meta))
            else:
                cells.append(new_raw_cell(block.source, metadata=meta))
    notebook = new_notebook(cells=cells)
    notebook.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    notebook.metadata["qmd"] = {"path": doc.path}
    return notebook


def qmd_to_notebook(path: Path, name: str | None = None) -> NotebookNode:
    """Read a ``.qmd`` file and return its notebook.

    Parameters
    ----------
    path : Path
        The ``.qmd`` file.
    name : str, optional
        Name used in messages and metadata (default: ``str(path)``).

    Returns
    -------
    NotebookNode
        nbformat v4, not executed.

    Raises
    ------
    UnsupportedError
        If the chapter uses a construct the engine does not implement.
    """
    return document_to_notebook(read_qmd(path, name))


def write_notebook(path: Path, target: Path) -> Path:
    """Convert ``path`` (``.qmd``) and write it to ``target`` (``.ipynb``); return ``target``."""
    target.parent.mkdir(parents=True, exist_ok=True)
    nbformat.write(qmd_to_notebook(path), str(target))
    return target


def _inline_source(block: MarkdownBlock) -> str:
    # one lambda per expression so the helper can name the one that fails
    rows = [f"    ({e.line}, {e.expression!r}, lambda: ({e.expression}))," for e in block.inlines]
    return "_engine_inline([\n" + "\n".join(rows) + "\n])"


def _meta(kind: str, block: int, line: int, label: str = "") -> dict:
    return {"qmd": {"kind": kind, "block": block, "line": line, "label": label}}
