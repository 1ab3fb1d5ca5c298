"""Render the presentation (``deck/presentasjon.qmd``) into ``_book/``, under either engine.

A Quarto *book* renders no pptx ("The pptx format is not supported by book projects",
quarto-cli ``render-contexts.ts``), so the deck is a document of its own, in its own small
project (``deck/_quarto.yml``: pptx, the NorCRIN reference document, the data-text filter).

- Quarto: ``quarto render deck/presentasjon.qmd --to pptx`` with the project's Python and the
  stored bundle (as for the chapters); its pandoc writes the pptx.
- Built-in: the same ``.qmd`` is executed like a chapter (a kernel forked from the same
  server, the same stored bundle and freeze cache) and written by pandoc's pptx writer with
  the same reference document, slide level and filter.

Either way :func:`analysis.slides.finish` then draws the native charts, and LibreOffice (when
installed) writes the PDF handout beside it. The deck is built in a staging folder and
swapped in like the book; the rest of ``_book/`` is carried over unchanged.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pypandoc
import yaml

from analysis.engine import crossref
from analysis.engine.book import load_book
from analysis.engine.book_execution import execute_chapters, read_chapters
from analysis.engine.errors import RenderError
from analysis.engine.hooks import render_hooks
from analysis.engine.output_cache import file_bytes
from analysis.engine.output_dir import RUN_FILES, publish, render_lock, staged
from analysis.engine.outputs import Target, chapter_markdown
from analysis.engine.quarto import (
    quarto_env,
    quarto_failure,
    quarto_kernels,
    sources_left_as_they_were,
)
from analysis.paths import DECK_SUFFIX

#: The deck's source and its project, relative to the book's root.
SOURCE = "deck/presentasjon.qmd"


def deck_names(root: Path) -> tuple[str, str]:
    """File names of the deck and its handout: ``<book slug>-presentasjon.pptx`` / ``.pdf``."""
    stem = load_book(root).slug + DECK_SUFFIX
    return f"{stem}.pptx", f"{stem}.pdf"


def deck_config(root: Path) -> dict:
    """``deck/_quarto.yml`` (the pptx options and filters both engines use)."""
    path = root / "deck" / "_quarto.yml"
    if not path.is_file():
        raise RenderError(f"{path}: not found; the presentation's project is defined there")
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def build_deck_with_quarto(root: Path, quarto, folder: Path, use_cache: bool = True,
                           log: Callable[[str], None] = print,
                           bundle: object | None = None) -> None:
    """The deck by Quarto and its handout (the ``finish_deck`` hook), written into ``folder``
    (not ``_book/``): :func:`render_deck` publishes them. Run beside Quarto's book render by
    ``render`` (both formats and the deck in one command), holding the command's lock."""
    pptx = folder / deck_names(root)[0]
    _with_quarto(root, quarto, pptx, use_cache, log, bundle)
    render_hooks().finish_deck(pptx, log)


def render_deck(root: Path, quarto=None, use_cache: bool = True,
                log: Callable[[str], None] = print, bundle: object | None = None,
                built: Path | None = None) -> Path:
    """Render the deck and its handout alone into ``<root>/_book`` (``--to pptx``).

    ``quarto`` is a :class:`~analysis.engine.quarto.Quarto` or None (built-in engine; with
    the book, :func:`~analysis.engine.render.render_book` executes the deck among the
    chapters and calls :func:`write_deck` itself). ``built``: a folder where
    :func:`build_deck_with_quarto` already wrote the deck, which is then only published.

    Raises
    ------
    RenderError
        If the deck cannot be rendered; ``_book/`` is then left as it was.
    """
    started = time.perf_counter()
    output = root / load_book(root).output_dir
    with render_lock(root, log), staged(output) as staging:
        if built is not None:
            for name in deck_names(root):
                if (built / name).is_file():
                    shutil.copy2(built / name, staging / name)
        elif quarto is not None:
            build_deck_with_quarto(root, quarto, staging, use_cache, log, bundle)
        else:
            docs = read_chapters(root, (SOURCE,))
            (chapter,) = execute_chapters(
                root, docs, use_cache, log,
                preflight=(lambda: bundle) if bundle is not None else None)
            write_deck(root, chapter, staging, log)
        for name in RUN_FILES:  # the book's run files stay as the last book render left them
            if (output / name).is_file():
                shutil.copy2(output / name, staging / name)
        publish(staging, output, ("pptx",))
    log("deck: published (built beside the book)" if built is not None
        else f"deck done in {time.perf_counter() - started:.1f} s")
    return output / deck_names(root)[0]


