"""The data check running beside Quarto's start-up.

``python -m analysis render --engine quarto`` checks every input before any chapter runs, as
the built-in engine does (a bad export stops the render with its located message). Quarto
needs several seconds to start and to reach its pre-render hook, and the check needs no
Quarto, so the render starts both at once: :class:`PendingCheck` runs the check in a thread
and writes its outcome to a file the pre-render hook waits for
(:func:`analysis.engine.quarto_hooks.pre`, through :data:`OUTCOME_ENV`). On success it first
stores the validated bundle for the chapters' kernels (:func:`~.cache.prepare_bundle`, under
the name the kernels' environment already holds); on a data error the hook stops Quarto
before any chapter runs, and the render reports the error itself (:meth:`PendingCheck.result`).

A plain ``quarto render`` sets no :data:`OUTCOME_ENV`: its hook checks the data itself.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from analysis import bundle_cache
from analysis.engine.cache import prepare_bundle, tree_fingerprint
from analysis.engine.process_alive import process_exists
from analysis.paths import exports_dir

#: Names the file where the render writes the outcome of its data check (``{"ok": true}`` or
#: ``{"error": "..."}``), for Quarto's pre-render hook.
OUTCOME_ENV = "NORCRIN_DATA_CHECK_OUTCOME"
#: The render's process id: the hook stops waiting when that process is gone.
OWNER_ENV = "NORCRIN_DATA_CHECK_OWNER"


class PendingCheck:
    """``check(root)`` (the ``check_inputs`` hook) started in a thread at once.

    ``env(base)`` is the environment for Quarto, ``result()`` the loaded bundle (or the
    check's error, raised), ``close()`` removes the outcome file's folder.
    """

    def __init__(self, root: Path, check: Callable[[Path], object]) -> None:
        self.root = root
        self.fingerprint = tree_fingerprint(root)
        self._folder = Path(tempfile.mkdtemp(prefix="norcrin-check-"))
        self.outcome = self._folder / "outcome.json"
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="data-check")
        self._future: Future = self._pool.submit(self._run, check)

    def _run(self, check: Callable[[Path], object]) -> object:
        try:
            bundle = check(self.root)
            if bundle is not None:
                prepare_bundle(self.root, self.fingerprint, bundle, reuse=False)
        except BaseException as exc:
            self._write({"error": str(exc).splitlines()[0] if str(exc) else type(exc).__name__})
            raise
        self._write({"ok": True})
        return bundle

    def _write(self, outcome: dict) -> None:
        scratch = self.outcome.with_suffix(".tmp")
        scratch.write_text(json.dumps(outcome), encoding="utf-8")
        os.replace(scratch, self.outcome)

    def env(self, base: dict[str, str]) -> dict[str, str]:
        """``base`` with the outcome file and, for a book with survey data, the name under
        which the validated bundle will be stored (the kernels start after the hook passed)."""
        env = {**base, OUTCOME_ENV: str(self.outcome), OWNER_ENV: str(os.getpid())}
        if (exports_dir(self.root) / "MANIFEST.yaml").is_file():
            env[bundle_cache.ENV] = str(bundle_cache.path_for(self.root, self.fingerprint))
        return env

    def result(self) -> object:
        """The loaded bundle (``None`` for a book without data); raises the check's error."""
        return self._future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True)
        shutil.rmtree(self._folder, ignore_errors=True)


def wait_for_outcome(path: Path, owner: int | None, interval: float = 0.05) -> dict:
    """The outcome the render (process ``owner``) wrote to ``path``, for the pre-render hook;
    waits for it while that process lives.

    >>> wait_for_outcome(Path("/nonexistent/outcome.json"), owner=None)["error"]
    'the render that started Quarto ended before its data check did'
    """
    while not path.is_file():
        gone = owner is None or not process_exists(owner)
        if gone and not path.is_file():  # the render may have written it before it ended
            return {"error": "the render that started Quarto ended before its data check did"}
        time.sleep(interval)
    return json.loads(path.read_text(encoding="utf-8"))
