"""The given YAML files the survey bundle does not read, checked before any chapter runs.

The bundle (:func:`analysis.bundle.load_bundle`) validates the manifest, questionnaires,
ledger, contradictions and free-text coding. The recommendations of «Hovedfunn og anbefalinger»
and the book map are read by the report layer while a chapter runs; a mistake in them would
surface as a failed chapter cell. Checking them here, with the bundle, stops the render first
with the file, line and column (or the entry) and what was expected.
"""

from __future__ import annotations

from pathlib import Path


def check_given_files(root: Path) -> list[Path]:
    """Validate the given files of the report layer that exist under ``root``.

    Returns
    -------
    list of Path
        The files checked.

    Raises
    ------
    FindingsFileError, BookMapError
        The first broken file, located (see :mod:`analysis.yaml_files`).
    """
    from analysis.report.book_map import load_book_map
    from analysis.report.findings_file import findings_path, load_findings_file

    checked = []
    findings = findings_path(root)
    if findings.is_file():
        load_findings_file(findings)
        checked.append(findings)
    book_map = root / "data" / "published" / "book-map.yaml"
    if book_map.is_file():
        load_book_map(root)
        checked.append(book_map)
    return checked


def given_file_errors() -> tuple[type[Exception], ...]:
    """The located errors :func:`check_given_files` raises."""
    from analysis.report.book_map import BookMapError
    from analysis.report.findings_file import FindingsFileError

    return (FindingsFileError, BookMapError)
