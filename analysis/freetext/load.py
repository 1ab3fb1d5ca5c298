"""Load and validate the free-text file, with errors that name the file and the entry."""

from __future__ import annotations

from pathlib import Path

from analysis.freetext.schema import FreeText
from analysis.paths import published_dir
from analysis.yaml_files import read_yaml, validate


class FreeTextError(ValueError):
    """A free-text file that is missing, not YAML, or does not fit the schema."""


def free_text_path(year: int, root: Path | None = None) -> Path:
    """Return ``data/published/free-text-<year>.yaml`` under the project root."""
    return published_dir(root) / f"free-text-{year}.yaml"


def load_free_text(root: Path | None = None, *, year: int | None = None,
                   path: Path | None = None) -> FreeText:
    """Read the report's coded free-text answers and validate them.

    Parameters
    ----------
    root
        Project root; defaults to :func:`analysis.paths.project_root`.
    year
        Survey wave (the caller passes the bundle's current one); selects
        ``data/published/free-text-<year>.yaml``. Required unless ``path`` is given.
    path
        An explicit file, overriding ``root`` and ``year`` (tests use it).

    Returns
    -------
    FreeText
        The validated, immutable free-text model.

    Raises
    ------
    FreeTextError
        Naming the file and, for schema errors, the entry (e.g.
        ``questions.q12.categories[0].count``) and what was expected.

    Examples
    --------
    >>> load_free_text(year=2025).question("q12").categories[0].count
    11
    """
    if path is None:
        if year is None:
            raise TypeError("load_free_text needs the survey wave (year=) or a path")
        path = free_text_path(year, root)
    path = Path(path)
    raw = read_yaml(path, FreeTextError, "free-text file")
    return validate(FreeText, raw, path, FreeTextError, "free-text schema")
