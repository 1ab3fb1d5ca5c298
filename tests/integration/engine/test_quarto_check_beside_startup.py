"""The data check of ``render --engine quarto`` runs beside Quarto's start-up; Quarto's
pre-render hook waits for its outcome and stops Quarto on a data error before any chapter.

The hook is called as Quarto calls it (its ``pre`` function in a project), with the outcome
file the render would write; the whole path with real Quarto runs in ``make report`` and the
bench (a bad manifest: exit 2 with the located message, no chapter executed).
"""

from __future__ import annotations

import json
import os
import threading
import time

from conftest import write_book

from analysis.engine import quarto_hooks
from analysis.engine.quarto_check import OUTCOME_ENV, OWNER_ENV, PendingCheck


def test_the_hook_waits_for_the_outcome_and_stops_on_an_error(tmp_path, monkeypatch, capsys):
    root = write_book(tmp_path / "book")
    outcome = tmp_path / "outcome.json"
    monkeypatch.setenv(OUTCOME_ENV, str(outcome))
    monkeypatch.setenv(OWNER_ENV, str(os.getpid()))
    writer = threading.Timer(0.5, lambda: outcome.write_text(json.dumps({"error": "bad"})))
    writer.start()
    started = time.monotonic()
    assert quarto_hooks.pre(root) == 2
    assert time.monotonic() - started >= 0.4  # it waited for the render's check
    assert "data check failed" in capsys.readouterr().err


def test_the_hook_passes_once_the_check_passed(tmp_path, monkeypatch):
    root = write_book(tmp_path / "book")
    outcome = tmp_path / "outcome.json"
    outcome.write_text(json.dumps({"ok": True}))
    monkeypatch.setenv(OUTCOME_ENV, str(outcome))
    calls = []
    monkeypatch.setattr(quarto_hooks, "render_hooks", lambda: type(
        "Hooks", (), {"check_inputs": staticmethod(calls.append),
                      "input_errors": staticmethod(lambda: (ValueError,))})())
    assert quarto_hooks.pre(root) == 0
    assert calls == []  # the render checked; the hook does not check again


def test_the_hook_stops_when_the_render_is_gone(tmp_path, monkeypatch, capsys):
    root = write_book(tmp_path / "book")
    monkeypatch.setenv(OUTCOME_ENV, str(tmp_path / "never.json"))
    monkeypatch.setenv(OWNER_ENV, "999999999")  # no such process
    assert quarto_hooks.pre(root) == 2


def test_the_pending_check_writes_its_outcome_and_raises_the_error(tmp_path):
    root = write_book(tmp_path / "book")

    def failing(root_):
        raise ValueError("data/exports/MANIFEST.yaml:3:1: not valid YAML")

    pending = PendingCheck(root, failing)
    try:
        try:
            pending.result()
        except ValueError as exc:
            assert "MANIFEST.yaml:3:1" in str(exc)
        else:
            raise AssertionError("the check's error was not raised")
        assert json.loads(pending.outcome.read_text())["error"].startswith(
            "data/exports/MANIFEST.yaml:3:1")
        env = pending.env({})
        assert env[OUTCOME_ENV] == str(pending.outcome)
    finally:
        pending.close()
