"""Read a wave's codebook and coding decisions, with errors that name the file, line and column.

``data/coding/<year>/codebook.yaml`` is validated against :mod:`analysis.coding.schema`;
``data/coding/<year>/decisions.csv`` holds one row per (answer, code, coder)::

    response_id,qid,code,coder,date,quote,excerpt
    17,q12,veiledning,sekretariatet,2025-09-01,ja,

``quote`` is ``ja`` when the book may quote the answer under that code; ``excerpt`` (optional)
is the part of the answer the book quotes instead of all of it (it must occur in the answer).
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from analysis.coding.schema import NO_CONTENT, Codebook
from analysis.paths import data_dir
from analysis.yaml_files import read_yaml, validate

#: Columns of the decisions file, in order; ``excerpt`` may be left out.
DECISION_COLUMNS = ("response_id", "qid", "code", "coder", "date", "quote", "excerpt")
_REQUIRED = DECISION_COLUMNS[:6]


class CodingError(ValueError):
    """A codebook or decisions file that is missing, malformed or inconsistent."""


def coding_dir(year: int, root: Path | None = None) -> Path:
    """``data/coding/<year>/`` under the project root."""
    return data_dir(root) / "coding" / str(year)


def load_codebook(root: Path | None = None, *, year: int | None = None,
                  path: Path | None = None) -> Codebook:
    """Read and validate ``data/coding/<year>/codebook.yaml`` (or ``path``).

    Raises
    ------
    CodingError
        Naming the file and, for schema errors, the entry and what was expected.

    Examples
    --------
    >>> load_codebook(year=2025).question("q12").codes[0].label
    'Veiledning og rådgivning'
    """
    if path is None:
        if year is None:
            raise TypeError("load_codebook needs the survey wave (year=) or a path")
        path = coding_dir(year, root) / "codebook.yaml"
    path = Path(path)
    raw = read_yaml(path, CodingError, "codebook")
    return validate(Codebook, raw, path, CodingError, "codebook schema")


def load_decisions(path: Path, codebook: Codebook) -> pd.DataFrame:
    """Read a decisions CSV and check every row against the codebook.

    Returns
    -------
    pandas.DataFrame
        One row per decision, in file order. Columns ``response_id`` (int), ``qid``, ``code``,
        ``coder``, ``date`` (``datetime.date``), ``quote`` (bool), ``excerpt`` (str, "" when
        none) and ``line`` (the file's line number). Empty when the file does not exist.

    Raises
    ------
    CodingError
        ``<file>, line <n>, column <name>: <what was wrong> (got <value>)``; also for a
        decision repeated (same answer, code and coder).
    """
    columns = [*DECISION_COLUMNS, "line"]
    if not path.is_file():
        return pd.DataFrame(columns=columns)
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _REQUIRED if c not in (reader.fieldnames or [])]
        if missing:
            raise CodingError(f"{path}: header lacks column(s) {missing}; expected "
                              f"{','.join(DECISION_COLUMNS)}")
        rows: list[dict] = []
        seen: dict[tuple, int] = {}
        for number, raw in enumerate(reader, start=2):
            row = _decision(path, number, raw, codebook)
            key = (row["response_id"], row["qid"], row["code"], row["coder"])
            if key in seen:
                raise CodingError(f"{path}, line {number}: repeats the decision of line "
                                  f"{seen[key]} (response {key[0]}, {key[1]}, {key[2]}, {key[3]})")
            seen[key] = number
            rows.append({**row, "line": number})
    return pd.DataFrame(rows, columns=columns)


def _decision(path: Path, line: int, raw: dict, codebook: Codebook) -> dict:
    def fail(column: str, what: str) -> CodingError:
        return CodingError(f"{path}, line {line}, column {column}: {what} "
                           f"(got {raw.get(column)!r})")

    value = (raw.get("response_id") or "").strip()
    if not value.isdigit():
        raise fail("response_id", "expected the export's response ID, a whole number")
    qid = (raw.get("qid") or "").strip()
    if qid not in codebook.questions:
        raise fail("qid", f"expected a question of the codebook: {sorted(codebook.questions)}")
    code = (raw.get("code") or "").strip()
    known = [c.id for c in codebook.questions[qid].codes]
    if code != NO_CONTENT and code not in known:
        raise fail("code", f"expected a code of {qid} in the codebook: {[*known, NO_CONTENT]}")
    coder = (raw.get("coder") or "").strip()
    if not coder:
        raise fail("coder", "expected who decided (a name or initials)")
    try:
        date = dt.date.fromisoformat((raw.get("date") or "").strip())
    except ValueError:
        raise fail("date", "expected a date as YYYY-MM-DD") from None
    quote = (raw.get("quote") or "").strip().lower()
    if quote not in ("", "ja"):
        raise fail("quote", "expected 'ja' (the book may quote it) or nothing")
    return {"response_id": int(value), "qid": qid, "code": code, "coder": coder, "date": date,
            "quote": quote == "ja", "excerpt": (raw.get("excerpt") or "").strip()}


@dataclass(frozen=True)
class WaveCoding:
    """A wave's codebook and decisions, as loaded (decisions not yet checked against answers)."""

    codebook: Codebook
    decisions: pd.DataFrame
    folder: Path


def load_coding(root: Path | None = None, *, year: int) -> WaveCoding | None:
    """The coding of wave ``year``; None when ``data/coding/<year>/codebook.yaml`` is absent.

    Raises
    ------
    CodingError
        For a malformed codebook or decisions file (see :func:`load_decisions`).
    """
    folder = coding_dir(year, root)
    if not (folder / "codebook.yaml").is_file():
        return None
    codebook = load_codebook(path=folder / "codebook.yaml")
    if codebook.year != year:
        raise CodingError(f"{folder / 'codebook.yaml'}: year is {codebook.year}, expected {year}")
    return WaveCoding(codebook, load_decisions(folder / "decisions.csv", codebook), folder)


def append_decisions(path: Path, rows: pd.DataFrame, codebook: Codebook) -> pd.DataFrame:
    """Append decision rows (columns :data:`DECISION_COLUMNS`) to ``path`` and re-read it.

    The file is written whole to a temporary file first and re-validated, so a failure never
    leaves a half-written decisions file; a new file gets the header.
    """
    before = path.read_text(encoding="utf-8") if path.is_file() else ",".join(
        DECISION_COLUMNS) + "\n"
    if not before.endswith("\n"):
        before += "\n"
    out = rows.reindex(columns=DECISION_COLUMNS).fillna("").to_csv(
        index=False, header=False, lineterminator="\n")
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(before + out, encoding="utf-8")
    try:
        frame = load_decisions(tmp, codebook)
    except CodingError as exc:
        tmp.unlink()
        raise CodingError(str(exc).replace(str(tmp), str(path))) from None
    tmp.replace(path)
    return frame
