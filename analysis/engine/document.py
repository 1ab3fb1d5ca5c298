"""Render one parameterised ``.qmd`` once per set of parameters (the partner packs).

Quarto's convention for Jupyter documents, which this follows: the cell tagged
``parameters`` (``#| tags: [parameters]``) holds the defaults, and ``quarto render doc.qmd
-P name:value`` sets the values in a cell injected right after it. Every run gets a folder
of its own, a copy of the source named after the run, so the figures of one run never
overwrite another's (quarto-r#205: rendering one file twice with different parameters into
one folder shares ``doc_files/``). Chapters' machinery is reused: the runs execute like
chapters (fork server, the stored bundle, the freeze cache keyed by each copy's folder, which
names the parameters), and their pages are built from the same Markdown.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

import pypandoc

from analysis.engine import crossref, html, pdf
from analysis.engine.book_execution import default_jobs, execute_chapters
from analysis.engine.errors import RenderError
from analysis.engine.outputs import Target, chapter_markdown
from analysis.engine.qmd import CodeCell, QmdDocument, read_qmd
from analysis.engine.timing import Phases

PARAMETERS_TAG = "parameters"
#: Working copies of the sources, one folder per run (git-ignored with the rest of .cache/).
WORK_DIR = Path(".cache") / "documents"

_TYPST = r"""#set document(title: [$title$])
#set page(paper: "a4", margin: 2.5cm, numbering: "1")
#set text(lang: "$lang$", font: "DejaVu Serif", size: 10.5pt)
#set par(justify: false)
#set heading(numbering: none)
#set table(inset: 5pt, stroke: (x: none, y: 0.5pt + luma(180)))
#show table: set text(size: 8.5pt)
#show link: set text(fill: rgb("#1a4d80"))
$for(header-includes)$
$header-includes$
$endfor$

#block(below: 1.5em, text(size: 11pt, fill: luma(90))[$title$])

$body$
"""


@dataclass(frozen=True)
class Run:
    """One rendering of a document: the output's base name, its parameter values and, when
    runs of several documents execute together, its source (else the call's)."""

    name: str
    params: Mapping[str, object] = field(default_factory=dict)
    source: str = ""

    @property
    def key(self) -> str:
        """Folder of the run: its name and a hash of its parameters."""
        digest = hashlib.sha256(json.dumps(dict(self.params), sort_keys=True,
                                           default=str).encode()).hexdigest()[:10]
        return f"{self.name}-{digest}"


def inject_parameters(doc: QmdDocument, params: Mapping[str, object]) -> QmdDocument:
    """Insert the cell that sets ``params`` after the cell tagged ``parameters``.

    Raises
    ------
    RenderError
        If parameters are given and no cell is tagged ``parameters``.

    Examples
    --------
    >>> from analysis.engine.qmd import parse_qmd
    >>> doc = parse_qmd("```{python}\\n#| tags: [parameters]\\nregion = 'a'\\n```\\n", "d.qmd")
    >>> inject_parameters(doc, {"region": "vest"}).cells[1].source
    "# Injected parameters\\nregion = 'vest'"
    """
    if not params:
        return doc
    for i, block in enumerate(doc.blocks):
        if isinstance(block, CodeCell) and PARAMETERS_TAG in block.options.get("tags", []):
            source = "# Injected parameters\n" + "\n".join(
                f"{name} = {value!r}" for name, value in params.items())
            cell = CodeCell(source, block.line, {"label": "injected-parameters",
                                                 "tags": ["injected-parameters"]})
            return replace(doc, blocks=(*doc.blocks[:i + 1], cell, *doc.blocks[i + 1:]))
    raise RenderError(f"{doc.path}: parameters {sorted(params)} given, but no cell is tagged "
                      f"'{PARAMETERS_TAG}' (#| tags: [parameters])")


def render_runs(root: Path, source: str, runs: list[Run], out_dir: Path,
                formats: tuple[str, ...] = ("html", "pdf"), lang: str = "nb",
                log: Callable[[str], None] = print, use_cache: bool = True,
                preflight: Callable[[], object] | None = None,
                phases: Phases | None = None, typst_header: str = "") -> list[Path]:
    """Render ``source`` (relative to ``root``) once per run into ``out_dir``; all runs execute
    together (one fork server, one core each), a run's own ``source`` taking precedence.

    Writes ``<name>.pdf`` and/or ``<name>.html`` (figures in ``<name>_files/``) per run.
    ``typst_header``: raw Typst put before the PDF's body (as Quarto's ``include-in-header``),
    e.g. a ``#set page(header: ...)`` that prints on every page.

    Returns
    -------
    list of Path
        The files written.

    Raises
    ------
    RenderError
        If a run fails to execute or convert (``out_dir`` may then hold the runs before it).
    """
    docs = []
    for run in runs:
        text = (root / (run.source or source)).read_text(encoding="utf-8")
        copy = WORK_DIR / Path(run.source or source).stem / run.key / f"{run.name}.qmd"
        (root / copy).parent.mkdir(parents=True, exist_ok=True)
        if not (root / copy).is_file() or (root / copy).read_text(encoding="utf-8") != text:
            (root / copy).write_text(text, encoding="utf-8")
        docs.append(inject_parameters(read_qmd(root / copy, copy.as_posix()), run.params))
    executed = execute_chapters(root, docs, use_cache, log, preflight=preflight, phases=phases)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for run, chapter in zip(runs, executed, strict=True):
        title = str(chapter.doc.front_matter.get("title", run.name))
        index = crossref.collect([chapter.doc], set())
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch) / Path(chapter.doc.path).parent
            folder.mkdir(parents=True, exist_ok=True)
            if "pdf" in formats:
                written.append(_pdf(root, chapter, index, Path(scratch), folder, out_dir,
                                    run.name, title, lang, typst_header))
            if "html" in formats:
                written.append(_html(root, chapter, index, Path(scratch), folder, out_dir,
                                     run.name, title, lang))
    return written


