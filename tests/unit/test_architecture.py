"""Layering rules, read from the import statements of every module (``ast``, nothing runs).

- Commands (``analysis/commands/``), the CLI and the render hooks (``analysis/render_hooks.py``)
  sit on top: they wire stages together, and no stage imports them (STYLE.md, 14).
- The report layer (``analysis/report/``) turns the bundle into what chapters print; it
  never solves the reconstruction (``python -m analysis reconstruct`` stores what it needs)
  and never touches the render engine (the report is the same under Quarto and the
  built-in engine).
- The bundle owns no solver: loading the data never imports the audit or the reconstruction
  (the consistency half of the audit is stored by ``reconstruct``).
- The engine sits apart (docs/design-decisions.md, 2; STYLE.md, 1): no stage imports it (the
  chapter linter's parser is the one exception), and it imports nothing of the report but
  the shared leaf modules; what it needs of the report it asks through its hooks
  (``analysis/engine/hooks.py``), configured in ``analysis/render_hooks.py``.
- Modules stay small (STYLE.md, 6: none past ~400 lines).
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import analysis

PACKAGE = Path(analysis.__file__).parent

#: Above the stages: they may import anything, nothing below imports them.
TOP = ("commands/", "cli.py", "__main__.py", "render_hooks.py")
TOP_MODULES = ("analysis.commands", "analysis.cli", "analysis.__main__", "analysis.render_hooks")
#: Stage modules outside the engine that may import it, and why.
ENGINE_USERS = {
    # the chapter linter parses chapters with the engine's .qmd reader (one parser, so the
    # linter and the render see the same cells)
    "qa/chapter_lint.py",
}
#: Leaf modules shared by the engine and the report: they import nothing else of ``analysis``.
SHARED_LEAVES = {"analysis.paths", "analysis.bundle_cache", "analysis.book_order"}
#: What the engine may import from the rest of ``analysis``: the shared leaves, nothing else.
ENGINE_MAY_IMPORT = SHARED_LEAVES
#: The modules that load the bundle (the bundle and what it is split into).
BUNDLE_MODULES = ("bundle.py", "manifest.py", "count_ranges.py", "screening.py",
                  "ledger/consistency.py")
#: The house limit on a module's length (STYLE.md, 6).
MAX_LINES = 400
#: Modules past the limit, each at most as long as it is now (it may only shrink).
LONG_MODULES = {
    # the executor's fork server: being reshaped by the executor work of issue 25 (414 lines
    # when the rule came; the type checker's asserts on its pipes added three)
    "engine/fork_server.py": 417,
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


def _analysis_imports(path: Path) -> set[str]:
    """The ``analysis`` modules ``path`` imports (``from analysis.x import f`` also yields
    ``analysis.x.f``: judge by prefix)."""
    return {m for m in imported_modules(path) if _within(m, "analysis") and m != "analysis"}


@pytest.mark.parametrize("path", _modules("report"), ids=_rel)
def test_the_report_layer_imports_neither_reconstruct_nor_engine(path):
    bad = sorted(m for m in imported_modules(path)
                 if _within(m, "analysis.reconstruct") or _within(m, "analysis.engine"))
    assert not bad, f"analysis/{_rel(path)} imports {bad}"


def test_nothing_below_the_commands_imports_them():
    up = {_rel(p): sorted(m for m in _analysis_imports(p)
                          if any(_within(m, top) for top in TOP_MODULES))
          for p in _modules() if not _rel(p).startswith(TOP)}
    assert not {k: v for k, v in up.items() if v}


def test_the_bundle_imports_neither_the_audit_nor_the_solver():
    # also what the bundle imports in turn: loading the data must not reach either package
    seen, todo = set(), [PACKAGE / m for m in BUNDLE_MODULES]
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        for module in _analysis_imports(path):
            if _within(module, "analysis.audit") or _within(module, "analysis.reconstruct"):
                pytest.fail(f"analysis/{_rel(path)} imports {module}")
            todo += [f for f in _module_files(module) if f not in seen]


def _module_files(module: str) -> list[Path]:
    """The file of ``module`` (or of its package), if it is part of ``analysis``."""
    parts = module.split(".")[1:]
    while parts:
        base = PACKAGE.joinpath(*parts)
        for candidate in (base.with_suffix(".py"), base / "__init__.py"):
            if candidate.is_file():
                return [candidate]
        parts = parts[:-1]  # ``analysis.x.f``: the name f inside module x
    return []


def test_nothing_outside_the_engine_imports_it_but_the_listed_tools():
    users = {_rel(p) for p in _modules() if not _rel(p).startswith(("engine/", *TOP))
             and any(_within(m, "analysis.engine") for m in imported_modules(p))}
    assert users == ENGINE_USERS


def test_the_engine_imports_only_the_shared_leaves():
    extra = {}
    for path in _modules("engine"):
        used = {m for m in _analysis_imports(path) if not _within(m, "analysis.engine")}
        stray = {m for m in used if not any(_within(m, a) for a in ENGINE_MAY_IMPORT)}
        if stray:
            extra[_rel(path)] = sorted(stray)
    assert not extra


@pytest.mark.parametrize("leaf", sorted(SHARED_LEAVES))
def test_the_shared_leaves_import_nothing_of_analysis(leaf):
    (path,) = _module_files(leaf)
    assert not {m for m in _analysis_imports(path) if not _within(m, "analysis.paths")
                or leaf == "analysis.paths"}


def test_modules_stay_under_the_house_limit():
    long = {_rel(p): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert all(n <= LONG_MODULES.get(name, MAX_LINES) for name, n in long.items()), long


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


def test_a_stage_importing_a_command_is_caught():
    # the command rule reads relative imports from a stage package too
    found = imports_of("from ..commands import render\n", "analysis.packs")
    assert any(_within(m, "analysis.commands") for m in found)


def test_the_bundle_rule_follows_an_import_into_its_module():
    assert _module_files("analysis.ledger.consistency.read_consistency") == [
        PACKAGE / "ledger" / "consistency.py"]
    assert _module_files("analysis.audit") == [PACKAGE / "audit" / "__init__.py"]
    assert _module_files("pandas") == []
