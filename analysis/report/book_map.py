"""Where the book shows each published figure, and what it printed there (the back-test).

``data/published/book-map.yaml`` (given, hand-kept) maps each ledger figure a chapter is meant
to show to one place: an inline expression (chapter + expression text, as ``trace`` lists it)
or a table cell (cell label + row label + column heading). Each entry says how the book shows
it: ``published`` (the printed value must lie within the published figure's rounding),
``corrected`` or ``inconsistent`` (deliberately different; the entry gives the reason and the
chapter sentence that tells the reader), or ``not-shown`` (with the reason).

This module reads the map and the *printed* values -- the executed chapter notebooks'
outputs and ``_book/inline-values.json`` -- so the back-test compares what readers see, not a
recomputation.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, model_validator

from analysis.display.markup import data_text, pipe_table_cells  # noqa: F401 (re-exported)
from analysis.paths import published_dir
from analysis.yaml_files import read_yaml, validate

BOOK_MAP_FILE = "book-map.yaml"


class BookMapError(ValueError):
    """The book map is missing, not YAML, or breaks its schema."""


class ShownAs(StrEnum):
    """How the book shows a published figure."""

    PUBLISHED = "published"  #: the printed value rounds to the published one
    CORRECTED = "corrected"  #: shown on a corrected basis (e.g. of respondents, not ticks)
    INCONSISTENT = "inconsistent"  #: in a proven conflicting set; the data cannot meet it
    NOT_SHOWN = "not-shown"  #: the book does not print it (say why)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Place(_Strict):
    """One place in the book: an inline expression, or a table cell."""

    chapter: str | None = Field(None, description="Chapter source, e.g. chapters/04-1-x.qmd")
    expression: str | None = Field(None, description="Inline expression text, as trace lists it")
    table: str | None = Field(None, pattern=r"^tbl-[a-z0-9-]+$")
    row: str | None = None
    column: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Place:
        given = {k for k in ("chapter", "expression", "table", "row", "column")
                 if getattr(self, k) is not None}
        if given not in ({"chapter", "expression"}, {"table", "row", "column"}):
            raise ValueError("give either chapter + expression, or table + row + column "
                             f"(got {sorted(given)})")
        return self

    def describe(self) -> str:
        """``chapter: expression`` or ``table [row / column]``."""
        if self.table:
            return f"{self.table} [{self.row} / {self.column}]"
        return f"{self.chapter}: {self.expression}"


class Entry(_Strict):
    """One ledger figure and where (and how) the book shows it."""

    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    shown_as: ShownAs = ShownAs.PUBLISHED
    where: Place | None = None
    reason: str | None = None
    explained_by: str | None = Field(
        None, description="A sentence of the chapter (as in its source) that tells the reader.")

    @model_validator(mode="after")
    def _complete(self) -> Entry:
        if self.shown_as is not ShownAs.NOT_SHOWN and self.where is None:
            raise ValueError(f"a {self.shown_as.value} figure needs `where`")
        if self.shown_as is not ShownAs.PUBLISHED and not self.reason:
            raise ValueError(f"a {self.shown_as.value} figure needs a `reason`")
        if self.shown_as in (ShownAs.CORRECTED, ShownAs.INCONSISTENT) and not self.explained_by:
            raise ValueError(f"a {self.shown_as.value} figure needs `explained_by`")
        return self


class BookMap(_Strict):
    """``book-map.yaml``: the figures the results chapters are meant to show."""

    sections: list[str] = Field(min_length=1,
                                description="Ledger sections the map covers (coverage base).")
    years: list[int] = Field(min_length=1)
    shown: list[Entry] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> BookMap:
        seen: set[str] = set()
        for entry in self.shown:
            if entry.id in seen:
                raise ValueError(f"figure {entry.id!r} is mapped twice")
            seen.add(entry.id)
        return self


def load_book_map(root: Path | None = None) -> BookMap:
    """Read and validate ``data/published/book-map.yaml``.

    Raises
    ------
    BookMapError
        If the file is missing, not YAML or breaks the schema (each problem located).
    """
    path = published_dir(root) / BOOK_MAP_FILE
    return validate(BookMap, read_yaml(path, BookMapError), path, BookMapError)


def printed_tables(notebooks: Mapping[str, Mapping]
                   ) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Every table the executed chapters print, by cell label (``tbl-...``).

    Parameters
    ----------
    notebooks : dict
        Chapter source -> executed notebook (nbformat), as the render engine left it.
    """
    tables = {}
    for notebook in notebooks.values():
        for cell in notebook["cells"]:
            label = cell.get("metadata", {}).get("qmd", {}).get("label", "")
            if cell["cell_type"] != "code" or not label.startswith("tbl-"):
                continue
            for output in cell.get("outputs", []):
                markdown = output.get("data", {}).get("text/markdown")
                if markdown and "|" in markdown:
                    tables[label] = pipe_table_cells(markdown)
                    break
    return tables


def printed_inline(inline_values: Path) -> dict[tuple[str, str], list[str]]:
    """``(chapter, expression) -> [values printed]`` from ``_book/inline-values.json``."""
    out: dict[tuple[str, str], list[str]] = {}
    for row in json.loads(inline_values.read_text(encoding="utf-8")):
        out.setdefault((row["chapter"], row["expression"]), []).append(row["value"])
    return out


def printed_value(place: Place, tables: dict, inline: dict) -> str:
    """The text the book prints at ``place``.

    Raises
    ------
    LookupError
        If the book has no such table, row, column or expression, or an expression prints
        different values at different places.
    """
    if place.table:
        if place.table not in tables:
            raise LookupError(f"no table {place.table} in the book")
        columns, rows = tables[place.table]
        if place.column not in columns:
            raise LookupError(f"{place.table} has no column {place.column!r} ({columns})")
        hits = [r for r in rows if r[0] == place.row]
        if len(hits) != 1:
            raise LookupError(f"{place.table}: {len(hits)} rows labelled {place.row!r} "
                              f"(rows: {[r[0] for r in rows]})")
        return hits[0][columns.index(place.column)]
    values = inline.get((place.chapter, place.expression))
    if not values:
        raise LookupError(f"no inline expression `{place.expression}` in {place.chapter}")
    if len(set(values)) != 1:
        raise LookupError(f"`{place.expression}` prints {sorted(set(values))} in {place.chapter}")
    return values[0]
