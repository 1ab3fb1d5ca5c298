"""Damaged and hostile files, each built in the test: every one is refused with an ExportError
that names the file and what is wrong and what was expected -- never a Python traceback."""

import datetime as dt
import zipfile

import pytest
from xlsx_builder import workbook_parts, write_parts

from analysis.ingest import ExportError, read_export

HEADER = ["ID", "Starttidspunkt", "Fullføringstidspunkt", "E-postadresse", "Navn",
          "Hvilken rolle har du?", "Har du brukt NorCRIN sine tjenester?",
          "Hvilke tjenester har du brukt?", "Hvor fornøyd var du – alt i alt?",
          "Har du andre kommentarer:"]
T = dt.datetime(2025, 3, 3, 9, 15)
AGAIN = "expected an undamaged .xlsx workbook (download or save the export again)"


def _rows(first_id=1):
    return [[first_id, T, T, "anonymous", None, "Forsker", "Ja", "Monitorering;", 4, "Bra"],
            [first_id + 1, T, T, "anonymous", None, "Annet", "Nei", None, 5, None]]


def _parts(**kw):
    return workbook_parts(HEADER, _rows(), **kw)


def _error(path, mini) -> str:
    with pytest.raises(ExportError) as caught:
        read_export(path, mini)
    return str(caught.value)


def test_member_with_bad_crc(tmp_path, mini):
    path = write_parts(tmp_path / "svar.xlsx", _parts(), stored=True)
    data = bytearray(path.read_bytes())
    at = data.index(b"<v>4</v>")
    data[at + 3] = ord("5")  # one changed byte: the stored part no longer matches its CRC
    path.write_bytes(bytes(data))
    assert _error(path, mini) == (
        "svar.xlsx, sheet 'Sheet1': the workbook is damaged: part 'xl/worksheets/sheet1.xml' "
        f"fails its checksum (CRC); {AGAIN}")


def test_truncated_zip(tmp_path, mini):
    path = write_parts(tmp_path / "svar.xlsx", _parts())
    path.write_bytes(path.read_bytes()[:700])
    assert _error(path, mini) == (
        "svar.xlsx: the workbook is incomplete or damaged: the zip archive has no complete "
        f"directory (File is not a zip file); was the download interrupted?; {AGAIN}")


def test_html_page_saved_as_xlsx(tmp_path, mini):
    path = tmp_path / "svar.xlsx"
    path.write_bytes(b"\r\n<!DOCTYPE html>\n<html><head><title>Sign in</title></head></html>")
    assert _error(path, mini) == (
        "svar.xlsx: this is an HTML page (a web page saved under the export's name), not a "
        "spreadsheet; expected a .xlsx workbook or a .csv file, as Forms downloads it "
        "(download it again)")


def test_missing_workbook_relationship(tmp_path, mini):
    parts = _parts()
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(b'r:id="rId1"', b'r:id="rId7"')
    path = write_parts(tmp_path / "svar.xlsx", parts)
    assert _error(path, mini) == (
        "svar.xlsx, sheet 'Sheet1': the workbook is damaged: sheet 'Sheet1' refers to "
        "relationship 'rId7', which 'xl/_rels/workbook.xml.rels' does not define; " + AGAIN)


def test_missing_relationships_part(tmp_path, mini):
    parts = _parts()
    del parts["xl/_rels/workbook.xml.rels"]
    path = write_parts(tmp_path / "svar.xlsx", parts)
    assert _error(path, mini) == (
        "svar.xlsx: the workbook is damaged: its relationships part "
        "'xl/_rels/workbook.xml.rels' is missing, so no sheet can be found; " + AGAIN)


def test_missing_sheet_part(tmp_path, mini):
    parts = _parts()
    del parts["xl/worksheets/sheet1.xml"]
    path = write_parts(tmp_path / "svar.xlsx", parts)
    assert _error(path, mini) == (
        "svar.xlsx, sheet 'Sheet1': the workbook is damaged: sheet 'Sheet1' is stored in part "
        "'xl/worksheets/sheet1.xml', which is missing from the archive; " + AGAIN)


@pytest.mark.parametrize("part, cut, where", [
    ("xl/workbook.xml", b"</sheets>", "svar.xlsx: "),
    ("xl/styles.xml", b"</cellXfs>", "svar.xlsx, sheet 'Sheet1': "),
    ("xl/sharedStrings.xml", b"</si>", "svar.xlsx, sheet 'Sheet1': "),
])
def test_part_that_is_not_well_formed_xml(tmp_path, mini, part, cut, where):
    parts = _parts()
    parts[part] = parts[part].replace(cut, b"", 1)
    text = _error(write_parts(tmp_path / "svar.xlsx", parts), mini)
    assert text.startswith(f"{where}the workbook is damaged: part {part!r} is not well-formed "
                           "XML (mismatched tag, line 1, column ")
    assert text.endswith(AGAIN)


