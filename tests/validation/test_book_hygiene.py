"""The book's own chapters pass the chapter linter (no typed figures, thin chapters, captions
with alt text, labelled cells); and the Python sources pass ruff."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis.paths import project_root
from analysis.qa import lint_book


def test_every_chapter_passes_the_linter():
    findings = lint_book(project_root())
    assert not findings, "\n".join(map(str, findings))


def test_sources_pass_ruff():
    ruff = Path(sys.executable).with_name("ruff")
    if not ruff.exists() and shutil.which("ruff") is None:
        pytest.skip("ruff is not installed in this environment")
    command = [str(ruff) if ruff.exists() else "ruff", "check", "analysis", "tests", "bench"]
    result = subprocess.run(command, cwd=project_root(), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
