"""A render of the book as an author runs it, for the tests that render in the background
(``BackgroundRenders`` in tests/conftest.py) and must share nothing with the test process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path


def cli_render(root: Path, *args: str, env: dict[str, str] | None = None) -> float:
    """``python -m analysis render --engine builtin *args`` in the project ``root``, as an
    author runs it, in a process of its own (so a background render shares nothing with the
    test process): the seconds it took. Raises with the command's output when it fails."""
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "analysis", "render", "--engine", "builtin",
                             *args], capture_output=True, text=True,
                            env={**os.environ, **(env or {}), "NORCRIN_ROOT": str(root)})
    if result.returncode != 0:
        raise RuntimeError(f"render {' '.join(args)} in {root} failed ({result.returncode}):\n"
                           f"{result.stdout}\n{result.stderr}")
    return time.perf_counter() - start
