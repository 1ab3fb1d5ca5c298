"""A bad export reads the same from every command: the located message, exit 2, and the
Python traceback only with --debug."""

from __future__ import annotations

import os
import subprocess
import sys

import openpyxl
import pytest

from analysis.engine.project import copy_project
from analysis.paths import project_root

LOCATED = "forms-2025.xlsx, sheet 'Sheet1', row 4, column I ('Hvor godt kjenner du NorCRIN?')"


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = copy_project(project_root(), tmp_path_factory.mktemp("broken") / "project")
    path = root / "data" / "reconstructed" / "forms-2025.xlsx"
    book = openpyxl.load_workbook(path)
    book.active["I4"] = "Kjenner den ikke, men liker logoen"
    book.save(path)
    return root


def _run(root, *args):
    env = {**os.environ, "NORCRIN_ROOT": str(root), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "analysis", *args], capture_output=True,
                          text=True, env=env, cwd=root, check=False)


@pytest.mark.parametrize("command", [
    ["summarize", "data/reconstructed/forms-2025.xlsx", "--questionnaire",
     "data/questionnaires/2025.yaml"],
    ["audit"],
    ["render", "--engine", "builtin", "--to", "html"],
])
def test_every_command_gives_the_located_message_and_exit_2(broken, command):
    result = _run(broken, *command)
    assert result.returncode == 2, result.stderr
    assert LOCATED in result.stderr
    assert "unknown option" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (broken / "_book").exists()


def test_debug_adds_the_traceback(broken):
    result = _run(broken, "--debug", "audit")
    assert result.returncode == 2
    assert "Traceback" in result.stderr and LOCATED in result.stderr


def test_a_ledger_edited_after_reconstruct_stops_with_the_stale_record(tmp_path):
    # the consistency half of the audit is stored by `reconstruct`; an edit since is named
    root = copy_project(project_root(), tmp_path / "project")
    ledger = root / "data" / "published" / "report-2025.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = _run(root, "audit")
    assert result.returncode == 2, result.stderr
    assert "ledger-consistency.yaml is stale: data/published/report-2025.yaml" in result.stderr
    assert "python -m analysis reconstruct" in result.stderr
    assert "Traceback" not in result.stderr
