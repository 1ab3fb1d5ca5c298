"""Test-session setup: the book's chapters, converted to notebooks for nbval.

``make test`` runs pytest with ``--nbval-lax``: nbval executes every ``.ipynb`` under the test
paths, failing on any cell error. The chapters are ``.qmd`` files, so before collection each is
converted with the render engine's own converter (the same notebook the book renders from) into
``tests/validation/chapters/`` (generated, git-ignored). The validation notebooks in
``tests/validation/notebooks/`` are committed with their outputs; their cells marked
``# NBVAL_CHECK_OUTPUT`` must reproduce those outputs exactly.
"""

from __future__ import annotations

import shutil

from analysis.engine.book import load_book
from analysis.engine.notebook import write_notebook
from analysis.paths import project_root

CHAPTER_NOTEBOOKS = "tests/validation/chapters"


def pytest_configure(config):
    """Write one notebook per chapter of ``_quarto.yml`` before tests are collected."""
    root = project_root()
    target = root / CHAPTER_NOTEBOOKS
    shutil.rmtree(target, ignore_errors=True)
    for source in load_book(root).sources:
        name = source.replace("/", "__").removesuffix(".qmd") + ".ipynb"
        write_notebook(root / source, target / name)
