"""Phase timings of one render, written to ``render-log.json`` (``make bench`` prints them).

A :class:`Phases` adds up wall-clock seconds per named phase; the render keeps one for itself
(bundle load, markdown conversion, HTML pages, Typst, PDF ...) and one per executed chapter
(kernel start, imports, bundle load, cells, figure cells). Thread-safe: chapters run in
worker threads.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator


class Phases:
    """Seconds per phase, in the order the phases were first seen."""

    def __init__(self) -> None:
        self._seconds: dict[str, float] = {}
        self._lock = threading.Lock()

    def add(self, phase: str, seconds: float) -> None:
        """Add ``seconds`` to ``phase``."""
        with self._lock:
            self._seconds[phase] = self._seconds.get(phase, 0.0) + seconds

    @contextlib.contextmanager
    def time(self, phase: str) -> Iterator[None]:
        """Time the block and add it to ``phase`` (also when it raises)."""
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add(phase, time.perf_counter() - start)

    def as_dict(self) -> dict[str, float]:
        """``{phase: seconds}`` rounded to milliseconds.

        Examples
        --------
        >>> p = Phases(); p.add("html", 0.25); p.add("html", 0.5); p.as_dict()
        {'html': 0.75}
        """
        with self._lock:
            return {k: round(v, 3) for k, v in self._seconds.items()}
