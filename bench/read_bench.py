"""Benchmark: write a 100,000-respondent Forms export, then time reading it.

Usage: ``python bench/read_bench.py [--respondents N] [--out DIR]``. Uses
``data/questionnaires/2025.yaml`` when it exists and loads, else the test questionnaire.
The read runs in a child process so that its peak memory (``ru_maxrss``) is its own.
Targets on 2 cores: read <= 10 s, peak <= 1 GiB.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import resource
import subprocess
import sys
import time
from pathlib import Path

from analysis.ingest.forms_writer import write_forms_export
from analysis.paths import project_root, questionnaire_path
from analysis.questionnaire.load import load_questionnaire
from analysis.questionnaire.schema import QuestionType

_CHILD = """
import sys, time, warnings
from analysis.ingest import read_forms_export
from analysis.questionnaire.load import load_questionnaire
q = load_questionnaire(sys.argv[2])
start = time.perf_counter()
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    export = read_forms_export(sys.argv[1], q)
print(time.perf_counter() - start, len(export.long), len(export.problems))
"""


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


def main() -> int:
    """Write the export, read it in a child process, print time and peak memory."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--respondents", type=int, default=100_000)
    parser.add_argument("--out", type=Path, default=project_root() / "bench" / "out")
    args = parser.parse_args()
    qpath = pick_questionnaire()
    questionnaire = load_questionnaire(qpath)
    args.out.mkdir(parents=True, exist_ok=True)
    target = args.out / f"forms_{args.respondents}.xlsx"
    start = time.perf_counter()
    write_forms_export(target, fake_rows(questionnaire, args.respondents), questionnaire)
    written = time.perf_counter() - start
    result = subprocess.run([sys.executable, "-c", _CHILD, str(target), str(qpath)],
                            check=True, capture_output=True, text=True)
    seconds, long_rows, problems = result.stdout.split()
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    print(f"questionnaire: {qpath.relative_to(project_root())} "
          f"({len(questionnaire.questions)} questions)")
    print(f"respondents:   {args.respondents:,}  ({target.stat().st_size / 2**20:.1f} MiB xlsx, "
          f"written in {written:.1f} s)")
    print(f"read time:     {float(seconds):.2f} s   (target <= 10 s)")
    print(f"peak memory:   {peak_kib / 2**20:.2f} GiB  (target <= 1 GiB)")
    print(f"long rows:     {int(long_rows):,}; warnings: {problems}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
