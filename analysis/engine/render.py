"""Render the book with the built-in engine into ``_book/``, atomically.

Everything is built in a staging folder beside ``_book/`` (:mod:`analysis.engine.output_dir`);
only when every chapter executed and every format asked for was written is it swapped in,
keeping the formats not asked for. Pages and the PDF whose inputs did not change since the
last render are copied from :mod:`analysis.engine.output_cache` instead of being rebuilt; the
others are built side by side (pandoc and typst run as their own processes). A failing or
interrupted render removes the staging folder and leaves ``_book/`` untouched.
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict
from importlib import metadata
from pathlib import Path, PurePosixPath

from analysis.engine import crossref, deck, html, pdf
from analysis.engine.book import Book, load_book
from analysis.engine.book_execution import default_jobs, execute_chapters, read_chapters, trace
from analysis.engine.cache import tree_fingerprint
from analysis.engine.environment import check_environment
from analysis.engine.errors import RenderError
from analysis.engine.hooks import render_hooks
from analysis.engine.output_cache import OutputCache, file_bytes, unit_key
from analysis.engine.output_dir import BOOK_FORMATS, FORMATS, publish, render_lock, staged
from analysis.engine.outputs import Target, chapter_markdown
from analysis.engine.table_numbers import book_tables
from analysis.engine.timing import Phases


def render_book(root: Path, formats: tuple[str, ...] = BOOK_FORMATS, use_cache: bool = True,
                log: Callable[[str], None] = print,
                preflight: Callable[[], object] | None = None) -> Path:
    """Render the book at ``root`` to ``<root>/_book``.

    Parameters
    ----------
    root : Path
        Project root (holds ``_quarto.yml``).
    formats : tuple of str
        Any of ``"html"``, ``"pdf"`` and ``"pptx"`` (the presentation and its handout).
    use_cache : bool
        Reuse frozen chapters (see :mod:`analysis.engine.cache`).
    log : callable
        Receives progress lines.
    preflight : callable, optional
        Run before any kernel starts when a chapter must execute (see
        :func:`~analysis.engine.book_execution.execute_chapters`); its exceptions propagate.

    Returns
    -------
    Path
        The output directory.

    Raises
    ------
    RenderError
        If anything fails; ``_book/`` is then left as it was.
        (:class:`~analysis.engine.environment.RenderEnvironmentError` when a folder cannot be
        written or the disk is full, found before anything runs.)
    OSError
        When writing fails during the render (the disk filled up); ``_book/`` is kept.
    """
    if not formats or set(formats) - set(FORMATS):
        raise RenderError(f"formats {formats!r}; allowed: one or more of {FORMATS}")
    started = time.perf_counter()
    phases = Phases()
    with phases.time("read book"):
        book = load_book(root)
        log(f"engine: built-in (nbclient + pandoc + typst); book: {book.title}")
        docs = read_chapters(root, book.sources)
        index = crossref.collect(docs, set(book.appendices))
        # The presentation executes among the chapters (same fork server and bundle) and is
        # written beside the PDF (analysis/engine/deck.py).
        deck_docs = read_chapters(root, (deck.SOURCE,)) if "pptx" in formats else []
    output = root / book.output_dir
    check_environment(root, output)
    with render_lock(root, log), staged(output, log) as staging:
        with phases.time("fingerprint"):
            fingerprint = tree_fingerprint(root)
        cache = OutputCache(root, enabled=use_cache)
        common = _common_inputs(book, fingerprint)
        position = {doc.path: i for i, doc in enumerate(docs)}
        with ThreadPoolExecutor(max_workers=default_jobs()) as builders:
            built: dict[str, Future] = {}
            chapters = execute_chapters(root, docs + deck_docs, use_cache, log,
                                        preflight=preflight, phases=phases,
                                        fingerprint=fingerprint)
            deck_chapter = chapters.pop() if deck_docs else None
            # Numbered again without the sections of questions the current wave did not ask
            # (each chapter's marker says which), so the pages are built once all have run.
            index = crossref.collect(docs, set(book.appendices),
                                     {c.doc.path: crossref.asked_questions(c.notebook)
                                      for c in chapters})
            infos = [index.chapters[doc.path] for doc in docs]
            with phases.time("outputs (after the chapters)"):
                # The PDF is the longest single output: started first, it runs beside the
                # pages rather than after them.
                if "pdf" in formats:
                    unit, key, make = _pdf_unit(book, chapters, index, phases, common)
                    built[unit] = builders.submit(cache.build, unit, key, make, staging)
                if deck_chapter is not None:
                    # rebuilt only when the deck's chapter, its folder (template, filters),
                    # the common inputs or the handout's converter change
                    deck_key = unit_key("pptx", common, _chapter_inputs(deck_chapter),
                                        deck.deck_files(root), render_hooks().deck_tools())
                    built["pptx"] = builders.submit(
                        cache.build, "pptx", deck_key,
                        lambda folder: _timed(phases, "pptx (pandoc, charts, handout)",
                                              deck.write_deck, root, deck_chapter, folder,
                                              log), staging)
                if "html" in formats:
                    for chapter in chapters:
                        unit, key, make = _html_unit(book, chapter, position[chapter.doc.path],
                                                     infos, index, phases, common)
                        built[unit] = builders.submit(cache.build, unit, key, make, staging)
                with phases.time("trace"):
                    write_trace(staging, trace(chapters))
                printed = {c.doc.path: render_hooks().notebook_tables(c.notebook)
                           for c in chapters}
                # The annex reads the tables printed and the numbered list of the book's
                # tables (order, labels, captions, numbers); it is rebuilt only when one of
                # them (or the common inputs) changes, not for an edit of the prose.
                tables = book_tables(book, docs)
                annex_key = unit_key("annex", common, asdict(tables), printed)
                built["annex"] = builders.submit(
                    cache.build, "annex", annex_key,
                    lambda folder: _timed(phases, "annex (Excel)", render_hooks().write_annex,
                                          tables, folder, printed), staging)
                if "html" in formats:
                    css = book.format_options.get("html", {}).get("css") or []
                    html.write_css(staging, [book.root / c for c in
                                             ([css] if isinstance(css, str) else css)])
                # book order for the first failure; the PDF last
                order = [f"html/{c.doc.path}" for c in chapters] + ["annex", "pdf", "pptx"]
                reused = {unit: built[unit].result() for unit in order if unit in built}
        if "html" in formats:
            pages = [u for u in reused if u.startswith("html/")]
            log(f"html: {len(pages)} pages ({sum(not reused[u] for u in pages)} rebuilt)")
        if "pdf" in formats:
            log(f"pdf: {book.slug}.pdf" + (" (unchanged)" if reused["pdf"] else ""))
        if reused.get("pptx"):
            log(f"pptx: {deck.deck_names(root)[0]} (unchanged)")
        with phases.time("publish"):
            write_run_log(staging, {
                "engine": "builtin", "formats": list(formats),
                "chapters": [{"chapter": c.doc.path, "cached": c.cached,
                              "seconds": round(c.seconds, 2), "phases": c.phases}
                             for c in chapters],
                "phases": phases.as_dict(),
                "seconds": round(time.perf_counter() - started, 3),
            })
            publish(staging, output, formats)
    log(f"done: {output} in {time.perf_counter() - started:.1f} s")
    return output


def _timed(phases: Phases, phase: str, function, *args):
    with phases.time(phase):
        return function(*args)


def write_trace(out: Path, values: list[dict]) -> Path:
    """``inline-values.json``: every inline expression and the text it printed, in order."""
    return _write_json(out / "inline-values.json", values)


def write_run_log(out: Path, log: dict) -> Path:
    """``render-log.json``: which engine ran, the formats, per chapter cached or not, and the
    seconds of each phase (the render's own and, per executed chapter, its kernel's; see
    :mod:`analysis.engine.timing`)."""
    return _write_json(out / "render-log.json", log)


def _write_json(path: Path, data) -> Path:
    # The trace holds text respondents typed; <, > and & are written as \u escapes (the same
    # JSON) so the file cannot be read as markup even if a browser is shown it as HTML.
    text = json.dumps(data, ensure_ascii=False, indent=1)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    path.write_text(text + "\n", encoding="utf-8")
    return path


def _common_inputs(book: Book, fingerprint: str) -> list:
    """What every output reads besides its chapters: the tree fingerprint (data, the
    ``analysis`` source with this engine and its templates, ``assets/``, ``_quarto.yml``,
    package versions incl. the bundled pandoc), the filters, stylesheets, bibliography and
    citation style wherever they live, and the typst compiler's version."""
    css = book.format_options.get("html", {}).get("css") or []
    extra = [*book.filters, *([css] if isinstance(css, str) else css), *book.bibliography,
             *([book.csl] if book.csl else [])]
    try:
        typst_version = metadata.version("typst")
    except metadata.PackageNotFoundError:
        typst_version = "?"
    return [fingerprint, typst_version, *file_bytes(book.root, extra)]


