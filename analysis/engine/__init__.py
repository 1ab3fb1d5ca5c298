"""The built-in render engine: renders the Quarto book sources without Quarto.

Pipeline (one module per stage)::

    _quarto.yml --book--> Book
    chapter.qmd --qmd--> QmdDocument --notebook--> nbformat v4 notebook
        --execute (nbclient, a python3 kernel per chapter, forked by fork_server.py;
                   cache.py skips unchanged chapters)-->
        executed notebook --outputs + crossref--> pandoc markdown per format
        --html--> _book/**/*.html        --pdf--> _book/<slug>.typ -> _book/<slug>.pdf

``render.py`` orchestrates and swaps the finished ``_book/`` in atomically. Report logic
(``analysis.compute``, ``analysis.figures``...) never imports this package, and this package
imports no report stage: what it needs of the report it asks through ``hooks.py``
(configured in ``analysis/render_hooks.py``). Only the kernel bootstrap
(``analysis.engine.kernel``) runs inside the chapters' kernel.
"""

from analysis.engine.errors import RenderError, UnsupportedError

__all__ = ["RenderError", "UnsupportedError"]
