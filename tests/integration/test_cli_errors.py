"""A bad export reads the same from every command: the located message, exit 2, and the
Python traceback only with --debug."""

from __future__ import annotations

import subprocess

import openpyxl
import pytest

from analysis.cli import main
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


@pytest.fixture
def run(monkeypatch, capfd):
    """Factory: ``run(root, *args)`` is ``python -m analysis *args`` in the project ``root``,
    run in this process through :func:`analysis.cli.main` (all ``python -m analysis`` runs),
    so the commands' imports are paid once per session; its exit status and output, read at
    the file descriptors."""

    def call(root, *args: str) -> subprocess.CompletedProcess:
        monkeypatch.setenv("NORCRIN_ROOT", str(root))
        monkeypatch.setenv("PATH", "/usr/bin:/bin")
        # --debug sets NORCRIN_DEBUG: absent here, and absent again after the test (delenv
        # alone would not record an absent variable, so set it first)
        monkeypatch.setenv("NORCRIN_DEBUG", "")
        monkeypatch.delenv("NORCRIN_DEBUG")
        monkeypatch.chdir(root)
        capfd.readouterr()
        try:
            code = main(list(args))
        except SystemExit as exc:  # argparse's errors
            code = exc.code
        out, err = capfd.readouterr()
        return subprocess.CompletedProcess(list(args), code, out, err)

    return call


@pytest.mark.parametrize("command", [
    ["summarize", "data/reconstructed/forms-2025.xlsx", "--questionnaire",
     "data/questionnaires/2025.yaml"],
    ["audit"],
    ["render", "--engine", "builtin", "--to", "html"],
])
def test_every_command_gives_the_located_message_and_exit_2(broken, run, command):
    result = run(broken, *command)
    assert result.returncode == 2, result.stderr
    assert LOCATED in result.stderr
    assert "unknown option" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (broken / "_book").exists()


def test_debug_adds_the_traceback(broken, run):
    result = run(broken, "--debug", "audit")
    assert result.returncode == 2
    assert "Traceback" in result.stderr and LOCATED in result.stderr


def test_a_ledger_edited_after_reconstruct_stops_with_the_stale_record(tmp_path, run):
    # the consistency half of the audit is stored by `reconstruct`; an edit since is named
    root = copy_project(project_root(), tmp_path / "project")
    ledger = root / "data" / "published" / "report-2025.yaml"
    ledger.write_text(ledger.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    result = run(root, "audit")
    assert result.returncode == 2, result.stderr
    assert "ledger-consistency.yaml is stale: data/published/report-2025.yaml" in result.stderr
    assert "python -m analysis reconstruct" in result.stderr
    assert "Traceback" not in result.stderr