def render_runs_with_quarto(root: Path, quarto, source: str, runs: list[Run], out_dir: Path,
                            formats: tuple[str, ...] = ("html", "pdf"), lang: str = "nb",
                            log: Callable[[str], None] = print, bundle: object | None = None,
                            typst_header: str = "") -> list[Path]:
    """Render ``source`` (or a run's own) once per run with real Quarto: ``quarto render
    <name>.qmd -P k:v``, one Quarto process per core.

    Each run renders a copy of the source, in a folder of its own outside the project (so the
    book's ``_quarto.yml`` and hooks do not apply, and no two runs share ``<name>_files/``),
    with a ``_quarto.yml`` giving the book's filters, language and execution defaults. The
    kernels read the render's stored bundle (``NORCRIN_BUNDLE_CACHE``) and find the project
    by ``NORCRIN_ROOT``. Writes ``<name>.pdf``/``<name>.html`` (+ ``<name>_files/``).
    ``typst_header`` goes to the PDF's ``include-in-header``.

    Raises
    ------
    RenderError
        If Quarto exits non-zero (naming the run).
    """
    from analysis.engine.book import load_book
    from analysis.engine.quarto import quarto_env, quarto_failure, quarto_kernels

    typst = {"papersize": "a4", **({"include-in-header": {"text": typst_header}}
                                   if typst_header else {})}
    wanted: dict[str, dict[str, dict]] = {"html": {"html": {"minimal": False}},
                                          "pdf": {"typst": typst}}
    config = {"project": {"type": "default"}, "lang": lang,
              "filters": [str(root / f) for f in load_book(root).filters],
              "execute": {"echo": False, "warning": False},
              "format": {k: v for f in formats for k, v in wanted[f].items()}}
    out_dir.mkdir(parents=True, exist_ok=True)

    def one(run: Run) -> list[Path]:
        written = []
        with tempfile.TemporaryDirectory(prefix=f"norcrin-{run.name}-") as work:
            folder = Path(work)
            (folder / "_quarto.yml").write_text(json.dumps(config, ensure_ascii=False),
                                                encoding="utf-8")
            text = (root / (run.source or source)).read_text(encoding="utf-8")
            (folder / f"{run.name}.qmd").write_text(text, encoding="utf-8")
            command = [quarto.path, "render", f"{run.name}.qmd"]  # captured, not --quiet
            for name, value in run.params.items():
                command += ["-P", f"{name}:{value}"]
            log(f"quarto render {run.name}.qmd {' '.join(command[3:])}")
            # the book's render stored the bundle already (same fingerprint): shared
            result = subprocess.run(command, cwd=folder, env=env, check=False,
                                    capture_output=True, text=True)
            if result.returncode != 0:
                raise RenderError(f"{source} ({run.name}): quarto exited with "
                                  f"{result.returncode}:\n{quarto_failure(result)}")
            for suffix in ("pdf", "html"):
                if suffix in formats and (folder / f"{run.name}.{suffix}").is_file():
                    shutil.copyfile(folder / f"{run.name}.{suffix}",
                                    out_dir / f"{run.name}.{suffix}")
                    written.append(out_dir / f"{run.name}.{suffix}")
            if "html" in formats and (folder / f"{run.name}_files").is_dir():
                shutil.rmtree(out_dir / f"{run.name}_files", ignore_errors=True)
                shutil.copytree(folder / f"{run.name}_files", out_dir / f"{run.name}_files")
        return written

    # One Quarto process per core; each run has its own folder, so they cannot collide. Their
    # kernels are forked from one fork server (analysis/engine/quarto_kernels.py).
    with quarto_kernels(root, quarto_env(root, bundle, use_cache=True), log) as env, \
            ThreadPoolExecutor(max_workers=default_jobs()) as pool:
        return [path for paths in pool.map(one, runs) for path in paths]


