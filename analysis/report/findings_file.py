"""``data/recommendations.yaml``: the key indicators and the recommendations, as given data.

The secretariat edits this file, not the code. It holds two lists:

- ``indicators``: the key figures of «Hovedfunn og anbefalinger» -- a question id, the
  option(s) (or rating scores) whose summed share is the indicator, and a label;
- ``recommendations``: a title and a text, ``who`` acts (a few words naming the actors the
  text names, for the slide), the indicator (or ``fig-``/``tbl-`` label) whose finding
  motivates it, and the section of the book that shows that finding.

A text never types a number. It cites computed values through placeholders, which
:mod:`analysis.report.findings` fills in from the bundle:

=================================  ===============================================================
``{year}``, ``{previous_year}``    the current and the previous wave's year
``{indicator:ID}``                 the indicator's share in the current wave (``"27 %"``)
``{indicator:ID:previous}``        ... in the previous wave; ``:change`` the change in percentage
                                   points; ``:verdict`` the verdict ("trolig reell økning")
``{share:qNN:A|B}``                share choosing option A or B (labels or short labels; scores)
``{count:qNN:A|B}``                the number choosing them
``{n:qNN}``, ``{mean:qNN}``        how many answered; the mean score of a rating question
``{category:qNN:NAME}``            answers coded into a free-text category
=================================  ===============================================================

The schema checks the placeholders' form, that every indicator they name exists, that no digit
is typed outside them, and that each text cites its finding; a problem names the file and the
entry (``recommendations[2] id='ecrin'``). Whether a question or option exists is checked
against the bundle when the chapter runs (:func:`analysis.report.findings.recommendations`).

Examples
--------
>>> [p.kind for p in placeholders("{share:q08:1|2} og {year}")]
['share', 'year']
>>> try:
...     placeholders("{kjennskap}")
... except ValueError as exc:
...     print(str(exc).split(";")[0])
unknown placeholder '{kjennskap}'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from analysis.paths import data_dir
from analysis.yaml_files import read_yaml, validate

RECOMMENDATIONS_FILE = "recommendations.yaml"

#: Placeholder kinds and how many ``:``-separated arguments each takes (low, high).
KINDS = {"year": (0, 0), "previous_year": (0, 0), "indicator": (1, 2), "share": (2, 2),
         "count": (2, 2), "n": (1, 1), "mean": (1, 1), "category": (2, 2)}
INDICATOR_FIELDS = ("previous", "change", "verdict")
_BRACED = re.compile(r"\{([^{}]*)\}")
_QID = re.compile(r"^q\d\d$")
_HELP = ("write {indicator:ID[:previous|change|verdict]}, {share:qNN:OPTION|OPTION}, "
         "{count:qNN:OPTION}, {n:qNN}, {mean:qNN}, {category:qNN:NAME}, {year} or "
         "{previous_year}")


class FindingsFileError(ValueError):
    """``recommendations.yaml`` is missing, not YAML, or breaks its schema."""


@dataclass(frozen=True)
class Placeholder:
    """One ``{kind:arg:...}`` of a recommendation text."""

    raw: str
    kind: str
    args: tuple[str, ...]

    @property
    def options(self) -> list[str | int]:
        """The ``A|B`` argument of share/count as option keys (digits -> rating scores)."""
        return [int(o) if o.strip().isdigit() else o.strip() for o in self.args[1].split("|")]


def placeholders(text: str) -> list[Placeholder]:
    """The placeholders of ``text`` in order.

    Raises
    ------
    ValueError
        On an unknown kind, a wrong number of arguments, a bad question id, or a brace that
        opens no placeholder (the message says what to write instead).
    """
    found = []
    for match in _BRACED.finditer(text):
        raw = match.group(0)
        kind, *args = match.group(1).split(":")
        if kind not in KINDS or not KINDS[kind][0] <= len(args) <= KINDS[kind][1] or \
                any(not a.strip() for a in args):
            raise ValueError(f"unknown placeholder {raw!r}; {_HELP}")
        if kind in ("share", "count", "n", "mean", "category") and not _QID.match(args[0]):
            raise ValueError(f"placeholder {raw!r}: {args[0]!r} is not a question id (q01-q22)")
        if kind == "indicator" and len(args) == 2 and args[1] not in INDICATOR_FIELDS:
            raise ValueError(f"placeholder {raw!r}: {args[1]!r} is not one of "
                             f"{', '.join(INDICATOR_FIELDS)}")
        found.append(Placeholder(raw, kind, tuple(args)))
    if "{" in _BRACED.sub("", text) or "}" in _BRACED.sub("", text):
        raise ValueError(f"a brace outside a placeholder in {text[:60]!r}; {_HELP}")
    return found


def _no_typed_digits(text: str) -> str:
    placeholders(text)
    bare = _BRACED.sub("", text)
    if re.search(r"\d", bare):
        raise ValueError("a number typed into the text; cite it with a placeholder "
                         f"(got {bare.strip()[:60]!r})")
    return text


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Indicator(_Strict):
    """One key figure: the share choosing ``options`` of ``question`` (of those who answered)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    label: str = Field(min_length=1, description="What the share is of, as the figure shows it")
    question: str = Field(pattern=r"^q\d\d$")
    options: list[str | int] = Field(min_length=1,
                                     description="Option labels, short labels or scores")
    section: str | None = Field(None, pattern=r"^sec-[a-z0-9-]+$")


