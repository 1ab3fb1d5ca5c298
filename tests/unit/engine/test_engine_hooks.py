"""The engine finds the project's hooks through the one entry point, in any process."""

import subprocess
import sys

import pytest

from analysis.engine import hooks
from analysis.render_hooks import HOOKS


def test_the_installed_entry_point_is_the_projects_hooks():
    assert hooks.render_hooks() is HOOKS


def test_a_fresh_process_finds_the_same_hooks():
    # a kernel, the fork server or a Quarto hook script is a process of its own
    code = ("from analysis.engine.hooks import render_hooks; "
            "print(render_hooks().long_date('2025-09-30'))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "30. september 2025"


def test_no_installed_hooks_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(hooks.metadata, "entry_points", lambda group: [])
    hooks.render_hooks.cache_clear()
    try:
        with pytest.raises(hooks.HooksNotInstalledError, match="pip install -e"):
            hooks.render_hooks()
    finally:
        hooks.render_hooks.cache_clear()