def _with_quarto(root: Path, quarto, pptx: Path, use_cache: bool, log, bundle: object) -> None:
    """``quarto render deck/presentasjon.qmd --to pptx``, its output moved to ``pptx``."""
    with tempfile.TemporaryDirectory(prefix="norcrin-deck-") as scratch:
        name = Path(SOURCE).with_suffix(".pptx").name
        command = [quarto.path, "render", SOURCE, "--to", "pptx", "--output-dir", scratch]
        log(f"deck: quarto {quarto.version_text} ({' '.join(command[1:5])})")
        made = Path(scratch) / name
        # the deck's own project folder (deck/): it renders beside the book, whose run tidies
        # the book's sources and root site_libs/ itself
        deck = Path(SOURCE)
        with sources_left_as_they_were(root / deck.parent, (deck.name,), log):
            with quarto_kernels(root, quarto_env(root, bundle, use_cache), log) as env:
                # captured: the deck renders beside the book, whose progress the terminal shows
                result = subprocess.run(command, cwd=root, env=env, check=False,
                                        capture_output=True, text=True)
            if result.returncode != 0 or not made.is_file():
                raise RenderError(f"quarto exited with {result.returncode} rendering {SOURCE}:"
                                  f"\n{quarto_failure(result)}")
        shutil.move(made, pptx)


def deck_files(root: Path) -> list[bytes]:
    """Every file of the deck's folder (its source, configuration, template and filters), for
    the key under which the built deck is reused."""
    base = root / Path(SOURCE).parent
    names = sorted(str(p.relative_to(root)) for p in base.rglob("*") if p.is_file()
                   and "__pycache__" not in p.parts)
    return file_bytes(root, names)


def write_deck(root: Path, chapter, folder: Path,
               log: Callable[[str], None] = print) -> Path:
    """Write the executed deck (an :class:`~analysis.engine.book_execution.ExecutedChapter`) with
    pandoc's pptx writer into ``folder``, then its charts and handout (the ``finish_deck`` hook)."""
    config = deck_config(root)
    options = (config.get("format") or {}).get("pptx") or {}
    pptx = folder / deck_names(root)[0]
    index = crossref.collect([chapter.doc], set())
    target = Target("pptx", folder, "", lambda ref: f"#{ref.label}")
    body = chapter_markdown(chapter.doc, chapter.notebook, index, target,
                            bool((config.get("execute") or {}).get("echo", False)),
                            bool((config.get("execute") or {}).get("warning", False)))
    meta = {k: v for k, v in {**config, **chapter.doc.front_matter}.items()
            if k in ("title", "subtitle", "author", "date")}
    meta["lang"] = str(config.get("lang", "nb"))
    front = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n\n"
    base = root / "deck"
    args = [f"--slide-level={options.get('slide-level', 2)}"]
    if options.get("reference-doc"):
        args.append(f"--reference-doc={(base / options['reference-doc']).resolve()}")
    args += [f"--lua-filter={(base / f).resolve()}" for f in config.get("filters") or []]
    try:
        pypandoc.convert_text(front + body, "pptx", format="markdown",
                              outputfile=str(pptx), extra_args=args)
    except RuntimeError as exc:
        raise RenderError(f"{SOURCE}: pandoc (pptx): {exc}") from None
    render_hooks().finish_deck(pptx, log)
    return pptx
