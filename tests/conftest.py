"""Test-session setup: the shared renders of the whole book and the deck, and the renders by
real Quarto that run in the background.

``make test`` runs pytest with ``--nbval-lax``: nbval executes the validation notebooks in
``tests/validation/notebooks/``, committed with their outputs; their cells marked
``# NBVAL_CHECK_OUTPUT`` must reproduce those outputs exactly. The chapters are not run under
nbval as well: the determinism test's second cold render (in the background, as
``python -m analysis render`` with ``NORCRIN_FORK_KERNELS=0``) executes every chapter in a
fresh kernel that imports for itself, as nbval did, and fails on any cell error
(tests/validation/test_render_determinism.py checks that every chapter ran so).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest
from cli_render import cli_render

from analysis.paths import project_root


class BackgroundRenders:
    """Renders that take minutes but use about one core (Quarto executes one chapter at a
    time; a built-in render in a process of its own, tests/cli_render.py), and checks of what
    they rendered: requested by a tier's ``pytest_collection_finish`` and started, one
    after another in a thread, as soon as the tests are collected, so that they run on the
    second core beside the serial tests. Started in the order the suite needs them.

    Reached from any conftest as ``config.pluginmanager.get_plugin(BackgroundRenders.NAME)``.
    """

    NAME = "norcrin-background-renders"

    def __init__(self) -> None:
        self._requests: list[tuple[int, str, Callable[[Path], Path]]] = []
        self._futures: dict[str, Future] = {}
        self._folders: list[Path] = []
        self._pool: ThreadPoolExecutor | None = None

    def request(self, name: str, render: Callable[[Path], Path], first_item: int) -> None:
        """``render(folder)`` renders into the empty ``folder`` and returns what the tests
        need; ``first_item`` is the index of the first collected test that waits for it."""
        self._requests.append((first_item, name, render))

    def start(self) -> None:
        if not self._requests:
            return
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="background-render")
        for _, name, render in sorted(self._requests, key=lambda r: r[0]):
            folder = Path(tempfile.mkdtemp(prefix=f"{name}-"))
            self._folders.append(folder)
            self._futures[name] = self._pool.submit(render, folder)

    def __contains__(self, name: str) -> bool:
        return name in self._futures

    def result(self, name: str):
        """Wait for the render ``name``; raises what it raised. A render may await one that
        was requested for an earlier test (it ran before it, in the same thread)."""
        future = self._futures[name]
        in_worker = threading.current_thread().name.startswith("background-render")
        if in_worker and not future.done():
            raise RuntimeError(f"background render {name!r} is queued after the one awaiting "
                               "it: request it for an earlier test")
        return future.result()

    def pytest_sessionfinish(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
        for folder in self._folders:
            shutil.rmtree(folder, ignore_errors=True)


@pytest.hookimpl(wrapper=True)
def pytest_collection_finish(session):
    """After every tier has requested its background renders (a conftest's hook, or a test
    module's ``request_background_renders(background, items)`` with its collected tests and
    their indices): start them."""
    result = yield
    background = session.config.pluginmanager.get_plugin(BackgroundRenders.NAME)
    # the shared built-in book and deck too, so that the unit tier (run first) and the tests
    # that do not need them do not wait for them
    for name, fixture, render in (("book-first", "book_render", _cold_book),
                                  ("deck-first", "deck_render", _cold_deck)):
        first = _first_using(session, fixture)
        if first is not None:
            background.request(name, render, first)
    by_module: dict[object, list] = {}
    for n, item in enumerate(session.items):
        module = getattr(item, "module", None)
        if hasattr(module, "request_background_renders"):
            by_module.setdefault(module, []).append((n, item))
    for module, items in by_module.items():
        module.request_background_renders(background, items)
    if not session.config.option.collectonly:
        background.start()
    return result


def pytest_configure(config):
    config.pluginmanager.register(BackgroundRenders(), BackgroundRenders.NAME)
    # Chapter notebooks an earlier version wrote here for nbval: nbval would run them again.
    shutil.rmtree(project_root() / "tests" / "validation" / "chapters", ignore_errors=True)


def _cold_book(folder: Path) -> tuple[Path, float]:
    """A copy of the project in ``folder`` rendered cold by the built-in engine (HTML and
    PDF), as ``python -m analysis render`` in a process of its own: ``(root, seconds)``."""
    from analysis.engine.project import copy_project

    root = copy_project(project_root(), folder / "project")
    return root, cli_render(root, "--to", "html,pdf", "--no-cache")


def _cold_deck(folder: Path) -> tuple[Path, Path]:
    """A copy of the project in ``folder`` with the presentation alone rendered cold by the
    built-in engine (``render --to pptx``, as ``make deck``): ``(root, pptx)``."""
    from analysis.engine.deck import deck_names
    from analysis.engine.project import copy_project

    root = copy_project(project_root(), folder / "project")
    cli_render(root, "--to", "pptx", "--no-cache")
    return root, root / "_book" / deck_names(root)[0]


def _first_using(session, fixture: str) -> int | None:
    return next((n for n, item in enumerate(session.items)
                 if fixture in getattr(item, "fixturenames", ())), None)


def pytest_collection_modifyitems(config, items):
    """The unit tier and the doctests first: they need no whole render, and run on one core
    while the background renders take the other."""
    def needs_no_render(item) -> bool:
        path = str(item.fspath).replace(os.sep, "/")
        return "/tests/unit/" in path or "/analysis/" in path

    items[:] = [i for i in items if needs_no_render(i)] + [i for i in items
                                                           if not needs_no_render(i)]


@pytest.fixture(scope="session")
def book_render(request, tmp_path_factory):
    """Factory: ``book_render("first")`` is a copy of the project rendered cold by the
    built-in engine (HTML and PDF; in the background when the session started it there), made
    once per name and test session and shared by the tiers that need a whole book
    (determinism, parity, back-test, accessibility); tests must not modify it."""
    background = request.config.pluginmanager.get_plugin(BackgroundRenders.NAME)
    renders: dict[str, Path] = {}

    def render(name: str) -> Path:
        if name not in renders:
            if f"book-{name}" in background:
                root, seconds = background.result(f"book-{name}")
            else:
                root, seconds = _cold_book(tmp_path_factory.mktemp(name))
            render.seconds[name] = seconds
            renders[name] = root
        return renders[name]

    render.seconds = {}  # name -> seconds the cold render took
    return render


@pytest.fixture(scope="session")
def deck_render(request, tmp_path_factory):
    """``(project root, pptx)`` of a cold built-in render of the presentation alone
    (``render --to pptx``, as ``make deck``; in the background when the session started it
    there), made once per session in a copy of the project and shared by the deck tiers (the
    file, its agreement with the book, parity); tests must not modify it."""
    background = request.config.pluginmanager.get_plugin(BackgroundRenders.NAME)
    if "deck-first" in background:
        return background.result("deck-first")
    return _cold_deck(tmp_path_factory.mktemp("deck"))
