"""Parse a ``.qmd`` file: front matter, prose, ```` ```{python} ```` cells and inline code.

Every piece keeps the 1-based line it starts on in the ``.qmd`` so that errors, the trace of
inline values and the notebook metadata can point a reader at the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from analysis.engine.errors import UnsupportedError

#: cell options the engine implements, with the types they may take
CELL_OPTIONS: dict[str, tuple[type, ...]] = {
    "label": (str,),
    "echo": (bool,),
    "eval": (bool,),
    "include": (bool,),
    "output": (bool, str),
    "warning": (bool,),
    "fig-cap": (str,),
    "fig-alt": (str,),
    "tbl-cap": (str,),
    # Quarto's parameters convention: the cell tagged ``parameters`` holds the defaults and
    # the values given with ``-P name:value`` are set in a cell injected after it
    # (analysis/engine/document.py)
    "tags": (list,),
}
FRONT_MATTER_KEYS = frozenset({"title"})

_FENCE = re.compile(r"^(?P<fence>`{3,}|~{3,})\s*(?P<info>.*?)\s*$")
_INLINE = re.compile(r"(?<!`)`\{(?P<lang>[^}]*)\}\s*(?P<expr>[^`]+?)\s*`(?!`)")
_QUARTO_DIV = re.compile(r"^:{3,}\s*\{[^}]*(\.callout|\.panel-|\.column-|layout)")


@dataclass(frozen=True)
class InlineExpr:
    """An inline ```{python} expr``` in prose; ``start``/``end`` index the block's text."""

    line: int
    expression: str
    start: int
    end: int


@dataclass(frozen=True)
class MarkdownBlock:
    """Prose between cells, with its inline expressions."""

    text: str
    line: int
    inlines: tuple[InlineExpr, ...] = ()


@dataclass(frozen=True)
class CodeCell:
    """A ```` ```{python} ```` cell: code without its ``#|`` lines, and the parsed options."""

    source: str
    line: int
    options: dict = field(default_factory=dict)

    @property
    def label(self) -> str:
        """The ``label`` option, or ``cell-<line>`` for unlabelled cells."""
        return str(self.options.get("label") or f"cell-{self.line}")


@dataclass(frozen=True)
class QmdDocument:
    """A parsed chapter; ``path`` is relative to the project root (for messages)."""

    path: str
    front_matter: dict
    blocks: tuple[MarkdownBlock | CodeCell, ...]

    @property
    def cells(self) -> list[CodeCell]:
        """The code cells, in order."""
        return [b for b in self.blocks if isinstance(b, CodeCell)]


def read_qmd(path: Path, name: str | None = None) -> QmdDocument:
    """Read and parse one ``.qmd`` file (see :func:`parse_qmd`)."""
    return parse_qmd(path.read_text(encoding="utf-8"), name or str(path))


def parse_qmd(text: str, name: str) -> QmdDocument:
    """Split ``.qmd`` text into prose blocks and code cells.

    Parameters
    ----------
    text : str
        The file's content.
    name : str
        How to name the file in error messages (a path relative to the project root).

    Returns
    -------
    QmdDocument

    Raises
    ------
    UnsupportedError
        For a construct the engine does not implement: an engine other than ``python``, an
        unknown cell option or a wrongly typed one, a shortcode ``{{< >}}``, a Quarto callout or
        layout div, inline code of another language, or an unknown front-matter key.

    Examples
    --------
    >>> doc = parse_qmd("# A\\n\\n```{python}\\n#| label: a-x\\n1 + 1\\n```\\n", "a.qmd")
    >>> doc.cells[0].label, doc.cells[0].line
    ('a-x', 3)
    """
    lines = text.splitlines()
    front, start = _front_matter(lines, name)
    blocks: list[MarkdownBlock | CodeCell] = []
    prose: list[str] = []
    prose_line = start + 1
    i = start
    while i < len(lines):
        match = _FENCE.match(lines[i])
        if not match:
            _check_prose_line(lines[i], i + 1, name)
            prose.append(lines[i])
            i += 1
            continue
        end = _closing_fence(lines, i, match.group("fence"))
        info = match.group("info")
        if info.startswith("{") and not info.startswith(("{=", "{.", "{#")):
            if info != "{python}":
                raise UnsupportedError(name, i + 1, f"code cell engine {info!r} (only {{python}})")
            _flush(blocks, prose, prose_line, name)
            blocks.append(_code_cell(lines[i + 1 : end], i + 1, name))
            prose, prose_line = [], end + 2
        else:
            prose.extend(lines[i : end + 1])  # a plain code block is prose, kept verbatim
        i = end + 1
    _flush(blocks, prose, prose_line, name)
    return QmdDocument(path=name, front_matter=front, blocks=tuple(blocks))


