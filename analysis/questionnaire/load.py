"""Load and validate a questionnaire file, with errors that name the file and the entry."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from analysis.paths import questionnaire_path
from analysis.questionnaire.schema import Questionnaire


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
    if not path.is_file():
        raise QuestionnaireError(f"{path}: questionnaire file not found")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise QuestionnaireError(f"{path}: not valid YAML: {exc}") from exc
    try:
        return Questionnaire.model_validate(raw)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            where = ".".join(
                f"[{p}]" if isinstance(p, int) else str(p) for p in err["loc"]
            ).replace(".[", "[")
            lines.append(f"  {where or '(top level)'}: {err['msg']}")
        message = f"{path}: does not fit the questionnaire schema:\n" + "\n".join(lines)
        raise QuestionnaireError(message) from exc
