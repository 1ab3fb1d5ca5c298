"""Reading a given YAML file into a validated model, with errors that point at the entry.

Every configuration-as-data file (questionnaires, the ledger, free text, the manifest) goes
through here, so a broken file always says which file, which entry (``questions[3].options``,
or ``figures[12] id='r25-q03-…'`` when the entry has an id), what was wrong and what it got.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

#: libyaml's parser (PyYAML's C binding, in its wheels) reads the data about ten times faster
#: than the pure-Python one and builds the same objects (the same safe constructor and
#: resolver); without libyaml, the pure-Python loader.
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    r"""``yaml.safe_load(text)``, parsed by libyaml when available. A syntax error is raised by
    the pure-Python parser, so its message and position are PyYAML's whichever parser read the
    text first (libyaml words its errors differently).

    >>> load_yaml("a: [1, 2]\nb: ja\n")
    {'a': [1, 2], 'b': 'ja'}
    """
    try:
        return yaml.load(text, Loader=FAST_LOADER)  # a safe loader (safe constructor)
    except yaml.YAMLError:
        return yaml.safe_load(text)


def read_yaml(path: Path, error: type[Exception], what: str = "file") -> Any:
    """Parse ``path``; raise ``error`` naming the file when it is missing or not YAML."""
    if not path.is_file():
        raise error(f"{path}: {what} not found")
    try:
        return load_yaml(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise error(yaml_error_message(path, exc)) from None


def yaml_error_message(path: Path, exc: yaml.YAMLError) -> str:
    r"""``<file>:<line>:<column>: not valid YAML: <what>`` (1-based, as editors count).

    Examples
    --------
    >>> try:
    ...     yaml.safe_load("a: 1\nb: [2\nc: 3\n")
    ... except yaml.YAMLError as exc:
    ...     print(yaml_error_message(Path("x.yaml"), exc))
    x.yaml:3:2: not valid YAML: while parsing a flow sequence, expected ',' or ']', but got ':'
    """
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark is not None else str(path)
    parts = [getattr(exc, "context", None), getattr(exc, "problem", None)]
    what = ", ".join(str(p) for p in parts if p) or str(exc).splitlines()[0]
    return f"{where}: not valid YAML: {what}"


def validate(model: type[BaseModel], raw: Any, path: Path, error: type[Exception],
             what: str = "schema") -> Any:
    """Validate ``raw`` against ``model``; on failure raise ``error`` listing every problem.

    """
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        lines = [f"  {line}" for line in describe(exc, raw)]
        raise error(f"{path}: does not fit the {what}:\n" + "\n".join(lines)) from exc


def describe(exc: ValidationError, raw: Any = None) -> list[str]:
    """One line per validation error: location (with the entry's id), message, value got.

    Examples
    --------
    >>> from pydantic import TypeAdapter
    >>> raw = {"figures": [{"id": "a", "n": 1}, {"id": "b", "n": "x"}]}
    >>> try:
    ...     TypeAdapter(dict[str, list[dict[str, int]]]).validate_python(raw)
    ... except ValidationError as exc:
    ...     lines = describe(exc, raw)
    >>> [line.split(":")[0] for line in lines]
    ["figures[0] id='a'.id", "figures[1] id='b'.id", "figures[1] id='b'.n"]
    >>> lines[-1].endswith("(got 'x')")
    True
    """
    lines = []
    for err in exc.errors():
        where, node = "", raw
        for part in err["loc"]:
            if isinstance(part, int):
                where += f"[{part}]"
                node = node[part] if isinstance(node, list) and part < len(node) else None
                if isinstance(node, dict) and "id" in node:
                    where += f" id={node['id']!r}"
            else:
                where += f".{part}" if where else str(part)
                node = node.get(part) if isinstance(node, dict) else None
        value = err.get("input")
        got = ""
        if not isinstance(value, dict | list):
            text = repr(value)
            got = f" (got {text if len(text) <= 80 else text[:77] + '...'})"
        lines.append(f"{where or '(top level)'}: {err['msg']}{got}")
    return lines
