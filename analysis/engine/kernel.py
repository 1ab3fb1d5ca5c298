"""Bootstrap run *inside* the chapter's kernel, as the notebook's first (hidden) cell.

It applies the book's figure style (the ``kernel_setup`` hook, :mod:`analysis.engine.hooks`:
fixed SVG ids, fonts, sizes), keeps dates out of the figure files, asks the
inline backend for both SVG (HTML) and PNG (PDF) and defines the helper the inline-expression
cells call. It adds no
formatter of its own: what a chapter displays must print the same under Quarto, which runs no
such bootstrap (tables are :class:`analysis.display.Table`, inline values
:class:`analysis.display.Text`).
"""

from __future__ import annotations

import os
from collections.abc import Callable

#: MIME type of the inline-values output emitted by :func:`inline_values`
INLINE_MIME = "application/vnd.norcrin.inline+json"
#: representations of an inline value that Quarto can insert, in its order of preference
INLINE_MIMES = ("text/markdown", "text/plain")


def install() -> None:
    """Configure the running IPython kernel for the engine (idempotent)."""
    from IPython import get_ipython

    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    shell = get_ipython()
    if shell is None:  # plain python (e.g. a doctest): nothing to configure
        return
    from analysis.engine.hooks import render_hooks

    shell.run_line_magic("matplotlib", "inline")
    render_hooks().kernel_setup()  # the book's one figure style, also set by every plot
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    # metadata=None-valued keys keep dates and software versions out of the files
    set_matplotlib_formats("svg", "png", bbox_inches="tight", metadata={"Date": None})
    shell.user_ns["_engine_inline"] = inline_values


def preload() -> None:
    """Import the hooks' ``kernel_preload`` modules ahead of the chapter (the engine's
    prepared kernels, see :mod:`analysis.engine.book_execution`).

    Only ``sys.modules`` changes: the chapter still imports what it uses, by its own
    statements, into an empty namespace.
    """
    import importlib

    from analysis.engine.hooks import render_hooks

    for name in render_hooks().kernel_preload:
        importlib.import_module(name)


def load_bundle() -> None:
    """Load the bundle the render stored (the ``kernel_load`` hook: ``analysis.report.load``,
    which keeps it for the process) ahead of the chapter: in each prepared kernel, or once in
    the fork server (:mod:`analysis.engine.fork_server`) for every kernel it forks.

    Like :func:`preload` it leaves no name behind: the chapter's own ``report.load()``
    returns the same bundle.
    """
    from analysis.engine.hooks import render_hooks

    render_hooks().kernel_load()


def inline_values(items: list[tuple[int, str, Callable[[], object]]]) -> None:
    """Evaluate inline expressions and display their representations as one JSON output.

    Each value goes through IPython's display formatter, exactly as Quarto's
    ``user_expressions`` do, and its ``text/markdown`` and ``text/plain`` representations are
    kept; :func:`analysis.engine.outputs.inline_markdown` then picks the one Quarto would.

    Parameters
    ----------
    items : list of (line, expression, thunk)
        ``thunk()`` evaluates the expression in the notebook's namespace.

    Raises
    ------
    RuntimeError
        Naming the ``.qmd`` line and the expression that raised (chained to the cause).
    """
    from IPython import get_ipython
    from IPython.display import display

    shell = get_ipython()
    values = []
    for line, expression, thunk in items:
        try:
            value = thunk()
        except Exception as exc:
            raise RuntimeError(f"inline expression at line {line}: {expression}") from exc
        data, _ = shell.display_formatter.format(value)
        values.append({"line": line, "expression": expression,
                       "data": {k: data[k] for k in INLINE_MIMES if k in data}})
    display({INLINE_MIME: values}, raw=True)
