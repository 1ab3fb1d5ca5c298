"""Copy the parts of a project a render reads, for renders that must not touch the original."""

from __future__ import annotations

import shutil
from pathlib import Path

from analysis.engine.book import load_book

#: Folders a render reads besides the chapter files: data, the analysis package, stylesheets,
#: the presentation's and the partner packs' sources.
FOLDERS = ("data", "analysis", "assets", "deck", "packs")


def copy_project(source: Path, target: Path) -> Path:
    """Copy ``_quarto.yml``, the book's chapters, its bibliography and style, and :data:`FOLDERS`
    from ``source`` to ``target``.

    Used by the benchmark and the tests, which render into temporary copies so that the real
    ``_book/`` and cache are never touched. Returns ``target``.
    """
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "_quarto.yml", target)
    for folder in FOLDERS:
        if (source / folder).is_dir():
            shutil.copytree(source / folder, target / folder, dirs_exist_ok=True,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    book = load_book(source)
    for path in (*book.sources, *book.bibliography, *([book.csl] if book.csl else [])):
        (target / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(source / path, target / path)
    return target
