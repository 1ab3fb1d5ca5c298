"""The book's definition, read from ``_quarto.yml`` into a frozen dataclass."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.engine.errors import RenderError
from analysis.paths import ANNEX_SUFFIX

_TRANSLIT = str.maketrans({"æ": "ae", "Æ": "Ae", "ø": "o", "Ø": "O", "å": "a", "Å": "A"})


@dataclass(frozen=True)
class Book:
    """What ``_quarto.yml`` says about the book.

    Attributes
    ----------
    root : Path
        Project root (the directory of ``_quarto.yml``).
    title, subtitle, author, date, lang : str
        Book metadata (``book.*`` and top-level ``lang``).
    chapters, appendices : tuple of str
        Source paths relative to ``root``, in reading order.
    formats : tuple of str
        Output formats named under ``format:`` (``html``, ``typst``).
    echo, warning : bool
        Defaults of the cell options of the same name (``execute:``).
    output_dir : str
        ``project.output-dir`` (``_book``).
    output_file : str
        ``book.output-file``: the PDF's file stem (empty: derived from the title).
    downloads : tuple of str
        ``book.downloads`` (``pdf``: every HTML page links to the PDF).
    tools : tuple of (text, href) pairs
        ``book.tools`` and ``book.sidebar.tools`` entries with an ``href``: further links of
        the sidebar (the Excel annex), ``href`` relative to the output root.
    language : dict
        ``language:`` keys (``section-title-appendices``, ``tools-download``, ...).
    filters : tuple of str
        ``filters:``: pandoc Lua filters, paths relative to ``root``, run on every format.
    bibliography : tuple of str
        ``bibliography:``: BibTeX/CSL files, paths relative to ``root`` (citations ``[@key]``
        are formatted by pandoc's citeproc, as real Quarto does).
    csl : str
        ``csl:``: the citation style file (empty: pandoc's default style).
    """

    root: Path
    title: str
    subtitle: str = ""
    author: str = ""
    date: str = ""
    lang: str = "nb"
    chapters: tuple[str, ...] = ()
    appendices: tuple[str, ...] = ()
    formats: tuple[str, ...] = ("html", "typst")
    echo: bool = False
    warning: bool = False
    output_dir: str = "_book"
    output_file: str = ""
    downloads: tuple[str, ...] = ()
    tools: tuple[tuple[str, str], ...] = ()
    language: dict = field(default_factory=dict, compare=False)
    filters: tuple[str, ...] = ()
    bibliography: tuple[str, ...] = ()
    csl: str = ""
    format_options: dict = field(default_factory=dict, compare=False)

    @property
    def sources(self) -> tuple[str, ...]:
        """All chapter sources, appendices last."""
        return self.chapters + self.appendices

    @property
    def shown_date(self) -> str:
        """``date`` as the title block prints it: ``"30. september 2025"`` (Quarto's
        ``date-format: long`` in ``lang: nb``), or as written when it is not an ISO date."""
        from analysis.engine.hooks import render_hooks

        try:
            return render_hooks().long_date(self.date) if self.date else ""
        except ValueError:
            return self.date

    @property
    def annex_name(self) -> str:
        """File name of the Excel annex beside the PDF: ``<slug>-tabellvedlegg.xlsx``."""
        return f"{self.slug}{ANNEX_SUFFIX}"

    def citeproc_args(self) -> list[str]:
        """Pandoc arguments that format ``[@key]`` citations with the book's bibliography and
        style, in the book's language (nothing when the book has no bibliography)."""
        if not self.bibliography:
            return []
        args = ["--citeproc", f"--metadata=lang:{self.lang}",
                *(f"--bibliography={self.root / b}" for b in self.bibliography)]
        return args + ([f"--csl={self.root / self.csl}"] if self.csl else [])

    @property
    def slug(self) -> str:
        """File stem of the PDF: ``book.output-file``, else the title in ASCII words."""
        if self.output_file:
            return self.output_file
        text = unicodedata.normalize("NFKD", self.title.translate(_TRANSLIT))
        text = text.encode("ascii", "ignore").decode()
        words = "".join(c if c.isalnum() else " " for c in text).split()
        return "-".join(words) or "book"


def load_book(root: Path) -> Book:
    """Read ``<root>/_quarto.yml``.

    Parameters
    ----------
    root : Path
        Project root.

    Returns
    -------
    Book

    Raises
    ------
    RenderError
        If the file is missing, is not a book project, or lists a chapter that does not exist.

    Examples
    --------
    >>> load_book(Path("/work/main")).slug  # doctest: +SKIP
    'NorCRIN-brukerundersokelse-2025'
    """
    path = root / "_quarto.yml"
    if not path.is_file():
        raise RenderError(f"{path}: not found; the book is defined there")
    config = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    project = config.get("project") or {}
    if project.get("type") != "book":
        raise RenderError(f"{path}: project.type is {project.get('type')!r}; allowed: 'book'")
    book = config.get("book") or {}
    chapters = tuple(_chapter_list(path, book, "chapters"))
    appendices = tuple(_chapter_list(path, book, "appendices"))
    for source in chapters + appendices:
        if not (root / source).is_file():
            raise RenderError(f"{path}: book lists {source!r}, which does not exist")
    execute = config.get("execute") or {}
    sidebar = book.get("sidebar") or {}
    formats = config.get("format") or {"html": {}}
    return Book(
        root=root,
        title=str(book.get("title", "")),
        subtitle=str(book.get("subtitle", "")),
        author=str(book.get("author", "")),
        date=str(book.get("date", "")),
        lang=str(config.get("lang", "nb")),
        chapters=chapters,
        appendices=appendices,
        formats=tuple(formats),
        echo=bool(execute.get("echo", False)),
        warning=bool(execute.get("warning", False)),
        output_dir=str(project.get("output-dir", "_book")),
        output_file=str(book.get("output-file") or ""),
        downloads=tuple(str(d) for d in book.get("downloads") or ()),
        tools=tuple((str(t.get("text") or t["href"]), str(t["href"]))
                    for t in [*(book.get("tools") or ()), *(sidebar.get("tools") or ())]
                    if isinstance(t, dict) and t.get("href")),
        language={str(k): str(v) for k, v in (config.get("language") or {}).items()},
        filters=tuple(_filters(path, root, config.get("filters") or [])),
        bibliography=tuple(_files(path, root, "bibliography", config.get("bibliography"))),
        csl=next(iter(_files(path, root, "csl", config.get("csl"))), ""),
        format_options={k: dict(v or {}) for k, v in formats.items()},
    )


def _filters(path: Path, root: Path, entries: list) -> list[str]:
    """``filters:`` entries: Lua files that exist (Quarto's named filters are refused). An
    entry ``{path: x.lua, at: pre-ast}`` runs at its place in the list (the built-in engine
    has no separate entry points)."""
    out = []
    for entry in entries:
        if isinstance(entry, dict) and set(entry) <= {"path", "at"}:
            entry = entry.get("path")
        if not isinstance(entry, str) or not entry.endswith(".lua"):
            raise RenderError(f"{path}: filters entry {entry!r}; the built-in engine runs "
                              "Lua filter files only")
        if not (root / entry).is_file():
            raise RenderError(f"{path}: filter {entry!r} does not exist")
        out.append(entry)
    return out


def _files(path: Path, root: Path, key: str, value) -> list[str]:
    """A top-level file option (``bibliography:``, ``csl:``): one path or a list; each must
    exist."""
    entries = [] if value is None else [value] if isinstance(value, str) else value
    out = []
    for entry in entries:
        if not isinstance(entry, str) or not (root / entry).is_file():
            raise RenderError(f"{path}: {key} {entry!r} is not a file of the project")
        out.append(entry)
    return out


def _chapter_list(path: Path, book: dict, key: str) -> list[str]:
    """Return ``book.<key>`` as a list of source paths."""
    entries: list[str] = []
    for entry in book.get(key) or []:
        if isinstance(entry, str):
            entries.append(entry)
        else:
            # Parts ("- part: ...") would need part pages; refuse rather than drop the title.
            raise RenderError(f"{path}: book.{key} entry {entry!r}; allowed: a file path")
    return entries
