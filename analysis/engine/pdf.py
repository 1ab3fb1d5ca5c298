"""PDF output: all chapters -> one pandoc Typst document -> PDF with the typst wheel.

Fonts come only from the DejaVu folder (system fonts ignored) and the PDF timestamp is fixed,
so the same sources give the same PDF. Headings carry their numbers as text (the same
numbers as the HTML); Typst's own heading and caption numbering is switched off.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

import pypandoc
import typst

from analysis.engine.book import Book
from analysis.engine.errors import RenderError

if TYPE_CHECKING:
    from typst import PDFStandard

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
#: Tagged and checked by typst as PDF/UA-1 (ISO 14289-1): a figure without alt text, a missing
#: title or language fails the render. (Quarto's orange-book PDF is tagged but typst refuses it
#: as UA-1: "this element's PDF tag would be split up"; docs/engine.md.)
PDF_STANDARDS: list[PDFStandard] = ["ua-1"]

TEMPLATE = r"""#let horizontalrule = line(start: (25%,0%), end: (75%,0%))
#set document(title: [$title$], author: "$author$")
// A compact report page (issue 20: the main part within 30 pages): 9.5 pt on A4, 1.8 cm
// side margins; Quarto's template (assets/typst/typst-show.typ) sets the same.
#set page(paper: "$papersize$", margin: (x: 1.8cm, y: 1.6cm))
#set text(lang: "$lang$", font: "DejaVu Serif", size: 9.5pt)
#set par(leading: 0.5em, spacing: 0.75em)
#show raw: set text(font: "DejaVu Sans Mono", size: 9pt)
#set par(justify: true)
#set heading(numbering: none)
// A chapter runs on below the previous one (a heading keeps its first lines with it): the book
// is read on screens and printed single-sided, and a chapter's half-empty last page only
// lengthens it. The appendices always start on a new page (analysis/engine/render.py puts the
// break before the first one). Not a break that depends on `here().position()`: with the
// floating figures that rule never converged, and Typst then numbered pages 2, 21, 22 and
// left eight pages without a footer.
#show heading.where(level: 1): it => {
  v(1.6em, weak: true)
  it
}
#show figure.caption: it => it.body
#show figure.where(kind: table): set figure.caption(position: top)
// Figure width and placement, table type size: assets/typst/compact.typ (both engines).
#set table(stroke: (x: none, y: 0.5pt + luma(180)))
// Long tables (the audit appendix) continue on the next page instead of overprinting.
#show figure.where(kind: table): set block(breakable: true)
#show table: set par(justify: false)
#show link: set text(fill: rgb("#1a4d80"))
$for(header-includes)$
$header-includes$
$endfor$

#page(numbering: none, footer: none)[
  #set par(justify: false)
  #v(30%)
  #align(center)[
    #text(size: 24pt, weight: "bold")[$title$]
    #v(1em)
    #text(size: 16pt)[$subtitle$]
    #v(3em)
    #text(size: 12pt)[$author$ \ $date$]
  ]
  #v(1fr)
  #set text(size: 10pt)
  $for(cover-signoff)$$cover-signoff$$sep$ \ $endfor$
$if(cover-contact)$
  \ #link("$cover-contact$")
$endif$
]
#set page(numbering: "1")
$for(header-includes)$
$header-includes$
$endfor$
#counter(page).update(1)
#outline(title: [Innhold], depth: 1)

$body$
"""


def typst_source(book: Book, markdown: str, template_dir: Path) -> str:
    """Convert the concatenated chapters' markdown to a standalone Typst document.

    Parameters
    ----------
    book : Book
        Title page metadata and language.
    markdown : str
        All chapters, in order, rendered for the ``typst`` target.
    template_dir : Path
        Where to write the pandoc template (a scratch folder).

    Returns
    -------
    str
        Typst source.

    Raises
    ------
    RenderError
        If pandoc fails.
    """
    template = template_dir / "book.typst"
    template.write_text(TEMPLATE, encoding="utf-8")
    papersize = str(book.format_options.get("typst", {}).get("papersize", "a4"))
    args = ["--standalone", f"--template={template}", "--wrap=none",
            *(f"--lua-filter={book.root / f}" for f in book.filters),
            f"--lua-filter={Path(__file__).with_name('content_visible.lua')}",
            f"--lua-filter={Path(__file__).with_name('typst_images.lua')}",
            f"--metadata=title:{book.title}", f"--metadata=subtitle:{book.subtitle}",
            f"--metadata=author:{book.author}", f"--metadata=date:{book.shown_date}",
            f"--variable=lang:{book.lang}", f"--variable=papersize:{papersize}",
            *cover_args(book),
            *book.citeproc_args(), *(f"--include-in-header={book.root / f}"
                                     for f in header_includes(book))]
    try:
        return pypandoc.convert_text(markdown, "typst", format="markdown", extra_args=args)
    except RuntimeError as exc:
        raise RenderError(f"pandoc could not convert the book to Typst: {exc}") from None


def cover_args(book: Book) -> list[str]:
    """Pandoc variables of the cover's sign-off (place and date, who publishes, the address)
    and contact line: ``format: typst: cover-signoff:`` (a list of lines) and
    ``cover-contact:`` in ``_quarto.yml``, which Quarto's template partial reads too."""
    typst_options = book.format_options.get("typst", {})
    lines = typst_options.get("cover-signoff") or []
    lines = [lines] if isinstance(lines, str) else lines
    args = [f"--variable=cover-signoff:{line}" for line in lines]
    if typst_options.get("cover-contact"):
        args.append(f"--variable=cover-contact:{typst_options['cover-contact']}")
    return args


def header_includes(book: Book) -> list[str]:
    """``format: typst: include-in-header:`` files (one or a list), as real Quarto includes
    them: Typst rules both engines apply (see ``assets/typst/``)."""
    value = book.format_options.get("typst", {}).get("include-in-header") or []
    return [value] if isinstance(value, str) else [str(v) for v in value]


def compile_pdf(typ_path: Path, pdf_path: Path, root: Path, date: str = "") -> Path:
    """Compile ``typ_path`` to ``pdf_path`` (paths inside the document resolve from ``root``).

    Raises
    ------
    RenderError
        With typst's diagnostics, naming the ``.typ`` file.
    """
    try:
        stamp = int(dt.datetime.fromisoformat(date).replace(tzinfo=dt.UTC).timestamp())
    except ValueError:
        stamp = 0
    fonts = [str(FONT_DIR)] if FONT_DIR.is_dir() else []
    try:
        typst.compile(str(typ_path), output=str(pdf_path), root=str(root), font_paths=fonts,
                      ignore_system_fonts=bool(fonts), timestamp=stamp,
                      pdf_standards=PDF_STANDARDS)
    except Exception as exc:  # the wheel raises its own TypstError type
        raise RenderError(f"{typ_path}: typst could not compile the book: {exc}") from None
    return pdf_path
