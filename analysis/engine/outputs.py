"""Executed notebook -> pandoc markdown of one chapter, for one output format.

Figures are written as files next to the chapter's page, Quarto's way:
``<page dir>/<stem>_files/figure-<format>/<label>-<n>.<ext>``, SVG for both formats (vector
figures in the PDF too).
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from analysis.engine import crossref
from analysis.engine.errors import RenderError, UnsupportedError
from analysis.engine.kernel import INLINE_MIME
from analysis.engine.qmd import CodeCell, MarkdownBlock, QmdDocument

_IMAGE = {"html": ("image/svg+xml", "svg"), "typst": ("image/svg+xml", "svg")}


@dataclass(frozen=True)
class Target:
    """Where a chapter goes: format, output root, and how links are written.

    ``figure_prefix`` is prepended to figure paths in the markdown (``""`` for an HTML page,
    the chapter's folder for the single Typst document at the output root); ``ref_href`` maps
    a :class:`~analysis.engine.crossref.Ref` to a link target.
    """

    fmt: str
    out_root: Path
    figure_prefix: str
    ref_href: Callable
    #: Word before an appendix's letter in its own title ("Vedlegg A — ..."); "" for none.
    appendix_word: str = ""


def inline_values(doc: QmdDocument, notebook) -> dict[int, list[dict]]:
    """Return the inline values of an executed notebook, by prose block index.

    Each value is ``{"line", "expression", "data"}``: the value's ``text/markdown`` and
    ``text/plain`` representations (see :func:`analysis.engine.kernel.inline_values`).
    """
    values: dict[int, list[dict]] = {}
    for cell in notebook.cells:
        meta = cell.get("metadata", {}).get("qmd", {})
        if meta.get("kind") != "inline":
            continue
        for output in cell.get("outputs", []):
            if INLINE_MIME in output.get("data", {}):
                values[meta["block"]] = list(output["data"][INLINE_MIME])
    return values


def chapter_markdown(doc: QmdDocument, notebook, index: crossref.RefIndex, target: Target,
                     book_echo: bool = False, book_warning: bool = False) -> str:
    """Assemble the chapter's markdown from its prose and the executed cells.

    Parameters
    ----------
    doc : QmdDocument
        The parsed chapter.
    notebook : NotebookNode
        Its executed notebook (from the run or the freeze cache).
    index : RefIndex
        Book-wide numbering.
    target : Target
        Output format and locations; figure files are written under ``target.out_root``.
    book_echo, book_warning : bool
        Defaults of ``echo`` and ``warning`` from ``_quarto.yml``.

    Returns
    -------
    str
        Pandoc markdown: numbered headings, resolved references, inline values (wrapped in
        ``[value]{.inline-value title="expr"}`` for HTML), figures, tables and text output.

    Raises
    ------
    RenderError
        For a missing inline value, a ``fig-cap`` without a figure, or an unknown reference.
    """
    values = inline_values(doc, notebook)
    outputs = {c.metadata["qmd"]["block"]: c for c in notebook.cells
               if c.get("metadata", {}).get("qmd", {}).get("kind") == "code"}
    info = index.chapters[doc.path]
    numbers = list(info.headings)
    appendix_word = target.appendix_word if info.appendix else ""
    parts: list[str] = []
    for i, block in enumerate(doc.blocks):
        if isinstance(block, MarkdownBlock):
            text = _substitute(doc, block, values.get(i, []), target.fmt)
            text = crossref.number_headings(text, numbers, appendix_word)
            parts.append(crossref.resolve_refs(text, index, target.ref_href, doc.path,
                                               block.line))
        else:
            text = _cell_markdown(doc, block, outputs.get(i), index, target,
                                  book_echo, book_warning)
            if block.options.get("output") == "asis":
                # Raw markdown a cell printed is prose too: its @-references resolve (as in
                # Quarto, which cross-references after the cells have run).
                text = crossref.resolve_refs(text, index, target.ref_href, doc.path, block.line)
            parts.append(text)
    return "\n\n".join(p for p in parts if p.strip()) + "\n"


def inline_markdown(entry: dict, where: str) -> str:
    """The Markdown Quarto inserts for an inline value (``jupyter-inline.ts``).

    Quarto takes ``text/markdown`` as is; otherwise ``text/plain``, which for a ``str`` is its
    repr: quotes stripped but escapes such as ``\\xa0`` left as characters. That is never what
    a reader should see, so a plain ``str`` value is refused here; chapters return
    :class:`analysis.display.Text`, whose ``text/markdown`` is the escaped text.

    Raises
    ------
    RenderError
        For a ``str`` value, or a value with neither representation.
    """
    data = entry.get("data", {})
    if "text/markdown" in data:
        return str(data["text/markdown"])
    plain = str(data.get("text/plain", ""))
    if len(plain) >= 2 and plain[0] == plain[-1] and plain[0] in "'\"":
        raise RenderError(
            f"{where}: inline expression `{entry['expression']}` gave a plain str "
            f"({plain}); Quarto prints its repr. Return analysis.display.Text instead.")
    if not plain:
        raise RenderError(f"{where}: inline expression `{entry['expression']}` has no "
                          "text/plain or text/markdown representation")
    return plain


def inline_text(entry: dict) -> str:
    """What a reader sees of an inline value: its ``text/plain`` representation."""
    return str(entry.get("data", {}).get("text/plain", ""))


def _substitute(doc: QmdDocument, block: MarkdownBlock, values: list[dict], fmt: str) -> str:
    if len(values) != len(block.inlines):
        raise RenderError(f"{doc.path}:{block.line}: {len(block.inlines)} inline expressions "
                          f"but {len(values)} values; the cached notebook is stale, re-render "
                          "with --no-cache")
    text = block.text
    for expr, entry in reversed(list(zip(block.inlines, values, strict=True))):
        value = inline_markdown(entry, f"{doc.path}:{expr.line}")
        if fmt == "html":
            title = expr.expression.replace("\\", "\\\\").replace('"', '\\"')
            value = f'[{value}]{{.inline-value title="{title}"}}'
        text = text[: expr.start] + value + text[expr.end :]
    return text


def _cell_markdown(doc, cell: CodeCell, executed, index, target: Target,
                   book_echo: bool, book_warning: bool) -> str:
    opts = cell.options
    if not opts.get("include", True):
        return ""
    parts = []
    if opts.get("echo", book_echo):
        parts.append(f"```python\n{cell.source}\n```")
    if executed is None or opts.get("output", True) is False:
        return "\n\n".join(parts)
    asis = opts.get("output") == "asis"
    images: list[str] = []
    for output in executed.get("outputs", []):
        kind = output.get("output_type")
        if kind == "stream":
            if output.get("name") == "stderr" and not opts.get("warning", book_warning):
                continue  # warnings go to stderr; warning: false hides them, as in Quarto
            parts.append(output["text"] if asis else f"```\n{output['text'].rstrip()}\n```")
        elif kind in ("display_data", "execute_result"):
            parts.append(_data_markdown(doc, cell, output["data"], asis, target, images))
    label = cell.label
    if label.startswith("fig-"):
        parts = _caption_figure(doc, cell, parts, images, index)
    elif "fig-cap" in opts:
        raise RenderError(f"{doc.path}:{cell.line}: fig-cap needs a label starting 'fig-'")
    if label.startswith("tbl-"):
        caption = index.refs[label].text + (f": {opts['tbl-cap']}" if "tbl-cap" in opts else "")
        parts = [f"::: {{#{label}}}\n\n" + "\n\n".join(parts) + f"\n\n: {caption}\n\n:::"]
    elif "tbl-cap" in opts:
        raise RenderError(f"{doc.path}:{cell.line}: tbl-cap needs a label starting 'tbl-'")
    return "\n\n".join(p for p in parts if p)


def _data_markdown(doc, cell, data: dict, asis: bool, target: Target, images: list) -> str:
    if asis:
        return str(data.get("text/markdown") or data.get("text/plain", ""))
    if "text/markdown" in data:
        return str(data["text/markdown"])
    if "text/html" in data:
        # Quarto would insert this HTML (a DataFrame's table, with its index and pandas'
        # truncation); the built-in engine cannot print it alike, so it refuses.
        raise UnsupportedError(doc.path, cell.line, "HTML output (a DataFrame?): display it "
                               "as analysis.display.Table so both engines print one table")
    mime, ext = _IMAGE[target.fmt]
    if mime in data:
        name = f"{cell.label}-{len(images) + 1}.{ext}"
        stem = PurePosixPath(doc.path)
        rel = f"{stem.stem}_files/figure-{target.fmt}/{name}"
        path = target.out_root / stem.parent / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = data[mime]
        path.write_bytes(payload.encode() if ext == "svg" else base64.b64decode(payload))
        href = target.figure_prefix + rel
        images.append(href)
        alt = str(cell.options.get("fig-alt", "")).replace('"', "'")
        return f'![]({href}){{alt="{alt}"}}' if alt else f"![]({href})"
    if "text/plain" in data:
        return f"```\n{data['text/plain']}\n```"
    raise UnsupportedError(doc.path, cell.line, f"output of type {sorted(data)}")


def _caption_figure(doc, cell: CodeCell, parts: list[str], images: list[str], index) -> list:
    if len(images) != 1:
        what = "no figure" if not images else f"{len(images)} figures (subfigures)"
        raise UnsupportedError(doc.path, cell.line, f"figure cell '{cell.label}' made {what}")
    caption = index.refs[cell.label].text
    if "fig-cap" in cell.options:
        caption += f": {cell.options['fig-cap']}"
    alt = str(cell.options.get("fig-alt", "")).replace('"', "'")
    figure = f'![{caption}]({images[0]}){{#{cell.label} alt="{alt or caption}"}}'
    return [figure if p.startswith(f"![]({images[0]})") else p for p in parts]
