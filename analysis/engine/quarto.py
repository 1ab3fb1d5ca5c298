"""Render with real Quarto (the reference engine) into a staging folder, then swap it in.

Quarto 1.10 in a *project* does not split a comma-separated ``--to`` ("Unknown format
html,typst"), and ``quarto render --to typst`` alone leaves no HTML in the output folder. So
one Quarto run renders what was asked -- no ``--to`` for both formats (those of
``_quarto.yml``), ``--to html`` or ``--to typst`` for one -- into a staging folder, and
:func:`analysis.engine.output_dir.publish` carries the other format over from the previous
``_book/``. Quarto's own post-render hook (:mod:`analysis.engine.quarto_hooks`) writes
``inline-values.json`` and ``render-log.json`` into the staging folder.

To be quick (docs/design-decisions.md, 25), the run's chapter kernels are forked from a fork
server (:mod:`analysis.engine.quarto_kernels`) and, when both formats are rendered, each
chapter executes once: the Typst pass takes the HTML pass's results
(:mod:`analysis.engine.quarto_freeze`). Quarto still executes every cell and lays out every
page.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from pathlib import Path

from analysis import bundle_cache
from analysis.engine.book import load_book
from analysis.engine.cache import prepare_bundle, tree_fingerprint
from analysis.engine.environment import check_environment
from analysis.engine.errors import RenderError
from analysis.engine.output_dir import publish, render_lock, staged
from analysis.engine.quarto_check import PendingCheck
from analysis.engine.quarto_freeze import typst_from_html

#: The oldest Quarto that renders this book (book projects to Typst, ``language:`` keys).
MIN_QUARTO = (1, 9)
#: Set by :func:`quarto_env` to the tree's fingerprint when the caller validated the data.
VALIDATED_ENV = "NORCRIN_DATA_VALIDATED"
#: ``--to`` name of each of our formats.
QUARTO_FORMAT = {"html": "html", "pdf": "typst"}


class QuartoError(RenderError):
    """``quarto`` is on PATH but cannot be used (does not start, too old, unreadable)."""


@dataclass(frozen=True)
class Quarto:
    """A usable ``quarto`` executable and its version."""

    path: str
    version: tuple[int, ...]

    @property
    def version_text(self) -> str:
        """``"1.10.18"``."""
        return ".".join(map(str, self.version))


def find_quarto() -> Quarto | None:
    """The ``quarto`` on PATH, or None when there is none.

    Raises
    ------
    QuartoError
        If ``quarto`` is on PATH but fails to start, prints no version, or is older than
        :data:`MIN_QUARTO` -- reported, never passed over in silence.
    """
    path = shutil.which("quarto")
    if path is None:
        return None
    try:
        result = subprocess.run([path, "--version"], capture_output=True, text=True,
                                timeout=120, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise QuartoError(f"{path}: quarto is on PATH but does not start ({exc})") from None
    match = re.match(r"\s*(\d+)\.(\d+)(?:\.(\d+))?", result.stdout)
    if result.returncode != 0 or match is None:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise QuartoError(f"{path}: `quarto --version` failed (exit {result.returncode}: "
                          f"{detail[0]})")
    version = tuple(int(g) for g in match.groups() if g is not None)
    if version[:2] < MIN_QUARTO:
        raise QuartoError(f"{path}: quarto {'.'.join(map(str, version))} is too old; this "
                          f"book needs quarto >= {'.'.join(map(str, MIN_QUARTO))} (or use "
                          "--engine builtin)")
    return Quarto(path, version)


def quarto_command(quarto: Quarto, formats: tuple[str, ...], staging: Path,
                   all_formats: tuple[str, ...]) -> list[str]:
    """The one ``quarto render`` call that renders ``formats`` into ``staging``.

    Examples
    --------
    >>> q = Quarto("quarto", (1, 10, 18))
    >>> quarto_command(q, ("html", "pdf"), Path("/s"), ("html", "pdf"))
    ['quarto', 'render', '--output-dir', '/s']
    >>> quarto_command(q, ("pdf",), Path("/s"), ("html", "pdf"))[2:4]
    ['--to', 'typst']
    """
    command = [quarto.path, "render"]
    if set(formats) != set(all_formats):
        (only,) = formats
        command += ["--to", QUARTO_FORMAT[only]]
    return command + ["--output-dir", str(staging)]


def book_formats(root: Path) -> tuple[str, ...]:
    """Our names of the formats ``_quarto.yml`` lists (``typst`` -> ``pdf``)."""
    names = {v: k for k, v in QUARTO_FORMAT.items()}
    return tuple(names[f] for f in load_book(root).formats if f in names)


def quarto_env(root: Path, bundle: object, use_cache: bool,
               pending: PendingCheck | None = None) -> dict[str, str]:
    """The environment of a Quarto process: the chapters' kernels find the project by
    NORCRIN_ROOT (as under the built-in engine), Quarto runs them and the hooks with this
    Python unless told otherwise, and they read the bundle stored for this render. A
    ``bundle`` given was validated by the caller (``render``'s data check): the pre-render
    hook then skips its own (:data:`VALIDATED_ENV`). With ``pending`` (the check still
    running) the hook waits for its outcome instead (:meth:`PendingCheck.env`)."""
    env = {**os.environ, "NORCRIN_ROOT": str(root)}
    env.setdefault("QUARTO_PYTHON", sys.executable)
    env.pop(bundle_cache.ENV, None)
    env.pop(VALIDATED_ENV, None)
    if pending is not None:
        return pending.env(env)
    fingerprint = tree_fingerprint(root)
    stored = prepare_bundle(root, fingerprint, bundle, reuse=use_cache)
    if bundle is not None:  # the caller validated the data (the pre-render hook need not)
        env[VALIDATED_ENV] = fingerprint
    if stored is not None:
        env[bundle_cache.ENV] = str(stored)
    return env


def quarto_kernels(root: Path, env: dict[str, str], log: Callable[[str], None]):
    """A context giving Quarto's environment in which its chapter kernels are forked from a
    fork server (:mod:`analysis.engine.quarto_kernels`); ``env`` unchanged where kernels are
    not forked (:func:`~analysis.engine.book_execution.fork_kernels`)."""
    from analysis.engine.book_execution import fork_kernels
    from analysis.engine.quarto_kernels import warm_kernels

    if not fork_kernels():
        return nullcontext(env)
    return warm_kernels(root, env, log, load_bundle=bool(env.get(bundle_cache.ENV)))


def quarto_failure(result: subprocess.CompletedProcess) -> str:
    """The end of what a Quarto run whose output was captured printed, for its error message
    (empty if nothing was captured). Captured rather than passing ``--quiet``: with
    ``--quiet`` Quarto 1.10 prints nothing at all when it fails, not even a cell's error."""
    text = (result.stderr or "") + (result.stdout or "")
    return text.strip()[-2000:]


def quarto_intermediates(project: Path, sources: Iterable[str]) -> set[Path]:
    """What Quarto writes beside ``sources`` (paths under ``project``) while it renders them,
    and removes or moves into the output folder when the render succeeds, as found now: each
    source's kept notebook (``<name>.quarto_ipynb``, numbered ones too), figures folder
    (``<name>_files/``) and page (``<name>.html``), and the project's ``site_libs/``."""
    found = {project / "site_libs"}
    for source in sources:
        path = project / source
        stem = path.with_suffix("")
        found |= {stem.parent / f"{stem.name}_files", stem.with_suffix(".html"),
                  *path.parent.glob(f"{stem.name}.quarto_ipynb*")}
    return {p for p in found if p.exists()}


@contextlib.contextmanager
def sources_left_as_they_were(project: Path, sources: Iterable[str],
                              log: Callable[[str], None]) -> Iterator[None]:
    """Around a Quarto run: if the block raises (Quarto failed, Ctrl-C, SIGTERM), remove the
    intermediates (:func:`quarto_intermediates`) the run left beside ``sources`` that were
    not there before it, so the sources are as they were. Only this run's files: the book
    and the deck render at once, each with its own sources."""
    sources = tuple(sources)
    before = quarto_intermediates(project, sources)
    try:
        yield
    except BaseException:
        new = sorted(quarto_intermediates(project, sources) - before)
        for path in new:
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        if new:
            log(f"quarto: removed what the failed run left beside the sources: "
                f"{', '.join(str(p.relative_to(project)) for p in new)}")
        raise


def render_with_quarto(root: Path, quarto: Quarto, formats: tuple[str, ...],
                       use_cache: bool = True, log: Callable[[str], None] = print,
                       quiet: bool = False, bundle: object | None = None,
                       pending: PendingCheck | None = None) -> Path:
    """Run Quarto into a staging folder and swap it in for ``_book/`` only on success.

    ``use_cache=False`` removes Quarto's ``_freeze/`` first, so every chapter runs again;
    ``quiet`` keeps Quarto's output off the terminal (captured; its end is in the error if
    Quarto fails). The survey bundle
    (``bundle``, if the caller already loaded it) is stored once and named to the chapters'
    kernels in ``NORCRIN_BUNDLE_CACHE``, as under the built-in engine
    (:mod:`analysis.bundle_cache`); a plain ``quarto render`` loads it in every kernel.
    ``pending``: the data check still running beside Quarto's start-up
    (:mod:`analysis.engine.quarto_check`); its error, if any, is raised instead of Quarto's.

    Raises
    ------
    RenderError
        If Quarto exits non-zero; ``_book/`` is then left as it was, and so are the sources
        (:func:`sources_left_as_they_were`).
    """
    book = load_book(root)
    output = root / book.output_dir
    check_environment(root, output)
    with render_lock(root, log), staged(output, log) as staging:
        if not use_cache:
            shutil.rmtree(root / "_freeze", ignore_errors=True)
        command = quarto_command(quarto, formats, staging, book_formats(root))
        log(f"engine: quarto {quarto.version_text} ({' '.join(command[1:])})")
        env = quarto_env(root, bundle, use_cache, pending)
        # Both formats in one run: the Typst pass takes the HTML pass's results
        # (analysis/engine/quarto_freeze.py), so each chapter executes once.
        once = set(formats) == {"html", "pdf"} and \
            os.environ.get("NORCRIN_QUARTO_EXECUTE_ONCE", "1") != "0"
        with sources_left_as_they_were(root, book.sources, log):
            with quarto_kernels(root, env, log) as env, \
                    (typst_from_html(root, log) if once else nullcontext()):
                result = subprocess.run(command, cwd=root, env=env, check=False,
                                        capture_output=quiet, text=True)
            if result.returncode != 0:
                if pending is not None:
                    pending.result()  # a data error is why Quarto stopped: raise it instead
                detail = quarto_failure(result)
                raise RenderError(f"quarto exited with {result.returncode}; {output} left as "
                                  f"it was" + (f":\n{detail}" if detail else ""))
        publish(staging, output, formats)
    return output
