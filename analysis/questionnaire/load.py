"""Load and validate a questionnaire file, with errors that name the file and the entry."""

from __future__ import annotations

from pathlib import Path

from analysis.paths import questionnaire_path
from analysis.questionnaire.schema import Questionnaire
from analysis.yaml_files import read_yaml, validate


class QuestionnaireError(ValueError):
    """A questionnaire file that is missing, not YAML, or does not fit the schema."""


def load_questionnaire(year_or_path: int | str | Path, root: Path | None = None) -> Questionnaire:
    """Read ``data/questionnaires/<year>.yaml`` (or a given path) and validate it.

    Parameters
    ----------
    year_or_path
        A survey year such as ``2025``, or the path of a questionnaire file.
    root
        Project root; defaults to :func:`analysis.paths.project_root`.

    Returns
    -------
    Questionnaire
        The validated, immutable questionnaire.

    Raises
    ------
    QuestionnaireError
        Naming the file, and for schema errors the entry (e.g. ``questions[3].options``).

    Examples
    --------
    >>> load_questionnaire(2025).question("q04").max_choices
    3
    """
    if isinstance(year_or_path, int):
        path = questionnaire_path(year_or_path, root)
    else:
        path = Path(year_or_path)
    raw = read_yaml(path, QuestionnaireError, "questionnaire file")
    return validate(Questionnaire, raw, path, QuestionnaireError, "questionnaire schema")
