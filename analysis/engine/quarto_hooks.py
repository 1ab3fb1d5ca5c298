"""Quarto's pre- and post-render hooks: what the built-in engine does itself, done for Quarto.

``_quarto.yml`` runs this file with ``QUARTO_PYTHON`` (``project: pre-render`` /
``post-render``), so a plain ``quarto render`` gives the same book folder as
``python -m analysis render``:

``pre``
    Checks the survey data (a bad export stops the render with its located message before any
    kernel starts; skipped when ``python -m analysis render`` checked this very tree before
    starting Quarto), drops Quarto's ``_freeze/`` when anything the chapters read changed
    (Quarto's own freeze looks at the chapter source only; we use the fingerprint of
    :mod:`analysis.engine.cache`), and removes notebooks a previous run left behind.
``post``
    Reads the inline values Quarto printed from the executed notebooks it kept
    (``keep-ipynb: true``: ``metadata.user_expressions`` of each markdown cell), remembers them
    for chapters a later render restores from the freeze, and writes ``inline-values.json`` and
    ``render-log.json`` into the output folder, and the Excel annex of the book's tables
    (the annex hook, :mod:`analysis.engine.hooks`, from the tables the same notebooks
    printed); then removes the notebooks, and makes each page's table outputs focusable
    regions (accessibility).
"""

if __name__ == "__main__":  # run as a script by Quarto: the project root must come first
    import os as _os
    import sys as _sys

    # This folder holds html.py, which would shadow the standard library's html module.
    _sys.path[0] = _os.path.dirname(_os.path.dirname(_os.path.dirname(_os.path.abspath(
        __file__))))

import hashlib  # noqa: E402
import json  # noqa: E402
import os  # noqa: E402
import shutil  # noqa: E402
import sys  # noqa: E402
from pathlib import Path, PurePosixPath  # noqa: E402

from analysis.engine.book import load_book  # noqa: E402
from analysis.engine.cache import tree_fingerprint  # noqa: E402
from analysis.engine.hooks import render_hooks  # noqa: E402
from analysis.engine.qmd import MarkdownBlock, read_qmd  # noqa: E402
from analysis.engine.quarto_check import OUTCOME_ENV, OWNER_ENV, wait_for_outcome  # noqa: E402
from analysis.engine.render import write_run_log, write_trace  # noqa: E402
from analysis.engine.table_numbers import book_tables  # noqa: E402

#: Where values of executed chapters are kept for later renders that restore them from freeze.
STORE = Path(".cache") / "quarto-inline"
FINGERPRINT = Path(".cache") / "quarto-fingerprint"


def kept_notebooks(root: Path, source: str) -> list[Path]:
    """The ``.quarto_ipynb`` files Quarto kept for a chapter (``x.quarto_ipynb``, ``_1``...)."""
    path = root / source
    return sorted(path.parent.glob(f"{path.stem}.quarto_ipynb*"))


def executed_values(notebook: dict) -> list[tuple[str, dict]] | None:
    """``(expression, result data)`` of every inline expression, in order; None when the
    notebook was not executed (a chapter Quarto restored from its freeze)."""
    cells = [c for c in notebook.get("cells", []) if c.get("cell_type") == "markdown"]
    if not any("user_expressions" in c.get("metadata", {}) for c in cells):
        return None
    return [(entry["expression"], entry["result"].get("data", {}))
            for cell in cells for entry in cell.get("metadata", {}).get("user_expressions", [])]


def chapter_values(root: Path, source: str, executed: list[tuple[str, dict]]) -> list[dict]:
    """Match Quarto's results to the chapter's inline expressions (same order) and lines.

    Raises
    ------
    ValueError
        If the notebook's expressions are not those of the chapter source.
    """
    doc = read_qmd(root / source, source)
    inlines = [e for b in doc.blocks if isinstance(b, MarkdownBlock) for e in b.inlines]
    if [e.expression.strip() for e in inlines] != [x.strip() for x, _ in executed]:
        raise ValueError(f"{source}: Quarto evaluated {len(executed)} inline expressions, "
                         f"the source has {len(inlines)}; they do not match")
    return [{"chapter": source, "line": e.line, "expression": e.expression,
             "value": str(data.get("text/plain", ""))}
            for e, (_, data) in zip(inlines, executed, strict=True)]


def _source_key(root: Path, source: str) -> str:
    return hashlib.sha256((root / source).read_bytes()).hexdigest()


def _stored(root: Path, source: str) -> Path:
    return root / STORE / (source.replace("/", "__") + ".json")


def validated_by_render(fingerprint: str) -> bool:
    """Whether ``python -m analysis render`` started this Quarto run having validated the data
    of this very tree itself (:data:`analysis.engine.quarto.VALIDATED_ENV` holds its
    fingerprint). A plain ``quarto render`` sets nothing, and the hook validates."""
    from analysis.engine.quarto import VALIDATED_ENV

    checked = os.environ.get(VALIDATED_ENV)
    return bool(checked) and checked == fingerprint


