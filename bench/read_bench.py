"""Benchmark: read and validate a 100,000-respondent Forms export, and refuse a zip bomb.

Usage: ``python bench/read_bench.py [--respondents N] [--out DIR]``. Uses
``data/questionnaires/2025.yaml`` when it exists and loads, else the test questionnaire.
``PYTHONPATH=<other checkout> python bench/read_bench.py`` times that checkout's reader on the
same files (the before/after figures in docs/export-format.md were made so).
Each read runs in a child process that reports its own time and peak memory (``VmHWM``: unlike
``ru_maxrss`` it starts afresh at ``exec``, so the parent's memory does not count).
The second export is the largest the reader refuses: a 2 MB workbook whose shared strings
unpack to 418 MB. Targets on 2 cores: read <= 5 s and <= 1 GiB; the bomb refused at once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from analysis.ingest.forms_writer import write_forms_export
from analysis.paths import project_root, questionnaire_path
from analysis.questionnaire.load import load_questionnaire
from analysis.questionnaire.schema import QuestionType

# read_forms_export is the name every version of the reader has, so the same child can time
# an older checkout (PYTHONPATH=<old checkout>) for a before/after comparison.
_CHILD = """
import sys, time, warnings
from analysis.ingest import ExportError, read_forms_export
from analysis.questionnaire.load import load_questionnaire
q = load_questionnaire(sys.argv[2])
start, cpu = time.perf_counter(), time.process_time()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    try:
        export = read_forms_export(sys.argv[1], q)
        outcome = f"{len(export.long):,} long rows, {len(export.problems):,} warnings"
    except ExportError as error:
        outcome = "refused: " + str(error).split(": ", 1)[-1][:110]
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
status = open("/proc/self/status").read()
peak_kib = int(status.split("VmHWM:")[1].split()[0])
print(seconds, cpu, peak_kib, outcome, sep="\\t")
"""
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def pick_questionnaire() -> Path:
    """The 2025 questionnaire if it loads, else the integration-test questionnaire."""
    path = questionnaire_path(2025)
    try:
        load_questionnaire(path)
        return path
    except Exception:  # noqa: BLE001 - any failure means "not usable yet"
        return project_root() / "tests/integration/ingest/data/mini.yaml"


def fake_rows(questionnaire, count: int, seed: int = 2025) -> list[dict]:
    """Random but valid answers, about 10 % blank per question."""
    rng = random.Random(seed)
    t0 = dt.datetime(2025, 3, 1, 8, 0, 0)
    rows = []
    for i in range(1, count + 1):
        start = t0 + dt.timedelta(seconds=rng.randrange(30 * 86400))
        row = {"id": i, "start": start, "completion": start + dt.timedelta(minutes=7),
               "email": "anonymous"}
        for q in questionnaire.questions:
            if rng.random() < 0.1:
                continue
            labels = [o.label if not o.other else f"annet svar {rng.randrange(50)}"
                      for o in q.options]
            if q.type is QuestionType.SINGLE:
                row[q.id] = rng.choice(labels)
            elif q.type is QuestionType.MULTIPLE:
                k = rng.randint(q.min_choices or 1, min(q.max_choices or len(labels), len(labels)))
                row[q.id] = rng.sample(labels, k)
            elif q.type is QuestionType.RATING:
                row[q.id] = rng.choice(q.scale.points)
            else:
                row[q.id] = rng.choice(["Bra.", "Raskere svar, takk.", "Ingen kommentar"])
        rows.append(row)
    return rows


def write_shared_strings_bomb(path: Path, megabytes: int = 418) -> Path:
    """A small valid workbook whose shared-strings part unpacks to ``megabytes`` MB."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    pkg = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
                               'content-types"><Default Extension="xml" ContentType='
                               '"application/xml"/></Types>',
        "_rels/.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="r1" Type="{rel}/'
                       'officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{_MAIN}" xmlns:r="{rel}"><sheets><sheet '
                           'name="Sheet1" sheetId="1" r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{pkg}"><Relationship Id="r1" '
                                      f'Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/>'
                                      f'<Relationship Id="r2" Type="{rel}/sharedStrings" '
                                      'Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{_MAIN}"><sheetData><row r="1"><c '
                                    'r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
        with archive.open("xl/sharedStrings.xml", "w", force_zip64=True) as handle:
            handle.write(f'<sst xmlns="{_MAIN}"><si><t>ID</t></si>'.encode())
            block = b"<si><t>" + b"y" * 10**6 + b"</t></si>"
            for _ in range(megabytes):
                handle.write(block)
            handle.write(b"</sst>")
    return path


def _measure(path: Path, qpath: Path) -> tuple[float, float, float, str]:
    # The child runs outside the checkout, so that an explicit PYTHONPATH (another checkout)
    # comes before this one, which is appended.
    paths = [os.environ.get("PYTHONPATH"), str(project_root())]
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(p for p in paths if p))
    result = subprocess.run([sys.executable, "-c", _CHILD, str(path), str(qpath)], env=env,
                            cwd=path.parent, check=True, capture_output=True, text=True)
    seconds, cpu, peak_kib, outcome = result.stdout.strip().split("\t")
    return float(seconds), float(cpu), int(peak_kib) / 2**20, outcome


def main() -> int:
    """Write both exports, read each in a child process, print time and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=project_root() / "bench" / "out")
    args = parser.parse_args()
    qpath = pick_questionnaire()
    questionnaire = load_questionnaire(qpath)
    args.out.mkdir(parents=True, exist_ok=True)
    target = (args.out / f"forms_{args.respondents}.xlsx").resolve()
    start = time.perf_counter()
    write_forms_export(target, fake_rows(questionnaire, args.respondents), questionnaire)
    written = time.perf_counter() - start
    bomb = write_shared_strings_bomb((args.out / "shared_strings_bomb.xlsx").resolve())
    unpacked = sum(i.file_size for i in zipfile.ZipFile(bomb).infolist())
    print(f"questionnaire: {qpath.relative_to(project_root())} "
          f"({len(questionnaire.questions)} questions)")
    for label, path, size in [
        (f"{args.respondents:,} respondents", target, f"written in {written:.1f} s"),
        ("shared-strings bomb", bomb, f"unpacks to {unpacked / 1e6:,.0f} MB"),
    ]:
        seconds, cpu, peak, outcome = _measure(path, qpath)
        print(f"{label}: {path.stat().st_size / 2**20:.1f} MiB xlsx ({size})")
        print(f"  read time:   {seconds:6.2f} s    (target <= 5 s)   CPU time: {cpu:.2f} s")
        print(f"  peak memory: {peak:6.2f} GiB  (target <= 1 GiB)")
        print(f"  result:      {outcome}")
    print("A read time well above its CPU time means other processes were using the cores.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
