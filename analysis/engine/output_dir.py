"""The book's output folder: built in a staging folder, swapped in whole, never half-written.

Both engines render into a fresh staging folder beside ``_book/``. Only when everything asked
for was written does :func:`publish` put it in place: files of formats that were *not* asked
for are carried over from the previous ``_book/`` (``--to html`` keeps the last PDF), the
folder gets ordinary permissions, and two renames swap it in. A failure, an interrupt or a
SIGTERM removes the staging folder and leaves ``_book/`` as it was; a second render of the
same project waits for the first (a lock file), saying so.

A render killed outright (``kill -9``, a power cut) cleans up nothing. So every render, once
it holds the lock, first repairs what an earlier one may have left (:func:`recover`): a
``_book/`` missing because the render died between the two renames of the swap is restored
from the previous copy, and the staging and old folders beside it -- which, with the lock
held, belong to no living render -- are removed, with the output cache's scratch folders.

For tests, :data:`FAULT_ENV` names a point of the render (:func:`fault_point`) at which the
process kills itself with SIGKILL, e.g. between the two renames.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath

from analysis.paths import DECK_SUFFIX

#: Formats a render can produce, as the ``--to`` option names them (``pptx``: the
#: presentation and its PDF handout, :mod:`analysis.engine.deck`).
FORMATS = ("html", "pdf", "pptx")
#: The formats of the book itself (the deck is rendered beside it).
BOOK_FORMATS = ("html", "pdf")
#: Files the render itself writes at the top of ``_book/``, whichever formats it renders.
RUN_FILES = ("inline-values.json", "render-log.json")


class FormatError(ValueError):
    """``--to`` names no format, or one that does not exist."""


def parse_formats(text: str) -> tuple[str, ...]:
    """``"html,pdf"`` -> ``("html", "pdf")``, in book order, each once.

    Raises
    ------
    FormatError
        If the list is empty or names an unknown format.

    Examples
    --------
    >>> parse_formats("pdf, html")
    ('html', 'pdf')
    """
    asked = [f.strip().lower() for f in text.split(",") if f.strip()]
    if not asked:
        raise FormatError(f"--to names no format; allowed: {', '.join(FORMATS)}")
    unknown = sorted(set(asked) - set(FORMATS))
    if unknown:
        raise FormatError(f"--to: unknown format(s) {', '.join(unknown)}; "
                          f"allowed: {', '.join(FORMATS)}")
    return tuple(f for f in FORMATS if f in asked)


#: Folder of ``_book/`` written by ``python -m analysis packs``, not by the book's render.
PACKS_DIR = "partnere"


def format_of(relative: PurePosixPath) -> str | None:
    """Which format a file of ``_book/`` belongs to: ``"pdf"``, ``"html"`` or None (run files).

    The presentation and its handout (``<slug>-presentasjon.pptx`` / ``.pdf``) belong to
    ``pptx``; the PDF, its Typst source and the PNG figures made for it to ``pdf``; everything
    else (pages, stylesheets, SVG figures, search index) to ``html``.

    Examples
    --------
    >>> format_of(PurePosixPath("chapters/a_files/figure-typst/f-1.png"))
    'pdf'
    >>> format_of(PurePosixPath("index.html")), format_of(PurePosixPath("render-log.json"))
    ('html', None)
    >>> format_of(PurePosixPath("b-presentasjon.pdf")), format_of(PurePosixPath("b.pdf"))
    ('pptx', 'pdf')
    """
    if len(relative.parts) == 1 and relative.name in RUN_FILES:
        return None
    if len(relative.parts) == 1 and relative.stem.endswith(DECK_SUFFIX):
        return "pptx"
    if relative.suffix in (".pdf", ".typ") or "figure-typst" in relative.parts:
        return "pdf"
    return "html"


def new_staging(output: Path) -> Path:
    """A fresh, empty staging folder beside ``output`` (``._book-staging-XXXX``)."""
    output.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f".{output.name}-staging-", dir=output.parent))


def carry_over(previous: Path, staging: Path, formats: tuple[str, ...]) -> list[str]:
    """Copy the files of formats not rendered now from ``previous`` into ``staging``.

    Returns the relative paths copied (files already in ``staging`` are never replaced).
    """
    copied: list[str] = []
    if not previous.is_dir():
        return copied
    for path in sorted(previous.rglob("*")):
        if not path.is_file():
            continue
        relative = PurePosixPath(path.relative_to(previous).as_posix())
        kind = format_of(relative)
        target = staging / relative
        # the partner packs (`python -m analysis packs`) are kept whatever the book renders
        kept = relative.parts[0] == PACKS_DIR and len(relative.parts) > 1
        if not kept and (kind is None or kind in formats) or target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
        copied.append(str(relative))
    return copied


def publish(staging: Path, output: Path, formats: tuple[str, ...]) -> None:
    """Carry over the other formats, set ordinary permissions and swap ``staging`` in."""
    carry_over(output, staging, formats)
    _normal_permissions(staging)
    fault_point("before-swap")
    swap_in(staging, output)


def swap_in(staging: Path, output: Path) -> None:
    """Replace ``output`` by ``staging`` with two renames (no copy, no partial tree).

    Between the renames ``output`` does not exist; the previous book is then whole in
    ``.<output>-old-*/<output>``, where :func:`recover` finds it if the process dies there.
    """
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
        fault_point("before-first-rename")
        output.rename(old / output.name)
        fault_point("between-renames")
    staging.rename(output)
    fault_point("after-swap")
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def leftovers(output: Path) -> list[Path]:
    """Staging and old folders of earlier renders beside ``output``, oldest first."""
    found = [*output.parent.glob(f".{output.name}-staging-*"),
             *output.parent.glob(f".{output.name}-old-*")]
    return sorted((p for p in found if p.is_dir()), key=_mtime)


def recover(output: Path, log: Callable[[str], None] = print) -> list[str]:
    """Repair what interrupted renders left beside ``output``; call it holding the render lock.

    With the lock held no other render of the project is running, so every staging or old
    folder is a dead render's. If ``output`` is missing and an old folder holds the previous
    book (the render died between the two renames of :func:`swap_in`), that book is renamed
    back into place; then every leftover folder, and the scratch folders of the output cache
    (``<root>/.cache/output/*/.build-*``), are removed.

    Returns
    -------
    list of str
        What was done, one line each (also passed to ``log``); empty when nothing was left.
    """
    done = []
    if not output.exists():
        kept = [p / output.name for p in leftovers(output)
                if p.name.startswith(f".{output.name}-old-") and (p / output.name).is_dir()]
        if kept:
            kept[-1].rename(output)
            done.append(f"restored {output} from {kept[-1].parent.name} (a render was "
                        "interrupted while swapping it in)")
    stale = leftovers(output)
    cache = output.parent / ".cache" / "output"
    scratch = sorted(cache.glob("*/.build-*")) if cache.is_dir() else []
    for folder in [*stale, *scratch]:
        shutil.rmtree(folder, ignore_errors=True)
    if stale or scratch:
        done.append(f"removed {len(stale) + len(scratch)} folder(s) left by interrupted "
                    f"renders ({', '.join(sorted({_kind(p) for p in [*stale, *scratch]}))})")
    for line in done:
        log(f"render: {line}")
    return done


def _kind(folder: Path) -> str:
    name = folder.name
    return "output cache scratch" if name.startswith(".build-") else name.rsplit("-", 1)[0]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


#: Environment variable naming the :func:`fault_point` at which a render kills itself (tests).
FAULT_ENV = "NORCRIN_RENDER_FAULT"


def fault_point(name: str) -> None:
    """Kill this process with SIGKILL here when :data:`FAULT_ENV` names ``name`` (for tests
    of what a ``kill -9`` at that moment leaves behind); otherwise do nothing."""
    if os.environ.get(FAULT_ENV) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _normal_permissions(folder: Path) -> None:
    # mkdtemp makes the folder 0700; a published book is readable like any other folder.
    umask = os.umask(0)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)