def pre(root: Path) -> int:
    """The pre-render hook (see the module docstring); 2 on a data error."""
    for source in load_book(root).sources:
        for path in kept_notebooks(root, source):
            path.unlink()
    hooks = render_hooks()
    outcome = os.environ.get(OUTCOME_ENV)
    if outcome:  # the render is checking the data beside Quarto's start-up: wait for it
        owner = os.environ.get(OWNER_ENV)
        result = wait_for_outcome(Path(outcome), int(owner) if owner else None)
        if "error" in result:
            print("pre-render: stopped, the render's data check failed (the render says why)",
                  file=sys.stderr)
            return 2
    fingerprint = tree_fingerprint(root)
    try:
        if not outcome and not validated_by_render(fingerprint):
            hooks.check_inputs(root)
    except hooks.input_errors() as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    marker = root / FINGERPRINT
    if not marker.is_file() or marker.read_text(encoding="utf-8") != fingerprint:
        if (root / "_freeze").is_dir():
            print("pre-render: data, analysis code or pins changed: every chapter runs again")
            shutil.rmtree(root / "_freeze")
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.write_text(fingerprint, encoding="utf-8")
    return 0


def post(root: Path, out: Path, outputs: list[str]) -> int:
    """The post-render hook (see the module docstring)."""
    book = load_book(root)
    values, chapters, problems, printed = [], [], [], {}
    for source in book.sources:
        notebooks = kept_notebooks(root, source)
        executed, tables = None, {}
        for path in notebooks:
            notebook = json.loads(path.read_text(encoding="utf-8"))
            found = executed_values(notebook)
            if found is not None:
                executed = found
                tables.update(render_hooks().notebook_tables(notebook))
        stored = _stored(root, source)
        try:
            if executed is not None:
                rows = chapter_values(root, source, executed)
                stored.parent.mkdir(parents=True, exist_ok=True)
                stored.write_text(json.dumps({"source": _source_key(root, source),
                                              "values": rows, "tables": tables},
                                             ensure_ascii=False), encoding="utf-8")
            else:
                entry = json.loads(stored.read_text(encoding="utf-8"))
                if entry["source"] != _source_key(root, source):
                    raise ValueError(f"{source}: its stored inline values are of an older "
                                     "source; render with --no-cache")
                rows, tables = entry["values"], entry["tables"]
            printed[source] = tables
        except (OSError, ValueError, KeyError) as exc:
            rows = []
            problems.append(str(exc) if not isinstance(exc, OSError) else
                            f"{source}: no inline values known (restored from Quarto's freeze "
                            "before they were recorded); render with --no-cache")
        values.extend(rows)
        chapters.append({"chapter": source, "cached": executed is None})
        for path in notebooks:
            path.unlink()
    write_trace(out, values)
    try:
        render_hooks().write_annex(book_tables(book), out, printed)
    except ValueError as exc:
        problems.append(f"the Excel annex was not written: {exc}")
    formats = sorted({"pdf" if PurePosixPath(f).suffix == ".pdf" else "html"
                      for f in outputs if PurePosixPath(f).suffix in (".pdf", ".html")})
    if "html" in formats:
        focus_table_regions(out)
    write_run_log(out, {"engine": "quarto", "formats": formats, "chapters": chapters,
                        "problems": problems})
    for problem in problems:
        print(f"post-render: {problem}", file=sys.stderr)
    return 0


def focus_table_regions(out: Path) -> None:
    """Every page's table outputs take keyboard focus and carry a name
    (:func:`analysis.engine.html.focusable_output_regions`)."""
    from analysis.engine.html import focusable_output_regions

    for page in [out / "index.html", *sorted((out / "chapters").glob("*.html"))]:
        if page.is_file():
            text = page.read_text(encoding="utf-8")
            fixed = focusable_output_regions(text)
            if fixed != text:
                page.write_text(fixed, encoding="utf-8")


def main(argv: list[str]) -> int:
    """``quarto_hooks.py pre|post``, with the environment Quarto sets."""
    root = Path(os.environ.get("QUARTO_PROJECT_DIR") or Path.cwd()).resolve()
    if argv[:1] == ["pre"]:
        return pre(root)
    if argv[:1] == ["post"]:
        out = Path(os.environ.get("QUARTO_PROJECT_OUTPUT_DIR") or root / "_book")
        outputs = os.environ.get("QUARTO_PROJECT_OUTPUT_FILES", "").splitlines()
        return post(root, out, outputs)
    print("usage: quarto_hooks.py pre|post", file=sys.stderr)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