def _chapter_inputs(chapter) -> list:
    """A chapter's part of an output's key: its parsed source and its executed notebook."""
    return [chapter.doc.path, repr(chapter.doc), chapter.notebook]


def _html_unit(book: Book, chapter, position: int, infos: list, index: crossref.RefIndex,
               phases: Phases, common: list) -> tuple[str, str, Callable[[Path], None]]:
    """``(unit, key, make)`` of one chapter's page and its SVG figures."""
    key = unit_key("html", common, _chapter_inputs(chapter), position, index)

    def make(folder: Path) -> None:
        page = html.page_of(chapter.doc.path)

        def href(ref):
            return f"{html.relative_link(page, html.page_of(ref.page))}#{ref.label}"

        target = Target("html", folder, "", href,
                        book.language.get("section-title-appendices", "Vedlegg"))
        with phases.time("html: markdown + figures"):
            markdown = chapter_markdown(chapter.doc, chapter.notebook, index, target,
                                        book.echo, book.warning)
        with phases.time("html: pandoc"):
            body = html.markdown_to_html(markdown, chapter.doc.path,
                                         (*(book.root / f for f in book.filters),
                                          html.CONTENT_VISIBLE),
                                         tuple(book.citeproc_args()))
        with phases.time("html: pages"):
            html.write_page(book, folder, infos, position, body)

    return f"html/{chapter.doc.path}", key, make


