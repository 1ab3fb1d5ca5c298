"""Write realistic Microsoft Forms exports (``.xlsx``, or ``.csv`` as a Norwegian Excel saves it).

Used by the reconstruction of bundled exports and by the tests. Output is byte-for-byte
deterministic: workbook timestamps are fixed and zip entries are rewritten with a fixed date.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell

from analysis.questionnaire.schema import Question, Questionnaire, QuestionType

#: Fixed leading columns by interface language (Forms localises them, not the questions).
FIXED_HEADERS = {
    "en": ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time"],
    "nb": ["ID", "Starttidspunkt", "Fullføringstidspunkt", "E-postadresse", "Navn",
           "Tidspunkt for siste endring"],
}
_FIXED_TIME = dt.datetime(2000, 1, 1)
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_TIME_FORMAT = "m/d/yy h:mm:ss"
_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def write_forms_export(path: str | Path, rows: Sequence[Mapping], questionnaire: Questionnaire,
                       *, language: str = "nb") -> Path:
    """Write answers as a Forms export: ``.xlsx``, or ``.csv`` (``;``, cp1252) by suffix.

    Parameters
    ----------
    path
        Target file; its suffix (``.xlsx`` or ``.csv``) picks the format.
    rows
        One dict per respondent: ``id`` (int), ``start`` and ``completion`` (datetime),
        ``email`` and ``name`` (str, optional; default ``anonymous`` and empty) and one key per
        question id: an option label (single), a list of labels (multiple; the typed text in
        place of the "other" label), an int (rating), a str (text), or ``None``/missing.
    questionnaire
        Gives the column titles (question texts) and the option order of multiple choices.
    language
        ``"nb"`` (Norwegian interface) or ``"en"``: the language of the fixed columns.

    Returns
    -------
    Path
        The file written.

    Raises
    ------
    ValueError
        For an unknown language or suffix, or (CSV) text that Windows-1252 cannot hold.
    """
    if language not in FIXED_HEADERS:
        raise ValueError(f"language must be one of {sorted(FIXED_HEADERS)}, not {language!r}")
    header = FIXED_HEADERS[language] + [q.text for q in questionnaire.questions]
    body = (
        [row["id"], row.get("start"), row.get("completion"), row.get("email", "anonymous"),
         row.get("name"), None, *(forms_cell(q, row.get(q.id)) for q in questionnaire.questions)]
        for row in rows
    )
    return write_table(path, header, body)


def forms_cell(question: Question, answer):
    """Return the cell Forms writes for one answer (``A;B;`` for multiple choice).

    Examples
    --------
    >>> from analysis.questionnaire.schema import Question
    >>> q = Question(id="q01", number=1, text="?", type="multiple",
    ...              options=[{"label": "A"}, {"label": "B"}, {"label": "Annet", "other": True}])
    >>> forms_cell(q, ["B", "egen tekst", "A"])
    'A;B;egen tekst;'
    """
    if answer is None:
        return None
    if question.type is not QuestionType.MULTIPLE:
        return answer
    order = {o.label: i for i, o in enumerate(question.options)}
    other = question.other_option
    rank = order[other.label] if other is not None else len(order)
    chosen = sorted(answer, key=lambda label: order.get(label, rank))
    return "".join(f"{label};" for label in chosen) or None


def write_table(path: str | Path, header: Sequence[str], rows: Iterable[Sequence]) -> Path:
    """Write a header and rows as a deterministic ``.xlsx`` (sheet ``Sheet1``) or ``.csv``.

    Tests use this directly to build exports with odd headers (NBSP, numbering, shuffles).

    Raises
    ------
    ValueError
        For a suffix other than ``.xlsx``/``.csv``, or CSV text outside Windows-1252.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".csv":
        path.write_bytes(_csv_bytes(header, rows))
    elif suffix == ".xlsx":
        path.write_bytes(_xlsx_bytes(header, rows))
    else:
        raise ValueError(f"{path.name}: suffix must be .xlsx or .csv")
    return path


def _xlsx_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    workbook = Workbook(write_only=True)
    workbook.properties.creator = "Microsoft Forms"
    workbook.properties.created = _FIXED_TIME
    workbook.properties.modified = _FIXED_TIME
    sheet = workbook.create_sheet("Sheet1")
    sheet.append([_cell(sheet, v) for v in header])
    for row in rows:
        sheet.append([_cell(sheet, v) for v in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _fix_zip_dates(buffer.getvalue())


def _cell(sheet, value):
    """A date cell for a time; a *text* cell for every string, also one that starts with
    ``=`` (openpyxl would write that as a formula, which Excel then runs); else the value."""
    if isinstance(value, dt.datetime):
        cell = WriteOnlyCell(sheet, value=value)
        cell.number_format = _TIME_FORMAT
        return cell
    if isinstance(value, str):
        cell = WriteOnlyCell(sheet, value=value)
        cell.data_type = "s"
        return cell
    return value


def _fix_zip_dates(data: bytes) -> bytes:
    """Rewrite a zip with fixed entry dates and a fixed ``modified`` property.

    ``zipfile`` stamps entries with the current time and openpyxl's save sets
    ``docProps/core.xml`` ``modified`` to now, whatever the workbook properties say.
    """
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_DATE)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = _MODIFIED.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(entry, content)
    return out.getvalue()


def _csv_bytes(header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    text = io.StringIO(newline="")
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    try:
        return text.getvalue().encode("cp1252")
    except UnicodeEncodeError as exc:
        raise ValueError(f"text {exc.object[exc.start:exc.end]!r} cannot be written in "
                         "Windows-1252 (the encoding of a Norwegian Excel CSV)") from exc


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        # What en-US Excel shows for Forms' date cells: m/d/yy h:mm:ss, no leading zeros.
        return f"{value.month}/{value.day}/{value:%y} {value.hour}:{value:%M:%S}"
    return str(value)
