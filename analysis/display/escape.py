"""Text to pandoc Markdown by pandoc's own writer, so nothing in the text is read as markup.

Everything the book prints from data -- respondents' answers, option labels, formatted
numbers -- is plain text. Spliced into Markdown as is, a ``<script>``, a backtick span with
``{=typst}``, an ``@fig-`` reference or a ``{{< include >}}`` shortcode would be read as markup
by pandoc (and Quarto) and run in the HTML or the PDF. Here the text becomes ``Str`` nodes of a
pandoc document and pandoc's Markdown writer writes them out, escaping what its reader would
interpret. No character is escaped by hand.

One ``pandoc lua`` process (``escape.lua`` beside this module) serves every request of the
Python process, one JSON line in, one out, so escaping costs microseconds, not a pandoc start.

Examples
--------
>>> print(escape_inline("<b>fet</b> @fig-x"))
\\<b\\>fet\\</b\\> \\@fig-x
>>> escape_inline("40\\u00a0%") == "40\\u00a0%"
True
"""

from __future__ import annotations

import atexit
import json
import subprocess
import threading
from functools import lru_cache
from pathlib import Path

_SCRIPT = Path(__file__).with_name("escape.lua")


class EscapeError(RuntimeError):
    """pandoc could not be started or did not answer."""


def pandoc_binary() -> str:
    """The pandoc of ``pypandoc-binary`` (a pinned 3.x with Lua), else the one on PATH."""
    import pypandoc

    bundled = Path(pypandoc.__file__).with_name("files") / "pandoc"
    return str(bundled) if bundled.is_file() else pypandoc.get_pandoc_path()


class _Server:
    """The ``pandoc lua escape.lua`` process, started on first use, shared by threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen | None = None

    def ask(self, request: dict) -> str:
        line = json.dumps(request, ensure_ascii=False) + "\n"
        with self._lock:
            process = self._start()
            try:
                process.stdin.write(line)
                process.stdin.flush()
                answer = process.stdout.readline()
            except (BrokenPipeError, OSError) as exc:
                self._process = None
                raise EscapeError(f"pandoc escaping process failed: {exc}") from None
            if not answer:
                self._process = None
                raise EscapeError("pandoc escaping process ended without an answer")
        reply = json.loads(answer)
        if "error" in reply:
            raise EscapeError(f"pandoc could not write the text as Markdown: {reply['error']}")
        return reply["markdown"]

    def _start(self) -> subprocess.Popen:
        if self._process is None or self._process.poll() is not None:
            try:
                # A session of its own: a kernel interrupt (SIGINT to the kernel's process
                # group) must not reach it; it ends when its stdin closes with this process.
                self._process = subprocess.Popen(
                    [pandoc_binary(), "lua", str(_SCRIPT)], stdin=subprocess.PIPE,
                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                    encoding="utf-8", bufsize=1, start_new_session=True)
            except OSError as exc:
                raise EscapeError(f"cannot start pandoc for escaping: {exc}") from None
        return self._process

    def close(self) -> None:
        with self._lock:
            if self._process is not None:
                self._process.stdin.close()
                self._process.wait(timeout=10)
                self._process = None


_SERVER = _Server()
atexit.register(_SERVER.close)


@lru_cache(maxsize=65536)
def escape_inline(text: str) -> str:
    """Markdown that pandoc reads back as exactly ``text`` (white space runs become one space).

    Parameters
    ----------
    text : str
        Plain text, e.g. a respondent's answer or a formatted number.

    Returns
    -------
    str
        One line of Markdown, without a trailing newline; ``""`` for blank text.

    Raises
    ------
    EscapeError
        If pandoc cannot be run.
    """
    if not str(text).strip():
        return ""
    return _SERVER.ask({"inline": str(text)}).strip("\n")


def pipe_table(header: list[str], rows: list[list[str]], align: list[str],
               widths: list[float] | None = None) -> str:
    """A pipe table written by pandoc from plain-text cells.

    Parameters
    ----------
    header : list of str
        Column headings.
    rows : list of list of str
        Cell texts, one list per row, as long as ``header``.
    align : list of str
        Per column ``"l"``, ``"r"``, ``"c"`` or ``"d"`` (default).
    widths : list of float, optional
        Relative column widths (fractions of the text width); pandoc decides when omitted.

    Returns
    -------
    str
        Markdown ending in a newline.

    Examples
    --------
    >>> print(pipe_table(["Svar", "n"], [["Ja | nei", "3"]], ["l", "r"]), end="")
    | Svar      |   n |
    |:----------|----:|
    | Ja \\| nei |   3 |
    """
    if any(len(r) != len(header) for r in rows):
        raise ValueError("every row needs one cell per column")
    spec = {"header": [str(h) for h in header], "rows": [[str(c) for c in r] for r in rows],
            "align": list(align)}
    if widths:
        spec["widths"] = [float(w) for w in widths]
    return _SERVER.ask({"table": spec})