def _pdf_unit(book: Book, chapters, index: crossref.RefIndex, phases: Phases,
              common: list) -> tuple[str, str, Callable[[Path], None]]:
    """``(unit, key, make)`` of the Typst source, the PDF and its figures."""
    key = unit_key("pdf", common, [_chapter_inputs(c) for c in chapters], index)

    def make(folder: Path) -> None:
        parts = []
        with phases.time("pdf: markdown + figures"):
            for chapter in chapters:
                if chapter.doc.path == next(iter(book.appendices), None):
                    parts.append("```{=typst}\n#pagebreak(weak: true)\n```")  # see pdf.TEMPLATE
                parent = str(PurePosixPath(chapter.doc.path).parent)
                prefix = "" if parent == "." else f"{parent}/"
                target = Target("typst", folder, prefix, lambda ref: f"#{ref.label}")
                parts.append(chapter_markdown(chapter.doc, chapter.notebook, index, target,
                                              book.echo, book.warning))
        with phases.time("pdf: pandoc -> typst"), tempfile.TemporaryDirectory() as scratch:
            source = pdf.typst_source(book, "\n\n".join(parts), Path(scratch))
        typ_path = folder / f"{book.slug}.typ"
        typ_path.write_text(source, encoding="utf-8")
        with phases.time("pdf: typst compile"):
            pdf.compile_pdf(typ_path, folder / f"{book.slug}.pdf", folder, book.date)

    return "pdf", key, make
