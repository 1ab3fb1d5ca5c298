"""Layering rules, read from the import statements of every module (``ast``, nothing runs).

- The report layer (``analysis/report/``) turns the bundle into what chapters print; it
  never solves the reconstruction (``python -m analysis reconstruct`` stores what it needs)
  and never touches the render engine (the report is the same under Quarto and the
  built-in engine).
- The engine sits apart (docs/design-decisions.md, 2; STYLE.md, 1): no module outside
  ``analysis/engine/`` imports it, and the engine imports no analysis stage beyond the
  exceptions listed here with their reason.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import analysis

PACKAGE = Path(analysis.__file__).parent

#: Modules outside the engine that may import it, and why.
ENGINE_USERS = {
    # the chapter linter parses chapters with the engine's .qmd reader (one parser, so the
    # linter and the render see the same cells)
    "qa/chapter_lint.py",
    # the Excel annex numbers and orders the tables as the book does (the engine's book and
    # cross-reference index); the engine calls it after the chapters have run
    "annex/collect.py",
    # `python -m analysis packs` renders the partner packs with the engine's parameterised
    # documents (analysis/engine/document.py), as `render` renders the book
    "packs/command.py",
}
#: What the engine may import from the rest of ``analysis``: paths everywhere, and per module.
ENGINE_MAY_IMPORT = {"analysis.paths"}
ENGINE_EXCEPTIONS = {
    # `render` loads the bundle first so a bad input stops it with the located message
    "engine/command.py": {"analysis.bundle", "analysis.given_files"},
    # the Quarto pre-render hook stops on the same input errors as the CLI
    "engine/quarto_hooks.py": {"analysis.cli", "analysis.annex"},
    # the title block's date in the book's Norwegian format
    "engine/book.py": {"analysis.fmt"},
    # the validated bundle is built once per render and handed to every chapter kernel
    "engine/cache.py": {"analysis.bundle", "analysis.bundle_cache"},
    "engine/book_execution.py": {"analysis.bundle_cache"},
    "engine/quarto.py": {"analysis.bundle_cache"},
    # parameterised documents (the partner packs) under Quarto share the stored bundle too
    "engine/document.py": {"analysis.bundle_cache"},
    # a prepared kernel applies the one figure style before the chapter runs, and the fork
    # server loads the bundle by the chapters' own call (report.load) before it forks them
    "engine/kernel.py": {"analysis.figures.style", "analysis.report"},
    # the Excel annex is written from the executed chapters, by either engine
    "engine/render.py": {"analysis.annex"},
    # the deck: native charts and the handout after pandoc (either engine), the bundle stored
    # for its kernel as for the chapters'
    "engine/deck.py": {"analysis.slides", "analysis.bundle_cache"},
}


def imported_modules(path: Path) -> set[str]:
    """Every module the file ``path`` (inside ``analysis/``) imports; see :func:`imports_of`."""
    package = ".".join(("analysis", *path.relative_to(PACKAGE).parent.parts))
    return imports_of(path.read_text(encoding="utf-8"), package, str(path))


def imports_of(source: str, package: str, filename: str = "<source>") -> set[str]:
    """Absolute names of the modules ``source`` (a module of ``package``) imports.

    ``from analysis import x`` gives ``analysis`` and ``analysis.x``; relative imports are
    resolved; names passed as a literal to ``importlib.import_module`` / ``__import__`` count.
    """
    found: set[str] = set()
    for node in ast.walk(ast.parse(source, filename=filename)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, *([node.module] if node.module else [])])
            found.add(base)
            found |= {f"{base}.{alias.name}" for alias in node.names}
        elif isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in ("import_module", "__import__") and isinstance(node.args[0].value, str):
                found.add(node.args[0].value)
    return found


def _within(module: str, package: str) -> bool:
    return module == package or module.startswith(package + ".")


def _modules(folder: str = "") -> list[Path]:
    return sorted((PACKAGE / folder).rglob("*.py"))


def _rel(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


@pytest.mark.parametrize("path", _modules("report"), ids=_rel)
def test_the_report_layer_imports_neither_reconstruct_nor_engine(path):
    bad = sorted(m for m in imported_modules(path)
                 if _within(m, "analysis.reconstruct") or _within(m, "analysis.engine"))
    assert not bad, f"analysis/{_rel(path)} imports {bad}"


def test_nothing_outside_the_engine_imports_it_but_the_listed_tools():
    users = {_rel(p) for p in _modules() if not _rel(p).startswith("engine/")
             and any(_within(m, "analysis.engine") for m in imported_modules(p))}
    assert users == ENGINE_USERS


def test_the_engine_imports_no_analysis_stage_beyond_the_listed_exceptions():
    extra = {}
    for path in _modules("engine"):
        allowed = ENGINE_MAY_IMPORT | ENGINE_EXCEPTIONS.get(_rel(path), set())
        used = {m for m in imported_modules(path)
                if _within(m, "analysis") and not _within(m, "analysis.engine")
                and m != "analysis"}
        # ``from analysis.fmt import date`` also yields analysis.fmt.date: judge the module
        stray = {m for m in used if not any(_within(m, a) for a in allowed)}
        if stray:
            extra[_rel(path)] = sorted(stray)
    assert not extra


def test_the_import_reader_sees_every_form():
    # The rules are only as good as the reader: each way of importing is caught.
    source = ("import analysis.engine.qmd\n"
              "from analysis import reconstruct\n"
              "from ..engine import render\n"
              "from . import views\n"
              "def f():\n    import importlib\n    importlib.import_module('analysis.engine.x')\n")
    found = imports_of(source, "analysis.report")
    assert {"analysis.engine.qmd", "analysis.reconstruct", "analysis.engine.render",
            "analysis.report.views", "analysis.engine.x"} <= found