#: Lock files this process holds (:func:`render_lock`), with how many holders each.
_HELD: dict[str, int] = {}
_HELD_GUARD = threading.Lock()


@contextlib.contextmanager
def render_lock(root: Path, log: Callable[[str], None] = print) -> Iterator[None]:
    """Hold ``<root>/.cache/render.lock`` for the duration of a render.

    A second render of the same project waits (and says so) instead of colliding with the
    first in the cache and in the swap. Within one process the lock is re-entrant: a command
    that holds it for a whole run (the book and the deck built beside it,
    :mod:`analysis.commands.render`) calls the renders, which take it again.
    """
    path = root / ".cache" / "render.lock"
    key = str(path.resolve())
    with _HELD_GUARD:
        if _HELD.get(key):
            _HELD[key] += 1
            held = True
        else:
            held = False
    if held:
        try:
            yield
        finally:
            with _HELD_GUARD:
                _HELD[key] -= 1
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log(f"render: another render of this project is running; waiting for {path}")
            fcntl.flock(handle, fcntl.LOCK_EX)
        with _HELD_GUARD:
            _HELD[key] = 1
        try:
            yield
        finally:
            with _HELD_GUARD:
                _HELD.pop(key, None)
            fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def staged(output: Path, log: Callable[[str], None] = print) -> Iterator[Path]:
    """A staging folder that is removed on any failure, interrupt or SIGTERM.

    Enter it holding :func:`render_lock`: it first repairs what interrupted renders left
    (:func:`recover`). SIGTERM is turned into ``SystemExit`` while the block runs, so the
    clean-up below runs as it does for Ctrl-C; the previous handler is restored afterwards.
    """
    recover(output, log)
    staging = new_staging(output)
    fault_point("staged")
    previous = signal.getsignal(signal.SIGTERM)
    in_main = threading.current_thread() is threading.main_thread()
    if in_main:
        signal.signal(signal.SIGTERM, _terminate)
    try:
        yield staging
    finally:
        if in_main:
            signal.signal(signal.SIGTERM, previous)
        shutil.rmtree(staging, ignore_errors=True)  # a no-op once it was swapped in


def _terminate(signum, frame) -> None:
    raise SystemExit(128 + signum)

