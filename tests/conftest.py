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

import pytest

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


@pytest.fixture(scope="session")
def book_render(tmp_path_factory):
    """Factory: ``book_render("first")`` is a copy of the project rendered cold by the
    built-in engine (HTML and PDF), made once per name and test session and shared by the
    tiers that need a whole book (determinism, parity); tests must not modify it."""
    import os
    import time

    from analysis.engine.project import copy_project
    from analysis.engine.render import render_book

    renders: dict[str, object] = {}

    def render(name: str, fresh_kernels: bool = False):
        """``fresh_kernels``: every chapter in a new kernel process that imports for itself
        (``NORCRIN_FORK_KERNELS=0``) instead of one forked from the fork server."""
        if name not in renders:
            root = copy_project(project_root(), tmp_path_factory.mktemp(name) / "project")
            start = time.perf_counter()
            saved = os.environ.get("NORCRIN_FORK_KERNELS")
            if fresh_kernels:
                os.environ["NORCRIN_FORK_KERNELS"] = "0"
            try:
                render_book(root, ("html", "pdf"), use_cache=False, log=lambda line: None)
            finally:
                if saved is None:
                    os.environ.pop("NORCRIN_FORK_KERNELS", None)
                else:
                    os.environ["NORCRIN_FORK_KERNELS"] = saved
            render.seconds[name] = time.perf_counter() - start
            renders[name] = root
        return renders[name]

    render.seconds = {}  # name -> seconds the cold render took
    return render
