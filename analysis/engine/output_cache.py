"""Rebuild an output (a chapter's HTML page, the PDF) only when its inputs changed.

Each output is a *unit*: the files one step writes (a page and its SVG figures; the Typst
source, the PDF and its PNG figures). A unit is built into a folder of its own under
``.cache/output/<unit>/<key>/``, where ``key`` hashes everything the step reads (see
:func:`unit_key`), then copied into the staging ``_book/``. A later render whose key is the
same copies the stored files instead of running pandoc or typst again, so an unchanged book
re-renders in well under a second and a changed chapter rebuilds its own page and the PDF.
The copied files are the bytes the step wrote, so the book is identical to a full rebuild.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

#: bump when a unit's layout or what feeds its key changes
FORMAT = 1


def unit_key(*parts: object) -> str:
    """SHA-256 over ``parts``: bytes as they are, anything else as sorted-key JSON (or its
    ``repr`` when JSON cannot write it).

    Examples
    --------
    >>> unit_key("a", {"b": 1}) == unit_key("a", {"b": 1}) != unit_key("a", {"b": 2})
    True
    """
    digest = hashlib.sha256(f"output format {FORMAT}".encode())
    for part in parts:
        if isinstance(part, bytes):
            data = part
        else:
            try:
                data = json.dumps(part, sort_keys=True, ensure_ascii=False).encode()
            except TypeError:
                data = repr(part).encode()
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def file_bytes(root: Path, paths: Iterable[str]) -> list[bytes]:
    """The contents of ``paths`` (relative to ``root``; a missing file counts as empty)."""
    return [p.encode() + b"\0" + ((root / p).read_bytes() if (root / p).is_file() else b"")
            for p in paths]


class OutputCache:
    """Built units under ``<root>/.cache/output/``."""

    def __init__(self, root: Path, enabled: bool = True) -> None:
        self.directory = root / ".cache" / "output"
        #: ``False`` (``--no-cache``): every unit is rebuilt (and stored for next time)
        self.enabled = enabled

    def build(self, unit: str, key: str, make: Callable[[Path], object], into: Path) -> bool:
        """Put unit ``unit`` built for ``key`` into ``into``; return whether it was reused.

        On a miss ``make(folder)`` writes the unit's files into an empty folder (laid out as
        under ``_book/``); the folder is kept under ``key``, replacing the unit's older keys.
        """
        base = self.directory / unit.replace("/", "__")
        folder = base / key
        reused = self.enabled and folder.is_dir()
        if not reused:
            base.mkdir(parents=True, exist_ok=True)
            scratch = Path(tempfile.mkdtemp(prefix=".build-", dir=base))
            try:
                make(scratch)
                for old in base.iterdir():
                    if old != scratch and not old.name.startswith("."):
                        shutil.rmtree(old, ignore_errors=True)
                scratch.rename(folder)
            except BaseException:
                shutil.rmtree(scratch, ignore_errors=True)
                raise
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                target = into / path.relative_to(folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        return reused
