"""One spreadsheet per pack: the answers routed to it, with a column for follow-up.

Only answers released in ``data/signoff.yaml`` (and kept whole by the personal-data screen)
carry their text; the others are one row each saying why they are withheld, so the partner
sees how many there are, never what they say. Response ids are not written: a row is
numbered within its pack, so rows of two packs cannot be joined.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

COLUMNS = ["Nr.", "Spørsmål", "Svar", "Godkjent av", "Godkjent dato", "Holdt tilbake",
           "Oppfølging (fylles ut av mottaker)"]
_WIDTHS = [6, 10, 70, 20, 14, 32, 40]


def rows(answers: pd.DataFrame) -> list[list[str]]:
    """The sheet's rows for the routed answers of one pack (see
    :func:`analysis.packs.routing.routed_texts`)."""
    out = []
    for number, rec in enumerate(answers.itertuples(index=False), start=1):
        out.append([str(number), f"Spørsmål {int(rec.qid[1:])}",
                    rec.text if isinstance(rec.text, str) else "",
                    rec.approved_by if not rec.withheld else "",
                    rec.approved_on if not rec.withheld else "", rec.withheld, ""])
    return out


def write_workbook(path: Path, answers: pd.DataFrame, title: str) -> Path:
    """Write the routed answers of one pack to ``path`` (``.xlsx``); every cell is a string,
    so a respondent's ``=...`` is text, never a formula."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Svar"
    sheet.append([title])
    sheet["A1"].font = Font(bold=True)
    sheet.append(COLUMNS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    for row in rows(answers):
        sheet.append(row)
    for row in sheet.iter_rows(min_row=3):
        for cell in row:
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFG", _WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A3"
    book.properties.creator = "NorCRIN"
    path.parent.mkdir(parents=True, exist_ok=True)
    book.save(path)
    return path
