"""HTML output: one page per chapter (pandoc), with sidebar, page contents and prev/next."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

import pypandoc

from analysis.engine.book import Book
from analysis.engine.crossref import ChapterInfo
from analysis.engine.errors import RenderError

#: Quarto's ``.content-visible`` / ``.content-hidden`` divs, done by a Lua filter (both formats).
CONTENT_VISIBLE = Path(__file__).with_name("content_visible.lua")

_SUBHEADING = re.compile(r'<h([23])(?: [^>]*?)? id="([^"]+)"[^>]*>(.*?)</h\1>', re.DOTALL)
_TAG = re.compile(r"<[^>]+>")
_TABLE = re.compile(r"<table\b.*?</table>", re.DOTALL)
_CAPTION = re.compile(r"<caption\b[^>]*>(.*?)</caption>", re.DOTALL)

CSS = """\
body{margin:0;font-family:"DejaVu Sans",system-ui,sans-serif;line-height:1.55;color:#1d1d1d}
.layout{display:flex;min-height:100vh}
nav.sidebar{width:17rem;flex:none;background:#f4f6f8;padding:1rem;border-right:1px solid #dde}
nav.sidebar a{display:block;padding:.2rem 0;color:#234;text-decoration:none}
nav.sidebar a.active{font-weight:bold}
nav.sidebar .book-title{font-size:1.1rem;font-weight:bold;margin-bottom:1rem}
main{max-width:48rem;padding:1rem 2rem;flex:1}
aside.toc{width:14rem;flex:none;padding:1rem;font-size:.9rem}
aside.toc a{display:block;color:#345;text-decoration:none}
.header-section-number{margin-right:.4em;color:#555}
figure{margin:1.5rem 0}figure img{max-width:100%}figcaption{font-size:.9rem;color:#444}
table{border-collapse:collapse;margin:1rem 0}
th,td{border-bottom:1px solid #ccd;padding:.25rem .6rem}caption{text-align:left;color:#444}
pre{background:#f6f8fa;padding:.6rem;overflow-x:auto}
.inline-value{text-decoration:none}
.page-nav{display:flex;justify-content:space-between;margin:3rem 0 1rem;border-top:1px solid #dde;
padding-top:1rem}
.title-block h1{margin-bottom:.2rem}.title-block p{margin:.1rem 0;color:#444}
.title-meta{display:flex;gap:3rem;margin:1rem 0}.meta-label{font-size:.8rem;color:#666}
nav.sidebar .sidebar-section{margin-top:.8rem;font-weight:bold;color:#345}
nav.sidebar a.download{margin-top:1rem;font-size:.9rem}
details.chapter-menu>summary{display:none}
main{min-width:0;overflow-wrap:break-word}.table-scroll{overflow-x:auto;max-width:100%}
@media (max-width:75rem){aside.toc{display:none}}
@media (max-width:48rem){.layout{display:block}
nav.sidebar{width:auto;border-right:none;border-bottom:1px solid #dde;padding:.6rem 1rem}
nav.sidebar a{display:inline-block;margin-right:.9rem}nav.sidebar .book-title{margin-bottom:.3rem}
nav.sidebar .sidebar-section{margin-top:.3rem}main{padding:.5rem 1rem}
details.chapter-menu>summary{display:list-item;cursor:pointer;color:#234;padding:.2rem 0}
table{font-size:.85rem}th,td{padding:.2rem .35rem}.title-meta{gap:1.5rem}}
"""


#: On a phone the chapter list starts folded (one line under the book title), so the text is
#: the first thing on the screen; without JavaScript it stays open, as on a wide screen.
_COLLAPSE_ON_PHONE = ("if (matchMedia('(max-width: 48rem)').matches) "
                      "document.querySelector('details.chapter-menu').removeAttribute('open');")


def page_of(source: str) -> str:
    """HTML page of a chapter source: ``chapters/x.qmd`` -> ``chapters/x.html``."""
    return str(PurePosixPath(source).with_suffix(".html"))


def relative_link(from_page: str, to_page: str) -> str:
    """Link from one page to another, both relative to the output root."""
    if from_page == to_page:
        return ""
    start = str(PurePosixPath(from_page).parent)
    return os.path.relpath(to_page, start).replace(os.sep, "/")


def markdown_to_html(markdown: str, where: str, filters: tuple[Path, ...] = (),
                     extra: tuple[str, ...] = ()) -> str:
    """Convert a chapter's markdown to an HTML fragment with pandoc (and the book's filters;
    ``extra``: further pandoc arguments, e.g. :meth:`Book.citeproc_args`).

    Raises
    ------
    RenderError
        Naming ``where`` if pandoc fails.
    """
    try:
        return pypandoc.convert_text(
            markdown, "html5", format="markdown",
            extra_args=["--wrap=none", *(f"--lua-filter={f}" for f in filters), *extra])
    except RuntimeError as exc:
        raise RenderError(f"{where}: pandoc could not convert the chapter: {exc}") from None


def scrollable_tables(body: str) -> str:
    """Wrap each table in a region that scrolls sideways on a narrow screen (a phone), so the
    page itself never does; the region takes keyboard focus (WCAG 2.1.1, axe's
    ``scrollable-region-focusable``) and is named for screen readers.

    >>> scrollable_tables("<table><tr><td>1</td></tr></table>")[:61]
    '<div class="table-scroll" tabindex="0" role="region" aria-lab'
    """
    def wrap(match: re.Match) -> str:
        caption = _CAPTION.search(match.group(0))
        name = " ".join(_TAG.sub("", caption.group(1)).split()) if caption else "Tabell"
        return (f'<div class="table-scroll" tabindex="0" role="region" '
                f'aria-label="{html.escape(html.unescape(name))}">{match.group(0)}</div>')

    return _TABLE.sub(wrap, body)


_CELL_OUTPUT = re.compile(r'<div class="(?:[^"]* )?cell-output(?: [^"]*)?"[^>]*>')
_FIGCAPTION = re.compile(r"<figcaption\b[^>]*>(.*?)</figcaption>", re.DOTALL)


def focusable_output_regions(page: str) -> str:
    """Quarto's pages: a cell output that holds a table scrolls sideways when the table is
    wider than the text column; give it keyboard focus and a name (the table's caption), as
    :func:`scrollable_tables` does for the built-in engine (axe's
    ``scrollable-region-focusable``, WCAG 2.1.1). Run by the post-render hook.

    >>> out = focusable_output_regions('<div class="cell-output cell-output-display">'
    ...     '<figcaption>Tabell 1.1: Svar</figcaption><table></table></div>')
    >>> 'tabindex="0" role="region" aria-label="Tabell 1.1: Svar"' in out
    True
    >>> focusable_output_regions("<p>no outputs</p>")
    '<p>no outputs</p>'
    """
    starts = [m for m in _CELL_OUTPUT.finditer(page) if "tabindex=" not in m.group(0)]
    # (previous, this, next); the first list is one longer: zip stops at the shortest
    bounds = list(zip([None, *starts], starts, [*starts[1:], None], strict=False))
    for previous, match, following in reversed(bounds):
        end = following.start() if following else len(page)
        region = page[match.end():end]
        if "<table" not in region:
            continue
        # Quarto writes the caption of a table cell before the cell, inside its float
        before = list(_FIGCAPTION.finditer(page, previous.end() if previous else 0,
                                           match.start()))
        caption = (before[-1] if before else None) or _FIGCAPTION.search(region) \
            or _CAPTION.search(region)
        name = " ".join(_TAG.sub("", caption.group(1)).split()) if caption else "Tabell"
        name = html.escape(html.unescape(name))
        tag = match.group(0)[:-1] + f' tabindex="0" role="region" aria-label="{name}">'
        page = page[:match.start()] + tag + page[match.end():]
    return page


def chapter_label(info: ChapterInfo) -> str:
    """Sidebar text: ``"3 Tilhørighet"``, ``"A Etterprøving ..."``, or the title alone for
    unnumbered chapters."""
    title = html.escape(re.sub(r"[*_`]", "", info.title))
    return f'<span class="header-section-number">{info.number}</span> {title}' \
        if info.number else title


def write_page(book: Book, out_root: Path, infos: list[ChapterInfo], position: int,
               body: str) -> Path:
    """Write the page of chapter number ``position`` (0-based) and return its path.

    Parameters
    ----------
    book : Book
        For the title, language and the title block of the first page.
    out_root : Path
        Output directory (staging ``_book``).
    infos : list of ChapterInfo
        All chapters in order (sidebar, previous/next).
    position : int
        Index of this chapter in ``infos``.
    body : str
        The chapter's HTML fragment.
    """
    page = page_of(infos[position].source)
    css = relative_link(page, "style.css")
    body = scrollable_tables(body)
    links = []
    for i, info in enumerate(infos):
        if info.appendix and not any(x.appendix for x in infos[:i]):
            # Quarto's sidebar puts the appendices under a section of their own
            section = book.language.get("section-title-appendices", "Vedlegg")
            links.append(f'<div class="sidebar-section">{html.escape(section)}</div>')
        href = relative_link(page, page_of(info.source)) or PurePosixPath(page).name
        active = ' class="active"' if i == position else ""
        links.append(f'<a href="{href}"{active}>{chapter_label(info)}</a>')
    if "pdf" in book.downloads:
        label = html.escape(book.language.get("tools-download", "Last ned PDF"))
        pdf = relative_link(page, f"{book.slug}.pdf")
        links.append(f'<a class="download" href="{html.escape(pdf)}">{label}</a>')
    for text, href in book.tools:
        target = href if "://" in href else relative_link(page, href)
        links.append(f'<a class="download" href="{html.escape(target)}">{html.escape(text)}</a>')
    toc = "".join(
        f'<a href="#{anchor}" style="margin-left:{(int(level) - 2)}em">'
        f"{html.escape(_TAG.sub('', text))}</a>"
        for level, anchor, text in _SUBHEADING.findall(body)
    )
    nav = []
    for step, arrow in ((-1, "&larr; "), (1, "")):
        j = position + step
        if 0 <= j < len(infos):
            label = f"{arrow}{chapter_label(infos[j])}" + (" &rarr;" if step > 0 else "")
            nav.append(f'<a href="{relative_link(page, page_of(infos[j].source))}">{label}</a>')
        else:
            nav.append("<span></span>")
    title_block = title_block_html(book) if position == 0 else ""
    page_title = html.escape(_TAG.sub("", chapter_label(infos[position])))
    document = f"""<!DOCTYPE html>
<html lang="{book.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{page_title} – {html.escape(book.title)}</title>
<link rel="stylesheet" href="{css}">
</head>
<body>
<div class="layout">
<nav class="sidebar" aria-label="Kapitler"><div class="book-title">{html.escape(book.title)}</div>
<details class="chapter-menu" open><summary>Kapitler og nedlastinger</summary>
{"".join(links)}</details></nav>
<script>{_COLLAPSE_ON_PHONE}</script>
<main>
{title_block}
{body}
<nav class="page-nav">{"".join(nav)}</nav>
</main>
<aside class="toc"><strong>På denne siden</strong>{toc}</aside>
</div>
</body>
</html>
"""
    path = out_root / page
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(document, encoding="utf-8")
    return path


def title_block_html(book: Book) -> str:
    """The first page's title block as Quarto writes it for ``lang: nb``: title, subtitle,
    then "Forfatter" and "Utgitt" with the date in long Norwegian form."""
    meta = []
    if book.author:
        meta.append(("Forfatter", book.author, "author"))
    if book.date:
        meta.append(("Utgitt", book.shown_date, "date"))
    parts = [f'<h1 class="title">{html.escape(book.title)}</h1>']
    if book.subtitle:
        parts.append(f'<p class="subtitle">{html.escape(book.subtitle)}</p>')
    parts.append('<div class="title-meta">' + "".join(
        f'<div><div class="meta-label">{label}</div><p class="{css}">{html.escape(value)}</p>'
        "</div>" for label, value, css in meta) + "</div>")
    return f'<header class="title-block">{"".join(parts)}</header>'


def write_css(out_root: Path, extra: Sequence[Path] = ()) -> None:
    """Write the shared stylesheet ``style.css``: the engine's layout, then the project's own
    stylesheets (``format: html: css:`` in ``_quarto.yml``, which real Quarto also applies)."""
    parts = [CSS] + [p.read_text(encoding="utf-8") for p in extra]
    (out_root / "style.css").write_text("\n".join(parts), encoding="utf-8")