class Recommendation(_Strict):
    """One recommendation: authored title and text, the finding that motivates it."""

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$")
    title: str = Field(min_length=1)
    text: str = Field(min_length=1)
    who: str = Field(min_length=1, max_length=60,
                     description="Who acts, as the text names them (shown on the slide)")
    finding: str = Field(pattern=r"^[a-z][a-z0-9-]*$",
                         description="An indicator id, or a fig-/tbl- label of the book")
    section: str = Field(pattern=r"^sec-[a-z0-9-]+$")

    @field_validator("title", "who")
    @classmethod
    def _title_types_no_number(cls, value: str) -> str:
        return _no_typed_digits(value)

    @field_validator("text")
    @classmethod
    def _cites_computed_values(cls, value: str) -> str:
        _no_typed_digits(value)
        if not placeholders(value):
            raise ValueError("the text cites no computed value; add a placeholder")
        return value


class FindingsFile(_Strict):
    """The whole file: indicators first, then recommendations."""

    indicators: list[Indicator] = Field(min_length=1)
    recommendations: list[Recommendation] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> FindingsFile:
        problems = []
        for key, items in (("indicators", self.indicators),
                           ("recommendations", self.recommendations)):
            ids = [item.id for item in items]
            problems += [f"{key}: id {i!r} appears twice" for i in sorted(set(ids))
                         if ids.count(i) > 1]
        known = {i.id: i for i in self.indicators}
        for pos, rec in enumerate(self.recommendations):
            where = f"recommendations[{pos}] id={rec.id!r}"
            cited = placeholders(rec.title) + placeholders(rec.text)
            for ph in cited:
                if ph.kind == "indicator" and ph.args[0] not in known:
                    problems.append(f"{where}: placeholder {ph.raw!r} names no indicator "
                                    f"(known: {', '.join(known)})")
            if rec.finding.startswith(("fig-", "tbl-")):
                continue
            if rec.finding not in known:
                problems.append(f"{where}.finding: {rec.finding!r} is neither an indicator "
                                f"nor a fig-/tbl- label (indicators: {', '.join(known)})")
            elif not any((p.kind == "indicator" and p.args[0] == rec.finding)
                         or (p.kind != "indicator" and p.args
                             and p.args[0] == known[rec.finding].question) for p in cited):
                problems.append(f"{where}: the text does not cite its finding "
                                f"{rec.finding!r}; add {{indicator:{rec.finding}}}")
        if problems:
            raise ValueError("; ".join(problems))
        return self


def findings_path(root: Path | None = None) -> Path:
    """``data/recommendations.yaml`` under the project root."""
    return data_dir(root) / RECOMMENDATIONS_FILE


def load_findings_file(path: Path) -> FindingsFile:
    """Read and validate the file.

    Raises
    ------
    FindingsFileError
        If the file is missing, not YAML, or breaks the schema (every problem located).
    """
    raw = read_yaml(path, FindingsFileError, "recommendations file")
    return validate(FindingsFile, raw, path, FindingsFileError, "recommendations schema")
