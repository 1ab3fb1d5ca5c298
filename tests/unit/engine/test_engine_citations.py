"""Citations, conditional content and sidebar tools in the built-in engine, as Quarto has them."""

import pypandoc
import pytest

from analysis.engine.book import load_book
from analysis.engine.errors import RenderError
from analysis.engine.html import CONTENT_VISIBLE, markdown_to_html
from analysis.engine.pdf import header_includes

BIB = """@article{fisher, author = {Fisher, Ronald A.}, title = {On the Interpretation},
  journal = {Journal of the Royal Statistical Society}, year = {1922}, volume = {85},
  number = {1}, pages = {87--94}}
"""


def _book(tmp_path, extra=""):
    (tmp_path / "index.qmd").write_text("# T {#sec-t}\n", encoding="utf-8")
    (tmp_path / "refs.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "_quarto.yml").write_text(
        "project: {type: book}\nbook:\n  title: T\n  chapters: [index.qmd]\n"
        "  sidebar:\n    tools:\n      - {icon: x, href: T-tabellvedlegg.xlsx, text: Excel}\n"
        "bibliography: refs.bib\ncsl: style.csl\n" + extra, encoding="utf-8")
    from analysis.paths import project_root

    style = project_root() / "assets" / "csl" / "norcrin-author-date.csl"
    (tmp_path / "style.csl").write_bytes(style.read_bytes())
    return load_book(tmp_path)


def test_book_reads_bibliography_style_and_tools(tmp_path):
    book = _book(tmp_path)
    assert book.bibliography == ("refs.bib",) and book.csl == "style.csl"
    assert book.tools == (("Excel", "T-tabellvedlegg.xlsx"),)
    assert book.annex_name == "T-tabellvedlegg.xlsx"


def test_a_missing_bibliography_is_named(tmp_path):
    _book(tmp_path)
    (tmp_path / "refs.bib").unlink()
    with pytest.raises(RenderError, match=r"_quarto.yml: bibliography 'refs.bib' is not a file"):
        load_book(tmp_path)


def test_citations_are_formatted_by_citeproc_with_the_book_style(tmp_path):
    book = _book(tmp_path)
    markdown = "Testet [@fisher].\n\n::: {#refs}\n:::\n"
    out = markdown_to_html(markdown, "index.qmd", (), tuple(book.citeproc_args()))
    assert "(Fisher, 1922)" in out
    # author, (year), title, journal in italics, volume(issue), pages: the style's layout
    assert ("Fisher, R. A. (1922). On the Interpretation. <em>Journal of the Royal Statistical "
            "Society</em>, <em>85</em>(1), 87–94.") in " ".join(out.split())


@pytest.mark.parametrize("fmt, shown", [("html5", "HTML"), ("typst", "PDF")])
def test_content_visible_keeps_only_the_format_asked_for(fmt, shown):
    markdown = ("::: {.content-visible when-format=\"html\"}\nHTML\n:::\n\n"
                "::: {.content-hidden when-format=\"html\"}\nPDF\n:::\n")
    out = pypandoc.convert_text(markdown, fmt, format="markdown",
                                extra_args=[f"--lua-filter={CONTENT_VISIBLE}"])
    assert shown in out and ({"HTML", "PDF"} - {shown}).pop() not in out


def test_the_real_book_has_citeproc_for_typst_and_its_header_files():
    from analysis.paths import project_root

    book = load_book(project_root())
    assert book.format_options["typst"]["citeproc"] is True
    assert "assets/typst/tables.typ" in header_includes(book)
    assert all((book.root / f).is_file() for f in header_includes(book))
    # the sidebar link names the file both engines write (output-file + "-tabellvedlegg.xlsx")
    assert book.annex_name in [href for _, href in book.tools]


def test_every_page_links_the_annex_relative_to_itself(tmp_path):
    from analysis.engine.crossref import ChapterInfo
    from analysis.engine.html import write_page

    book = _book(tmp_path)
    infos = [ChapterInfo("index.qmd", "1", "T"), ChapterInfo("chapters/b.qmd", "2", "B")]
    out = tmp_path / "_book"
    first = write_page(book, out, infos, 0, "<p>x</p>").read_text(encoding="utf-8")
    second = write_page(book, out, infos, 1, "<p>y</p>").read_text(encoding="utf-8")
    assert '<a class="download" href="T-tabellvedlegg.xlsx">Excel</a>' in first
    assert '<a class="download" href="../T-tabellvedlegg.xlsx">Excel</a>' in second
