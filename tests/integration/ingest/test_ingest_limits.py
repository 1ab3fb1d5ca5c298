"""Size limits: a workbook that unpacks to hundreds of megabytes is refused from its zip
directory, quickly and with little memory; over-long cells and stray far-away cells are
refused with their location."""

import subprocess
import sys
import time
import tracemalloc

import pytest
from xlsx_builder import workbook_parts, write_bomb, write_parts

from analysis.ingest import ExportError, csv_reader, read_export
from analysis.ingest.forms_writer import write_table

LIMIT = "expected at most 268 MB unpacked (a survey export is far smaller)"


@pytest.fixture(scope="module")
def bombs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bombs")
    return {"shared": write_bomb(folder / "strings.xlsx", ["ID"], shared_mb=418),
            "cell": write_bomb(folder / "cell.xlsx", ["ID"], cell_mb=300)}


def _refused(path, mini):
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(ExportError) as caught:
        read_export(path, mini)
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert seconds < 1 and peak < 5 * 2**20, (seconds, peak)
    return str(caught.value)


def test_shared_strings_bomb_is_refused_unread(bombs, mini):
    assert bombs["shared"].stat().st_size < 2.5e6
    assert _refused(bombs["shared"], mini) == (
        "strings.xlsx: the workbook unpacks to 418.0 MB (part 'xl/sharedStrings.xml' alone "
        f"418.0 MB); it is refused unread; {LIMIT}")


def test_huge_cell_is_refused_unread(bombs, mini):
    assert bombs["cell"].stat().st_size < 1.5e6
    assert _refused(bombs["cell"], mini) == (
        "cell.xlsx: the workbook unpacks to 300.0 MB (part 'xl/worksheets/sheet1.xml' alone "
        f"300.0 MB); it is refused unread; {LIMIT}")


def test_cell_longer_than_excel_allows(tmp_path, mini):
    header = ["ID", "Fullføringstidspunkt", "Hvilken rolle har du?",
              "Har du brukt NorCRIN sine tjenester?", "Hvilke tjenester har du brukt?",
              "Hvor fornøyd var du – alt i alt?", "Har du andre kommentarer:"]
    rows = [[1, None, "Forsker", "Ja", None, 4, "x" * 40_000]]
    path = write_parts(tmp_path / "svar.xlsx", workbook_parts(header, rows))
    with pytest.raises(ExportError) as caught:
        read_export(path, mini)
    text = str(caught.value)
    assert text.startswith("svar.xlsx, sheet 'Sheet1', row 2, column G ('Har du andre "
                           "kommentarer:'): q05: the cell holds 40,000 characters; value 'xxx")
    assert text.endswith("... (40,000 characters)'; expected at most 32,767 characters "
                         "(Excel's limit for one cell)")


def test_csv_cell_past_the_field_limit(tmp_path, mini):
    path = tmp_path / "svar.csv"
    path.write_text("ID;Har du andre kommentarer:\n1;" + "x" * 200_000 + "\n", encoding="utf-8")
    with pytest.raises(ExportError) as caught:
        read_export(path, mini)
    assert str(caught.value) == (
        "svar.csv: a cell on line 2 holds more than 131,072 characters; expected at most "
        "32,767 characters in a cell (Excel's limit)")


def test_csv_file_too_large(tmp_path, mini, monkeypatch):
    monkeypatch.setattr(csv_reader, "MAX_UNPACKED_BYTES", 100)
    path = write_table(tmp_path / "svar.csv", ["ID", "Navn"], [[i, "x" * 10] for i in range(20)])
    with pytest.raises(ExportError) as caught:
        read_export(path, mini)
    assert str(caught.value) == "svar.csv: the CSV file is 0.0 MB; it is refused unread; " \
                                "expected at most 0 MB"


def test_stray_cell_far_from_the_table(tmp_path, mini_path):
    # python-calamine would allocate the range A1:XFD1048576 (512 GiB), or wrap a row past
    # 2^32, and abort the process; so the reads run in a child process, which must end with
    # the error messages.
    paths = []
    for ref in ["XFD1048576", "A99999999999", "AAAA1", "A1048577"]:
        parts = workbook_parts(["ID", "Hvilken rolle har du?"], [[1, "Forsker"]])
        sheet = parts["xl/worksheets/sheet1.xml"]
        parts["xl/worksheets/sheet1.xml"] = sheet.replace(
            b"</sheetData>", f'<row r="3"><c r="{ref}"><v>1</v></c></row></sheetData>'.encode())
        paths.append(str(write_parts(tmp_path / f"{ref}.xlsx", parts)))
    code = ("import sys; from analysis.ingest import read_export, ExportError; "
            "from analysis.questionnaire import load_questionnaire\n"
            "for path in sys.argv[2:]:\n"
            "    try: read_export(path, load_questionnaire(sys.argv[1]))\n"
            "    except ExportError as e: print(e)")
    result = subprocess.run([sys.executable, "-c", code, str(mini_path), *paths],
                            capture_output=True, text=True, timeout=60, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    damaged = "past Excel's last cell XFD1048576; expected an undamaged .xlsx workbook " \
              "(download or save the export again)"
    assert result.stdout.splitlines() == [
        "XFD1048576.xlsx, sheet 'Sheet1': the sheet's used range reaches cell XFD1048576 "
        "(17,179,869,184 cells); expected at most 20,000,000 cells: delete stray cells far from "
        "the table (Ctrl+End in Excel goes to the last used cell)",
        f"A99999999999.xlsx, sheet 'Sheet1': the sheet refers to cell 'A99999999999', {damaged}",
        f"AAAA1.xlsx, sheet 'Sheet1': the sheet refers to cell 'AAAA1', {damaged}",
        f"A1048577.xlsx, sheet 'Sheet1': the sheet refers to cell 'A1048577', {damaged}"]
