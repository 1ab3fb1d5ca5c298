"""The engine's one door to the report layer: a small set of hooks, configured in one place.

The engine executes chapters and lays out pages; what it must ask of the survey report -- check
and load the data, set a chapter's kernel up, write the Excel annex, finish the deck, print a
date -- it asks through :class:`RenderHooks`, never by importing a stage. The project installs
one implementation, :data:`analysis.render_hooks.HOOKS`, as the entry point named
:data:`GROUP` in ``pyproject.toml``; :func:`render_hooks` finds it in every process that needs
it: the render, a chapter kernel, the fork server, Quarto's pre- and post-render scripts.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

#: The entry-point group the project's hooks are installed under (``pyproject.toml``).
GROUP = "norcrin_survey.render_hooks"


@dataclass(frozen=True)
class RenderHooks:
    """What the engine asks of the book's project.

    Attributes
    ----------
    check_inputs
        ``(root) -> inputs or None``: validate every input before any kernel starts (a bad file
        raises one of :attr:`input_errors` with its located message); returns the loaded
        inputs the render then hands to the kernels, ``None`` for a book without data.
    input_errors
        ``() -> tuple of exception types``: the errors that mean "fix this input file".
    load_inputs
        ``(root) -> inputs``: load the inputs for the kernels (stored once per render).
    is_inputs
        ``(object) -> bool``: whether a render's preflight result is such loaded inputs.
    kernel_setup
        ``() -> None``: run in each chapter's kernel before the chapter (the figure style).
    kernel_preload
        Modules a prepared kernel imports ahead of the chapter.
    kernel_load
        ``() -> None``: load the stored inputs in a prepared kernel (or the fork server).
    long_date
        ``(iso date text) -> str``: the title block's date; ``ValueError`` if not a date.
    notebook_tables
        ``(executed notebook) -> {label: (headers, rows)}``: the tables a chapter printed.
    write_annex
        ``(tables, out, printed) -> Path``: write the Excel annex of the book's tables
        (:class:`analysis.book_order.BookTables`) into the folder ``out``.
    finish_deck
        ``(pptx, log) -> None``: draw the deck's native charts and write its handout.
    deck_tools
        ``() -> str``: what :attr:`finish_deck`'s output depends on besides the deck (the
        handout's converter), for the key under which the built deck is reused.
    """

    check_inputs: Callable[[Path], Any]
    input_errors: Callable[[], tuple[type[Exception], ...]]
    load_inputs: Callable[[Path], Any]
    is_inputs: Callable[[object], bool]
    kernel_setup: Callable[[], None]
    kernel_preload: tuple[str, ...]
    kernel_load: Callable[[], None]
    long_date: Callable[[str], str]
    notebook_tables: Callable[[dict], dict]
    write_annex: Callable[..., Path]
    finish_deck: Callable[..., None]
    deck_tools: Callable[[], str]


class HooksNotInstalledError(RuntimeError):
    """No (or more than one) implementation is installed under :data:`GROUP`."""


@functools.cache
def render_hooks() -> RenderHooks:
    """The project's hooks, loaded once per process from the entry point :data:`GROUP`.

    Raises
    ------
    HooksNotInstalledError
        When the package is not installed (``make`` installs it) or two projects claim it.
    """
    found = list(metadata.entry_points(group=GROUP))
    if len(found) != 1:
        raise HooksNotInstalledError(
            f"expected one entry point in group {GROUP!r}, found {len(found)}; install the "
            "project (`make`, or `pip install -e .`)")
    hooks = found[0].load()
    if not isinstance(hooks, RenderHooks):
        raise HooksNotInstalledError(f"{found[0].value} is not a RenderHooks")
    return hooks
