"""Where things live, resolved from the project root -- never from the working directory.

The project root is the directory holding ``_quarto.yml``. It is found by walking up from
this file (an editable install keeps the package inside the project), and can be overridden
with the ``NORCRIN_ROOT`` environment variable (tests point it at temporary copies).
"""

from __future__ import annotations

import os
from pathlib import Path


def project_root() -> Path:
    """Return the project root directory.

    Returns
    -------
    Path
        The directory that holds ``_quarto.yml``.

    Raises
    ------
    FileNotFoundError
        If no ``_quarto.yml`` is found above the package and ``NORCRIN_ROOT`` is unset.

    Examples
    --------
    >>> (project_root() / "_quarto.yml").is_file()
    True
    """
    override = os.environ.get("NORCRIN_ROOT")
    if override:
        return Path(override).resolve()
    here = Path(__file__).resolve().parent
    for candidate in (here, *here.parents):
        if (candidate / "_quarto.yml").is_file():
            return candidate
    raise FileNotFoundError(
        f"no _quarto.yml found above {here}; set NORCRIN_ROOT to the project directory"
    )


def data_dir(root: Path | None = None) -> Path:
    """Return ``data/`` under the project root."""
    return (root or project_root()) / "data"


def questionnaire_path(year: int, root: Path | None = None) -> Path:
    """Return the questionnaire file of a wave, ``data/questionnaires/<year>.yaml``."""
    return data_dir(root) / "questionnaires" / f"{year}.yaml"


def published_dir(root: Path | None = None) -> Path:
    """Return ``data/published/``, the ledger of figures stated in published reports."""
    return data_dir(root) / "published"


def exports_dir(root: Path | None = None) -> Path:
    """Return ``data/exports/``: the manifest and the real survey exports (given data)."""
    return data_dir(root) / "exports"


def reconstructed_dir(root: Path | None = None) -> Path:
    """Return ``data/reconstructed/``, what ``python -m analysis reconstruct`` writes (derived)."""
    return data_dir(root) / "reconstructed"


def book_dir(root: Path | None = None) -> Path:
    """Return ``_book/``, where the rendered HTML and PDF go."""
    return (root or project_root()) / "_book"


#: The Excel annex beside the PDF is ``<book output-file><ANNEX_SUFFIX>``.
ANNEX_SUFFIX = "-tabellvedlegg.xlsx"
#: The presentation and its PDF handout are ``<book output-file><DECK_SUFFIX>.pptx`` / ``.pdf``.
DECK_SUFFIX = "-presentasjon"