def _front_matter(lines: list[str], name: str) -> tuple[dict, int]:
    """Return the YAML front matter and the index of the first line after it."""
    if not lines or lines[0].strip() != "---":
        return {}, 0
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            data = yaml.safe_load("\n".join(lines[1:end])) or {}
            for key in data:
                if key not in FRONT_MATTER_KEYS:
                    raise UnsupportedError(
                        name, 1, f"front matter key {key!r} (allowed: {sorted(FRONT_MATTER_KEYS)})"
                    )
            return data, end + 1
    raise UnsupportedError(name, 1, "front matter without a closing '---'")


def _closing_fence(lines: list[str], i: int, fence: str) -> int:
    for j in range(i + 1, len(lines)):
        if lines[j].strip().startswith(fence[0] * len(fence)) and not lines[j].strip(fence[0]):
            return j
    return len(lines)  # like CommonMark: an unclosed fence runs to the end


def _check_prose_line(line: str, lineno: int, name: str) -> None:
    if "{{<" in line:
        raise UnsupportedError(name, lineno, f"shortcode {line.strip()!r}")
    if _QUARTO_DIV.match(line):
        raise UnsupportedError(name, lineno, f"Quarto div {line.strip()!r}")


def _code_cell(body: list[str], fence_line: int, name: str) -> CodeCell:
    option_lines: list[str] = []
    for text in body:
        if not text.startswith("#|"):
            break
        option_lines.append(text[2:].removeprefix(" "))
    try:
        options = yaml.safe_load("\n".join(option_lines)) or {}
    except yaml.YAMLError as exc:
        raise UnsupportedError(name, fence_line, f"cell options are not YAML: {exc}") from None
    for offset, key in enumerate(options):
        line = fence_line + 1 + offset
        if key not in CELL_OPTIONS:
            raise UnsupportedError(
                name, line, f"cell option {key!r} (supported: {', '.join(CELL_OPTIONS)})"
            )
        value = options[key]
        if not isinstance(value, CELL_OPTIONS[key]) or (
            key == "output" and isinstance(value, str) and value != "asis"
        ):
            raise UnsupportedError(name, line, f"cell option {key}: {value!r}")
    source = "\n".join(body[len(option_lines) :])
    return CodeCell(source=source, line=fence_line, options=options)


def prose_lines(text: str):
    """Yield ``(offset, line)`` for the lines of ``text`` outside fenced code blocks."""
    fence = None
    for offset, line in enumerate(text.split("\n")):
        stripped = line.lstrip()
        if fence is None and stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
        elif fence is not None and stripped.startswith(fence):
            fence = None
        elif fence is None:
            yield offset, line


def _flush(blocks: list, prose: list[str], first_line: int, name: str) -> None:
    text = "\n".join(prose)
    if not text.strip():
        return
    inlines = []
    prose_offsets = {offset for offset, _ in prose_lines(text)}
    for match in _INLINE.finditer(text):
        offset = text.count("\n", 0, match.start())
        if offset not in prose_offsets:
            continue  # literal text inside a plain code block
        line = first_line + offset
        if match.group("lang").strip() != "python":
            raise UnsupportedError(name, line, f"inline code {match.group(0)!r} (only {{python}})")
        inlines.append(InlineExpr(line, match.group("expr"), match.start(), match.end()))
    blocks.append(MarkdownBlock(text=text, line=first_line, inlines=tuple(inlines)))