def _filters(root: Path) -> list[str]:
    from analysis.engine.book import load_book

    return [f"--lua-filter={root / f}" for f in load_book(root).filters] + [
        f"--lua-filter={html.CONTENT_VISIBLE}"]


def _pdf(root, chapter, index, scratch: Path, folder: Path, out_dir: Path, name: str,
         title: str, lang: str, typst_header: str = "") -> Path:
    target = Target("typst", scratch, "", lambda ref: f"#{ref.label}")
    markdown = chapter_markdown(chapter.doc, chapter.notebook, index, target)
    template = folder / "document.typst"
    template.write_text(_TYPST, encoding="utf-8")
    try:
        source = pypandoc.convert_text(
            markdown, "typst", format="markdown",
            extra_args=["--standalone", f"--template={template}", "--wrap=none",
                        *_filters(root),
                        # the image's alt text onto Typst's image (the PDF is PDF/UA-1)
                        f"--lua-filter={Path(pdf.__file__).with_name('typst_images.lua')}",
                        f"--metadata=title:{title}", f"--variable=lang:{lang}",
                        *([f"--variable=header-includes:{typst_header}"] if typst_header
                          else [])])
    except RuntimeError as exc:
        raise RenderError(f"{chapter.doc.path}: pandoc could not convert it: {exc}") from None
    typ = folder / f"{name}.typ"
    typ.write_text(source, encoding="utf-8")
    target_pdf = out_dir / f"{name}.pdf"
    pdf.compile_pdf(typ, folder / f"{name}.pdf", folder)
    shutil.copyfile(folder / f"{name}.pdf", target_pdf)
    return target_pdf


def _html(root, chapter, index, scratch: Path, folder: Path, out_dir: Path, name: str,
          title: str, lang: str) -> Path:
    target = Target("html", scratch, "", lambda ref: f"#{ref.label}")
    markdown = chapter_markdown(chapter.doc, chapter.notebook, index, target)
    body = html.markdown_to_html(markdown, chapter.doc.path,
                                 tuple(Path(f.split("=", 1)[1]) for f in _filters(root)))
    page = (f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{_escape(title)}</title>\n<style>\n{html.CSS}</style>\n</head>\n"
            f'<body>\n<main id="content">\n<p class="title">{_escape(title)}</p>\n{body}\n'
            "</main>\n</body>\n</html>\n")
    target_html = out_dir / f"{name}.html"
    target_html.write_text(page, encoding="utf-8")
    figures = folder / f"{name}_files"
    if figures.is_dir():
        shutil.rmtree(out_dir / f"{name}_files", ignore_errors=True)
        shutil.copytree(figures, out_dir / f"{name}_files")
    return target_html


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
