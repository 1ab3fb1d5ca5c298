"""The render engine's hooks into this report: the one place they are configured.

:mod:`analysis.engine` imports no stage of the report; what it needs from them it asks through
:class:`analysis.engine.hooks.RenderHooks`. This module fills them in and is installed as the
entry point ``norcrin_survey.render_hooks`` (``pyproject.toml``), so the render, the chapter
kernels, the fork server and Quarto's pre- and post-render scripts all find the same hooks.
Like the commands, it sits above the stages: it may import any of them, and none imports it.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path

from analysis.engine.errors import RenderError
from analysis.engine.hooks import RenderHooks
from analysis.paths import exports_dir


def check_inputs(root: Path):
    """Load the survey bundle once in this process: a bad export, manifest, questionnaire or
    ledger then stops the render with its located message (exit 2, see :mod:`analysis.cli`)
    before any chapter kernel starts. Also writes the screening review record
    (``_review/``, outside the book). A book without a manifest loads no survey data.
    Returns the bundle (the render hands it to every chapter's kernel), or ``None``."""
    from analysis.bundle import load_bundle
    from analysis.given_files import check_given_files
    from analysis.screening import write_review

    check_given_files(root)  # recommendations and book map: located errors before any kernel
    if not (exports_dir(root) / "MANIFEST.yaml").is_file():
        return None
    bundle = load_bundle(root)
    write_review(bundle)
    return bundle


def input_errors() -> tuple[type[Exception], ...]:
    """The errors that mean "fix this input file" (:func:`analysis.cli.data_errors`)."""
    from analysis.cli import data_errors

    return data_errors()


def load_inputs(root: Path):
    """The validated survey bundle (:func:`analysis.bundle.load_bundle`)."""
    from analysis.bundle import load_bundle

    return load_bundle(root)


def is_inputs(value: object) -> bool:
    """Whether ``value`` is a loaded survey bundle."""
    from analysis.bundle import SurveyBundle

    return isinstance(value, SurveyBundle)


def kernel_setup() -> None:
    """The book's one figure style (:func:`analysis.figures.style.apply_style`)."""
    from analysis.figures.style import apply_style

    apply_style()


#: The libraries and the part of the report layer every chapter uses (chapter-specific
#: modules are left to the chapter: importing all of them in every kernel costs more than
#: it saves).
KERNEL_PRELOAD = ("numpy", "pandas", "scipy.stats", "matplotlib.pyplot", "seaborn",
                  "analysis.report", "analysis.report.notice", "analysis.figures")


def kernel_load() -> None:
    """Load the bundle the render stored (:func:`analysis.report.load`, which keeps it for
    the process): the chapter's own ``report.load()`` then returns the same bundle."""
    from analysis import report

    report.load()


def long_date(text: str) -> str:
    """``2025-09-30`` as the book prints it, ``30. september 2025`` (:func:`analysis.fmt.date`)."""
    from analysis.fmt import date

    return str(date(text))


def notebook_tables(notebook: dict) -> dict:
    """The tables a chapter printed (:func:`analysis.annex.notebook_tables`)."""
    from analysis.annex import notebook_tables as tables

    return tables(notebook)


def write_annex(tables, out: Path, printed: dict) -> Path:
    """The Excel annex of the book's tables (:func:`analysis.annex.write_book_annex`)."""
    from analysis.annex import write_book_annex

    return write_book_annex(tables, out, printed)


def finish_deck(pptx: Path, log: Callable[[str], None] = print) -> None:
    """Draw the native charts into ``pptx`` and write the handout beside it (see
    :mod:`analysis.slides`); says when LibreOffice is missing."""
    from analysis.slides import DeckError, finish, handout

    try:
        drawn = finish(pptx)
    except DeckError as exc:
        raise RenderError(str(exc)) from None
    pdf = pptx.with_suffix(".pdf")
    try:
        made = handout(pptx, pdf)
    except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
        raise RenderError(f"handout: {exc}") from None
    log(f"pptx: {pptx.name} ({drawn} native charts)" + (
        f"; handout {pdf.name}" if made else
        "; handout skipped: LibreOffice (soffice) not found -- install libreoffice-impress"))


def deck_tools() -> str:
    """What the deck's finish step depends on beyond the deck's own inputs: the LibreOffice
    that writes the handout (its resolved path and modification time, so an upgrade or an
    install changes it), or that there is none."""
    from analysis.slides import soffice

    found = soffice()
    if found is None:
        return "no handout converter"
    real = Path(found).resolve()
    return f"{real} {real.stat().st_mtime_ns}"


HOOKS = RenderHooks(
    check_inputs=check_inputs,
    input_errors=input_errors,
    load_inputs=load_inputs,
    is_inputs=is_inputs,
    kernel_setup=kernel_setup,
    kernel_preload=KERNEL_PRELOAD,
    kernel_load=kernel_load,
    long_date=long_date,
    notebook_tables=notebook_tables,
    write_annex=write_annex,
    finish_deck=finish_deck,
    deck_tools=deck_tools,
)
