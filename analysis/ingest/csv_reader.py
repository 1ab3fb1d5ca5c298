"""Read the cells of a ``.csv`` export: decode, pick the delimiter, split into records.

Text is decoded as UTF-8 first (with or without BOM), then as Windows-1252 (what a Norwegian
Excel writes); UTF-16 with a BOM (Excel's "Unicode text") is accepted too. Text with mojibake
is refused. The delimiter is the one under which the header shows the most known columns
(fixed Forms columns or Nettskjema metadata columns).
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np

from analysis.ingest.headers import fixed_role
from analysis.ingest.limits import MAX_CELL_CHARS, MAX_UNPACKED_BYTES
from analysis.ingest.nettskjema import is_metadata
from analysis.ingest.problems import ProblemLog

# UTF-8 bytes of æ, ø, å, é, NBSP, curly quotes ... read as cp1252 and saved again.
_MOJIBAKE = re.compile("[\u00c3\u00c2][\u00a0-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d"
                       "\u017e\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026"
                       "\u2030\u2039\u203a\u20ac\u2122]|\u00e2\u20ac")
_DELIMITERS = (";", ",", "\t")
_EXPECTED = "UTF-8 or Windows-1252 (cp1252) text, as Excel saves CSV"


def decode_csv(data: bytes, log: ProblemLog) -> str:
    """Decode CSV bytes: UTF-16 with BOM, UTF-8 (with or without BOM), else Windows-1252.

    Raises
    ------
    ExportError
        When the bytes are none of these, or the text carries mojibake such as ``Ã¸``.
    """
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise log.fail(f"the CSV is neither UTF-8 nor Windows-1252 (byte "
                           f"0x{data[exc.start]:02x} at offset {exc.start})",
                           expected=_EXPECTED) from exc
    if "\x00" in text:
        raise log.fail("this is a binary file, not CSV text", expected=_EXPECTED)
    found = _MOJIBAKE.search(text)
    if found:
        line = text.count("\n", 0, found.start()) + 1
        raise log.fail(f"the text is garbled on line {line} ({found.group()!r}): UTF-8 "
                       "that was read as Windows-1252 and saved again", expected=_EXPECTED)
    return text


def read_csv_cells(path: Path, log: ProblemLog) -> tuple[np.ndarray, np.ndarray]:
    """Read a CSV export into cells (header first) and the row number of each.

    Returns
    -------
    tuple
        An object array with one row per record (``str``, ``None`` for blank cells), padded or
        cut to the header's width, and each record's row number (the header is row 1).

    Raises
    ------
    ExportError
        For a file over ``MAX_UNPACKED_BYTES``, undecodable text, or a record the csv module
        cannot split (e.g. a cell longer than its field limit).
    """
    size = path.stat().st_size
    if size > MAX_UNPACKED_BYTES:
        raise log.fail(f"the CSV file is {size / 1e6:,.1f} MB; it is refused unread",
                       kind="too_large",
                       expected=f"at most {MAX_UNPACKED_BYTES / 1e6:,.0f} MB")
    text = decode_csv(path.read_bytes(), log)
    records = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    try:
        rows = [[v if v.strip() else None for v in record] for record in records]
    except csv.Error as exc:
        line = records.line_num
        if "field limit" in str(exc):
            raise log.fail(f"a cell on line {line} holds more than {csv.field_size_limit():,} "
                           "characters", kind="too_large",
                           expected=f"at most {MAX_CELL_CHARS:,} characters in a cell "
                                    "(Excel's limit)") from exc
        raise log.fail(f"the CSV cannot be split into cells on line {line} ({exc})",
                       expected=_EXPECTED) from exc
    if rows and rows[0]:
        rows[0] = [None if h is None else h.strip("\ufeff") for h in rows[0]]
    width = len(rows[0]) if rows else 0
    cells = np.empty((len(rows), width), dtype=object)
    for i, row in enumerate(rows):
        row = row[:width]
        cells[i, :len(row)] = row
    # csv counts records, not lines: a quoted header cell with newlines is still row 1.
    return cells, np.arange(1, len(rows) + 1, dtype=np.int64)


def _sniff_delimiter(text: str) -> str:
    """Pick the delimiter under which the first record shows the most known columns."""
    head = text[:65536]

    def score(delimiter: str) -> tuple[int, int]:
        first = next(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter), [])
        known = sum(fixed_role(c) is not None or is_metadata(c) for c in first)
        return known, len(first)

    return max(_DELIMITERS, key=score)
