"""Located failures of the machine, not of the book: folders that cannot be written, a full disk.

A render writes in four places: the project folder (the staging folder of the next ``_book/``
is made beside it), ``.cache/`` (the render lock, the freeze and output caches, the stored
bundle), ``_review/`` (the screening record) and ``_book/`` itself (moved aside by the swap).
:func:`check_environment` tries each before anything runs, and the free space of the disk,
so that a render that cannot finish says so in one line -- what, where, what to do -- instead
of failing half-way with a traceback. :func:`describe` turns an :class:`OSError` met later (the
disk filled up during the render) into the same kind of line. Either way the render stops
before the swap, so the previous ``_book/`` stays as it was.
"""

from __future__ import annotations

import errno
import os
import shutil
import tempfile
from pathlib import Path

from analysis.engine.errors import RenderError

#: Free space a render needs besides a second copy of the book: the staging folder's pages,
#: figures and PDF, the caches and the pickled bundle (a cold render of this book writes about
#: 30 MB; twice that leaves room for a larger wave).
MIN_FREE_BYTES = 64 * 2**20


class RenderEnvironmentError(RenderError):
    """The render cannot write where it must, or the disk is full (exit status 2)."""


def check_environment(root: Path, output: Path) -> None:
    """Make sure the render can write its folders and has room, before it starts.

    Parameters
    ----------
    root
        Project root.
    output
        The book's output folder (``<root>/_book``).

    Raises
    ------
    RenderEnvironmentError
        Naming the folder that cannot be written and why, or the free space left.
    """
    cache = root / ".cache"
    places = [(root, "the project folder (the next book is staged there)"),
              (cache, "the render's cache folder"),
              *((p, "a folder of the render's cache") for p in _subfolders(cache)),
              (root / "_review", "the screening record's folder"),
              (output, "the book's output folder")]
    for folder, what in places:
        if folder == cache and not folder.exists():
            _probe(root, "the project folder (the render's cache is made there)")
        elif folder.exists() or folder.is_symlink():
            _probe(folder, what)
    needed = MIN_FREE_BYTES + _size(output)
    free = _free(root)
    if free is not None and free < needed:
        raise RenderEnvironmentError(full_disk(root, free, needed))


def full_disk(path: Path, free: int | None = None, needed: int | None = None) -> str:
    """The line that says the disk holding ``path`` is (nearly) full."""
    free = _free(path) if free is None else free
    line = f"the disk holding {path} is full"
    if free is not None:
        line += f" ({_mb(free)} free"
        line += f"; a render needs about {_mb(needed)})" if needed else ")"
    return line + "; free some space and render again (the previous book is kept)"


def describe(exc: OSError, root: Path) -> str:
    """One line for an :class:`OSError` met while rendering: what, where, what to do."""
    where = exc.filename or root
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return full_disk(Path(where))
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        reason = "read-only file system" if exc.errno == errno.EROFS else "permission denied"
        return (f"cannot write {where}: {reason}; make it writable for this user and render "
                "again (the previous book is kept)")
    return (f"{where}: {exc.strerror or exc} (errno {exc.errno}); the previous book is kept")


def is_disk_full(root: Path) -> bool:
    """True when the disk holding ``root`` has less than :data:`MIN_FREE_BYTES` free: a tool
    that failed (pandoc, typst, Quarto) most likely failed for want of space."""
    free = _free(root)
    return free is not None and free < MIN_FREE_BYTES


def _probe(folder: Path, what: str) -> None:
    """Create, write and remove a small file in ``folder``; raise the located line if not."""
    try:
        if not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "not a folder", str(folder))
        handle, name = tempfile.mkstemp(prefix=".write-test-", dir=folder)
        try:
            os.write(handle, b"x" * 4096)
            os.fsync(handle)
        finally:
            os.close(handle)
            os.unlink(name)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise RenderEnvironmentError(full_disk(folder)) from None
        reasons: dict[int | None, str] = {errno.EROFS: "it is on a read-only file system",
                                          errno.ENOTDIR: "it is not a folder",
                                          errno.ENOENT: "it does not exist"}
        reason = reasons.get(exc.errno, "permission denied"
                             if exc.errno in (errno.EACCES, errno.EPERM)
                             else exc.strerror or str(exc))
        fix = ("make it a folder" if exc.errno == errno.ENOTDIR
               else "make it writable for this user")
        raise RenderEnvironmentError(f"cannot write {what}, {folder}: {reason}; {fix} and "
                                     "render again (the previous book is kept)") from None


def _subfolders(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    except OSError:
        return []


def _size(folder: Path) -> int:
    total = 0
    for base, _, files in os.walk(folder):
        for name in files:
            try:
                total += os.lstat(os.path.join(base, name)).st_size
            except OSError:
                continue
    return total


def _free(path: Path) -> int | None:
    for candidate in (path, *path.parents):
        if candidate.exists():
            try:
                return shutil.disk_usage(candidate).free
            except OSError:
                return None
    return None


def _mb(size: int | None) -> str:
    return f"{(size or 0) / 2**20:.1f} MB"
