"""An author's YAML mistake in a given file the chapters read (the recommendations) stops the
render in the data check, before any chapter runs: file, line and column, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from analysis.engine.project import copy_project
from analysis.paths import project_root


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    root = copy_project(project_root(), tmp_path_factory.mktemp("yaml") / "project")
    path = root / "data" / "recommendations.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    (line,) = [i for i, text in enumerate(lines) if text.strip() == "indicators:"]
    # an unclosed flow sequence three lines below `indicators:` (a typical slip)
    lines[line + 3] = lines[line + 3].replace("question: q03", "question: [q03")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root, line + 4


def test_render_stops_with_file_line_and_column(broken):
    root, edited = broken
    env = {**os.environ, "NORCRIN_ROOT": str(root), "PATH": "/usr/bin:/bin"}
    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "analysis", "render", "--engine", "builtin",
                             "--to", "html"], capture_output=True, text=True, env=env, cwd=root,
                            check=False)
    seconds = time.perf_counter() - start
    assert result.returncode == 2, result.stderr
    assert "recommendations.yaml:" in result.stderr and "not valid YAML" in result.stderr
    line = int(result.stderr.split("recommendations.yaml:")[1].split(":")[0])
    assert edited <= line <= edited + 2, result.stderr  # at or just after the slip
    assert "Traceback" not in result.stderr
    assert "executed" not in result.stdout  # no chapter ran
    assert not (root / "_book").exists()
    assert seconds < 60