def test_shared_string_index_out_of_range(tmp_path, mini):
    parts = _parts()
    sheet = parts["xl/worksheets/sheet1.xml"]
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'<c r="G2" t="s"><v>',
                                                      b'<c r="G2" t="s"><v>99', 1)
    text = _error(write_parts(tmp_path / "svar.xlsx", parts), mini)
    assert text.startswith("svar.xlsx, sheet 'Sheet1', row 2, column G: the cell refers to a "
                           "shared string that does not exist; value '99")
    assert text.endswith("expected a whole number from 0 to 17 (the workbook has 18 shared "
                         "strings)")


def test_shared_string_index_not_a_number(tmp_path, mini):
    parts = _parts()
    sheet = parts["xl/worksheets/sheet1.xml"]
    start = sheet.index(b'<c r="F3" t="s"><v>') + len(b'<c r="F3" t="s"><v>')
    parts["xl/worksheets/sheet1.xml"] = sheet[:start] + b"x" + sheet[sheet.index(b"<", start):]
    assert _error(write_parts(tmp_path / "svar.xlsx", parts), mini) == (
        "svar.xlsx, sheet 'Sheet1', row 3, column F: the cell refers to a shared string that "
        "does not exist; value 'x'; expected a whole number from 0 to 17 (the workbook has 18 "
        "shared strings)")


def test_invalid_utf8_in_a_sheet(tmp_path, mini):
    parts = _parts(shared=False)
    parts["xl/worksheets/sheet1.xml"] = parts["xl/worksheets/sheet1.xml"].replace(
        b"Bra", b"Br\xe5", 1)  # Windows-1252 "å" in a part that must be UTF-8
    assert _error(write_parts(tmp_path / "svar.xlsx", parts), mini) == (
        "svar.xlsx, sheet 'Sheet1', row 2, column J: the sheet's XML is not valid UTF-8 (byte "
        "0xe5); expected UTF-8 text, as every spreadsheet program writes it")


@pytest.mark.parametrize("target", ["../../../etc/passwd", "file:///etc/passwd"])
def test_relationship_target_outside_the_archive(tmp_path, mini, target):
    parts = _parts()
    rels = parts["xl/_rels/workbook.xml.rels"]
    parts["xl/_rels/workbook.xml.rels"] = rels.replace(b"worksheets/sheet1.xml", target.encode())
    assert _error(write_parts(tmp_path / "svar.xlsx", parts), mini) == (
        "svar.xlsx, sheet 'Sheet1': the workbook is damaged or unsafe: sheet 'Sheet1' points "
        f"to {target!r}, outside the archive; " + AGAIN)


@pytest.mark.parametrize("value", [2**63, "9223372036854775808", 2**70])
def test_id_of_2_to_the_63_or_more(tmp_path, mini, value):
    rows = _rows()
    rows[1][0] = value
    path = write_parts(tmp_path / "svar.xlsx", workbook_parts(HEADER, rows))
    text = _error(path, mini)
    assert text.startswith("svar.xlsx, sheet 'Sheet1', row 3, column A ('ID'): response ID is "
                           "too large; value '")
    assert text.endswith("'; expected a positive integer below 2^63")


def test_csv_in_an_unknown_encoding(tmp_path, mini):
    path = tmp_path / "svar.csv"
    # 0x81 and 0x8d are undefined in Windows-1252 and not UTF-8 (here: an EBCDIC-like file).
    path.write_bytes(b"ID;Navn\r\n1;\x81\x8d\r\n")
    assert _error(path, mini) == (
        "svar.csv: the CSV is neither UTF-8 nor Windows-1252 (byte 0x81 at offset 11); "
        "expected UTF-8 or Windows-1252 (cp1252) text, as Excel saves CSV")


def test_not_a_zip_member_compression_we_know(tmp_path, mini):
    path = write_parts(tmp_path / "svar.xlsx", _parts())
    data = bytearray(path.read_bytes())
    # Mark every member as compressed with method 99 (AE-x encryption): unreadable.
    for signature, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        at = data.find(signature)
        while at >= 0:
            data[at + offset:at + offset + 2] = (99).to_bytes(2, "little")
            at = data.find(signature, at + 4)
    path.write_bytes(bytes(data))
    text = _error(path, mini)
    assert text.startswith("svar.xlsx: the workbook is damaged: part ")
    assert "cannot be unpacked" in text and text.endswith(AGAIN)


def test_zip_with_only_a_directory(tmp_path, mini):
    path = tmp_path / "svar.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/", "")
    assert _error(path, mini) == ("svar.xlsx: this is a zip archive but not an Excel workbook; "
                                  "expected a .xlsx workbook or a .csv file")
