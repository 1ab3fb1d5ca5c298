"""Cells of the annex as data: the printed text of a table cell -> a number and its format.

The book prints Norwegian text ("33 %", "3,98", "−10", "19–33 %", "155†"); an auditor wants to
sum and sort. Each cell becomes a number with an Excel number format where its text is one
(counts, shares, means, changes, p-values), a percent interval becomes two columns (lower and
upper bound), and anything else stays text exactly as printed (labels, "ukjent", "< 0,001").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from analysis.display.missing import CHOSEN_MARK

_NUMBER = r"[+\u2212-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})*(?:,\d+)?|[+\u2212-]?\d+(?:,\d+)?"
_PERCENT = re.compile(rf"^({_NUMBER})[ \u00a0\u202f]?%$")
_PLAIN = re.compile(rf"^({_NUMBER})$")
_RANGE = re.compile(r"^(\d+(?:,\d+)?)[\u2013-](\d+(?:,\d+)?)[ \u00a0\u202f]?%$")
#: Printed for a value that is not known or not asked: kept as text, allowed in a split column.
_BLANKS = {"", "ukjent", "–", "-", "ikke spurt"}


@dataclass(frozen=True)
class Cell:
    """One annex cell: ``value`` (int, float or str), its Excel ``number_format`` ("General"
    for text) and ``chosen``: the printed value carried the reconstruction's mark."""

    value: int | float | str
    number_format: str = "General"
    chosen: bool = False


def _decimals(text: str) -> int:
    return len(text.split(",")[1]) if "," in text else 0


def _to_number(text: str) -> int | float:
    clean = re.sub(r"[ \u00a0\u202f]", "", text).replace("\u2212", "-").replace(",", ".")
    return float(clean) if "." in clean else int(clean)


def _fraction_format(decimals: int, signed: bool) -> str:
    body = "0" + ("." + "0" * decimals if decimals else "")
    return f"+{body};-{body};{body}" if signed else body


def parse_cell(text: str) -> Cell:
    """The printed cell ``text`` as annex data.

    Examples
    --------
    >>> parse_cell("33\\u00a0%")
    Cell(value=0.33, number_format='0%', chosen=False)
    >>> parse_cell("\\u221210")
    Cell(value=-10, number_format='+0;-0;0', chosen=False)
    >>> parse_cell("155\\u2020").value, parse_cell("3,98").number_format
    (155, '0.00')
    >>> parse_cell("< 0,001").value
    '< 0,001'
    """
    chosen = text.endswith(CHOSEN_MARK)
    core = text.removesuffix(CHOSEN_MARK).strip() if chosen else text.strip()
    if match := _PERCENT.match(core):
        number = match.group(1)
        decimals = _decimals(number)
        value = round(_to_number(number) / 100, decimals + 2)
        return Cell(value, "0" + ("." + "0" * decimals if decimals else "") + "%", chosen)
    if _PLAIN.match(core):
        signed = core[0] in "+\u2212-"
        return Cell(_to_number(core), _fraction_format(_decimals(core), signed), chosen)
    return Cell(text)


def interval_bounds(text: str) -> tuple[Cell, Cell] | None:
    """A printed percent interval "19–33 %" as its two bounds (shares), else ``None``.

    >>> [c.value for c in interval_bounds("19\\u201333\\u00a0%")]
    [0.19, 0.33]
    """
    core = text.removesuffix(CHOSEN_MARK).strip()
    match = _RANGE.match(core)
    if not match:
        return None
    chosen = text.endswith(CHOSEN_MARK)
    low, high = (Cell(round(_to_number(g) / 100, _decimals(g) + 2),
                      "0" + ("." + "0" * _decimals(g) if _decimals(g) else "") + "%", chosen)
                 for g in match.groups())
    return low, high


def interval_columns(headers: list[str], rows: list[list[str]]) -> set[int]:
    """Columns whose every filled cell is a percent interval (and at least one is)."""
    out = set()
    for i, _ in enumerate(headers):
        cells = [r[i].strip() for r in rows if i < len(r)]
        filled = [c for c in cells if c not in _BLANKS]
        if filled and all(interval_bounds(c) for c in filled):
            out.add(i)
    return out


def typed_table(headers: list[str], rows: list[list[str]]) -> tuple[list[str], list[list[Cell]]]:
    """The table with every interval column split in two ("… nedre", "… øvre") and every cell
    parsed (:func:`parse_cell`)."""
    split = interval_columns(headers, rows)
    new_headers: list[str] = []
    for i, heading in enumerate(headers):
        new_headers += [f"{heading} nedre", f"{heading} øvre"] if i in split else [heading]
    new_rows = []
    for row in rows:
        cells: list[Cell] = []
        for i, text in enumerate(row):
            if i in split:
                bounds = interval_bounds(text)
                cells += list(bounds) if bounds else [Cell(text), Cell("")]
            else:
                cells.append(parse_cell(text))
        new_rows.append(cells)
    return new_headers, new_rows
