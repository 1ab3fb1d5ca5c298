"""The integration tier's shared whole-book render of changed data: the variant of
tests/integration/variant_book.py (every input marked real, a hostile 2025 export), once per
engine and session; Quarto's starts in the background when the tests are collected."""

from __future__ import annotations

import functools
import shutil

import pytest


def _wants_variant(item, engine: str) -> bool:
    callspec = getattr(item, "callspec", None)
    return ("variant_book" in getattr(item, "fixturenames", ())
            and callspec is not None and engine in callspec.params.values())


def pytest_collection_finish(session):
    """Each engine's render of the variant takes half a minute to minutes: request it in the
    background (``BackgroundRenders`` in tests/conftest.py) for the first test that waits for
    it (Quarto's only when it is on PATH: the tests skip that case and say why)."""
    from variant_book import render_variant

    background = session.config.pluginmanager.get_plugin("norcrin-background-renders")
    for engine in ("builtin", "quarto"):
        if engine == "quarto" and shutil.which("quarto") is None:
            continue
        first = next((n for n, item in enumerate(session.items)
                      if _wants_variant(item, engine)), None)
        if first is not None:
            background.request(f"variant-{engine}", functools.partial(render_variant, engine),
                               first)


@pytest.fixture(scope="session")
def variant_book(request, tmp_path_factory):
    """Factory: ``variant_book("builtin")`` or ``variant_book("quarto")`` is the ``_book/``
    of the variant rendered cold by that engine, made once per test session (Quarto's from the
    background render when one was started); tests must not modify it."""
    from variant_book import render_variant

    background = request.config.pluginmanager.get_plugin("norcrin-background-renders")
    books = {}

    def render(engine: str):
        if engine not in books:
            if f"variant-{engine}" in background:
                books[engine] = background.result(f"variant-{engine}")
            else:
                folder = tmp_path_factory.mktemp(f"variant-{engine}")
                books[engine] = render_variant(engine, folder)
        return books[engine]

    return render
