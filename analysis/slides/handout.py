"""The PDF handout: the deck converted by LibreOffice Impress, headless."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path


def soffice() -> str | None:
    """The LibreOffice executable on PATH (``soffice`` or ``libreoffice``), or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def handout(deck: Path, pdf: Path, timeout: float = 300) -> Path | None:
    """Convert ``deck`` to ``pdf``; None (nothing written) when LibreOffice is missing.

    A private LibreOffice profile per call lets two conversions run at once.

    Raises
    ------
    RuntimeError
        If LibreOffice runs but writes no PDF (its output is in the message).
    """
    program = soffice()
    if program is None:
        return None
    with tempfile.TemporaryDirectory(prefix="norcrin-soffice-") as scratch:
        profile = Path(scratch, "profile").as_uri()
        result = subprocess.run(
            [program, f"-env:UserInstallation={profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", scratch, str(deck)],
            capture_output=True, text=True, timeout=timeout, check=False)
        made = Path(scratch, deck.with_suffix(".pdf").name)
        if not made.is_file():
            raise RuntimeError(f"{deck}: LibreOffice wrote no PDF (exit {result.returncode}: "
                               f"{(result.stderr or result.stdout).strip()[-300:]})")
        pdf.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(made, pdf)
    return pdf
