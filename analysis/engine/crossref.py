"""Numbering and cross-references, as Quarto books do them (``lang: nb`` wording).

Chapters are numbered in book order, skipping ``{.unnumbered}`` ones; appendices are lettered
A, B, ...; sections ``3.1``, ``3.1.2``. Figures and tables are numbered per chapter (``3.1``,
``3.2``) from the ``fig-``/``tbl-`` labels of the cells. ``@fig-x`` becomes "Figur 3.1",
``@tbl-x`` "Tabell 3.2", ``@sec-x`` "Kapittel 3" (a chapter), "Vedlegg A" (an appendix) or
"avsnitt 3.1" (a section). Quarto's own nb file says "Kapitel"/"Bilag"; we use bokmål.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from string import ascii_uppercase

from analysis.engine.errors import RenderError, UnsupportedError
from analysis.engine.qmd import CodeCell, QmdDocument, prose_lines

WORDS = {"fig": "Figur", "tbl": "Tabell", "chapter": "Kapittel", "appendix": "Vedlegg",
         "sec": "avsnitt"}
_HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<title>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
_REF = re.compile(r"(?<![\w@.\]\[-])@(?P<label>(?:fig|tbl|sec)-[A-Za-z0-9_-]*[A-Za-z0-9_])")
_BRACKET_REF = re.compile(r"\[-?@(?:fig|tbl|sec)-|\?@(?:fig|tbl|sec)-")
_PROSE_LABEL = re.compile(r"\{#(?:fig|tbl)-")
# A chapter's section about one question, ::: {.question qid="q06"}, and the marker its setup
# cell displays with the questions the current wave asked (analysis/report/not_asked.py).
_DIV_OPEN = re.compile(r"^\s*:{3,}\s*\S")
_DIV_CLOSE = re.compile(r"^\s*:{3,}\s*$")
_QUESTION_DIV = re.compile(r'^\s*:{3,}\s*\{(?=[^}]*\.question\b)[^}]*\bqid="?(q\d+)"?[^}]*\}')
_ASKED = re.compile(r'\[\]\{\.asked qids="([^"]*)"')


@dataclass(frozen=True)
class Ref:
    """A numbered target: ``text`` is what ``@label`` becomes, ``page`` the chapter source."""

    label: str
    text: str
    page: str


@dataclass
class ChapterInfo:
    """Numbers of one chapter: its own, its title, and the heading numbers in order."""

    source: str
    number: str | None
    title: str = ""
    headings: list[str | None] = field(default_factory=list)
    appendix: bool = False


@dataclass
class RefIndex:
    """Every reference target of the book, and the numbering of each chapter."""

    refs: dict[str, Ref] = field(default_factory=dict)
    chapters: dict[str, ChapterInfo] = field(default_factory=dict)

    def add(self, ref: Ref, where: str) -> None:
        if ref.label in self.refs:
            raise RenderError(f"{where}: label {ref.label!r} is already used in "
                              f"{self.refs[ref.label].page}")
        self.refs[ref.label] = ref


def asked_questions(notebook) -> set[str] | None:
    """The questions the current wave asked, from the marker a chapter's cell displayed
    (``[]{.asked qids="q01 q02 ..."}``); None when no cell displayed one."""
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            found = _ASKED.search(str(output.get("data", {}).get("text/markdown", "")))
            if found:
                return set(found.group(1).split())
    return None


def collect(docs: list[QmdDocument], appendices: set[str],
            asked: dict[str, set[str] | None] | None = None) -> RefIndex:
    """Number chapters, sections, figures and tables of the whole book.

    Parameters
    ----------
    docs : list of QmdDocument
        Every chapter in book order (appendices last).
    appendices : set of str
        Paths (``QmdDocument.path``) of the appendices.
    asked : dict, optional
        Per chapter path, the questions the current wave asked (:func:`asked_questions`).
        A figure or table inside the ``.question`` div of another question is not numbered:
        the book's filter leaves it out, and Quarto, which runs that filter before its
        cross-references, numbers the rest without it. Its ``@`` reference reads ``?@label``,
        as in Quarto.

    Returns
    -------
    RefIndex

    Raises
    ------
    RenderError
        If a label is used twice.
    UnsupportedError
        For bracketed references (``[@fig-x]``) and figure/table labels in prose.
    """
    index, chapter_no, appendix_no = RefIndex(), 0, 0
    for doc in docs:
        info = ChapterInfo(doc.path, None, appendix=doc.path in appendices)
        counters = {"fig": 0, "tbl": 0}
        levels: list[int] = []
        now = (asked or {}).get(doc.path)
        divs: list[bool] = []  # open fenced divs: True for the section of a question not asked
        for block in doc.blocks:
            if isinstance(block, CodeCell):
                kind = block.label.split("-", 1)[0]
                if kind in counters and "-" in block.label and any(divs):
                    index.add(Ref(block.label, f"?@{block.label}", doc.path),
                              f"{doc.path}:{block.line}")
                elif kind in counters and "-" in block.label:
                    counters[kind] += 1
                    prefix = f"{info.number}." if info.number else ""
                    text = f"{WORDS[kind]} {prefix}{counters[kind]}"
                    index.add(Ref(block.label, text, doc.path), f"{doc.path}:{block.line}")
                continue
            for offset, line in prose_lines(block.text):
                lineno = block.line + offset
                if _BRACKET_REF.search(line) or _PROSE_LABEL.search(line):
                    raise UnsupportedError(doc.path, lineno, f"cross-reference form in {line!r}")
                if _DIV_CLOSE.match(line):
                    if divs:
                        divs.pop()
                    continue
                if _DIV_OPEN.match(line):
                    question = _QUESTION_DIV.match(line)
                    divs.append(bool(question and now is not None
                                     and question.group(1) not in now))
                    continue
                match = _HEADING.match(line)
                if not match:
                    continue
                level, attrs = len(match.group("hashes")), match.group("attrs") or ""
                unnumbered = ".unnumbered" in attrs.split() or "-" in attrs.split()
                if level == 1 and not info.title:
                    info.title = match.group("title")
                    if not unnumbered:
                        if doc.path in appendices:
                            info.number = ascii_uppercase[appendix_no]
                            appendix_no += 1
                        else:
                            chapter_no += 1
                            info.number = str(chapter_no)
                    number, word = info.number, "appendix" if doc.path in appendices else "chapter"
                else:
                    number, word = _section_number(info.number, levels, level, unnumbered), "sec"
                info.headings.append(number)
                label = next((a[1:] for a in attrs.split() if a.startswith("#sec-")), None)
                if label:
                    text = f"{WORDS[word]} {number}" if number else match.group("title")
                    index.add(Ref(label, text, doc.path), f"{doc.path}:{lineno}")
        index.chapters[doc.path] = info
    return index


def _section_number(chapter: str | None, levels: list[int], level: int, unnumbered: bool):
    if unnumbered or chapter is None:
        return None
    depth = level - 1  # "##" is the first level below the chapter
    del levels[depth:]
    levels.extend([0] * (depth - len(levels)))
    levels[depth - 1] += 1
    return ".".join([chapter, *map(str, levels)])


def number_headings(text: str, numbers: list[str | None], appendix_word: str = "") -> str:
    """Prefix the headings of ``text`` with the next numbers of ``numbers`` (consumed).

    ``appendix_word`` (e.g. "Vedlegg") makes an appendix's own title read as Quarto's HTML
    does: "Vedlegg A — Etterprøving av publiserte tall".
    """
    lines = text.split("\n")
    for offset, line in prose_lines(text):
        match = _HEADING.match(line)
        if match and numbers:
            number = numbers.pop(0)
            if number:
                hashes = match.group("hashes")
                rest = line[len(hashes):].lstrip()
                if appendix_word and len(hashes) == 1:
                    lines[offset] = (f"{hashes} [{appendix_word} {number}]"
                                     f"{{.header-section-number}} — {rest}")
                else:
                    lines[offset] = f"{hashes} [{number}]{{.header-section-number}} {rest}"
    return "\n".join(lines)


def resolve_refs(text: str, index: RefIndex, href, path: str, first_line: int) -> str:
    """Replace ``@fig-x``/``@tbl-x``/``@sec-x`` by links ``[Figur 3.1](href(ref))``.

    Parameters
    ----------
    text : str
        Prose starting at line ``first_line`` of the chapter file ``path``.
    index : RefIndex
        From :func:`collect`.
    href : callable
        ``Ref -> str``, the link target for the output format.

    Raises
    ------
    RenderError
        Naming the file, line and label, if a reference has no target.
    """

    def replace(match: re.Match) -> str:
        ref = index.refs.get(match.group("label"))
        if ref is None:
            line = first_line + text.count("\n", 0, match.start())
            raise RenderError(f"{path}:{line}: unresolved cross-reference @{match.group('label')}; "
                              f"known labels: {', '.join(sorted(index.refs)) or 'none'}")
        return f"[{ref.text}]({href(ref)})"

    return _REF.sub(replace, text)
