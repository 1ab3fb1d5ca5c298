"""The kernels Quarto starts under ``render --engine quarto`` are forks of the fork server
(libraries imported ahead, a process and namespace of their own), found through the kernel
spec ``python3`` the render puts on ``JUPYTER_PATH``; without the render's relay the same
spec starts an ordinary kernel."""

from __future__ import annotations

import json
import os

import pytest
from jupyter_client.manager import start_new_kernel

from analysis.engine.book_execution import fork_kernels
from analysis.engine.chapter_kernel import kernel_env
from analysis.engine.quarto_kernels import SOCKET_ENV, warm_kernels

pytestmark = pytest.mark.skipif(not fork_kernels(), reason="kernels are forked on Linux only")

PROBE = ("import json, os, sys\n"
         "print(json.dumps({'pandas_loaded': 'pandas' in sys.modules, 'pid': os.getpid(),\n"
         "                  'names': sorted(n for n in dir() if not n.startswith('_'))}))\n"
         "sys._probe_mark = 1")


def _probe(monkeypatch, env: dict[str, str]) -> tuple[dict, list[str]]:
    """Start kernel ``python3`` as Quarto's Jupyter runner would (its environment inherited),
    run the probe, and return what it printed and the kernel spec's command."""
    for name in ("JUPYTER_PATH", SOCKET_ENV):
        if name in env:
            monkeypatch.setenv(name, env[name])
        else:
            monkeypatch.delenv(name, raising=False)
    manager, client = start_new_kernel(kernel_name="python3", env=env, startup_timeout=120)
    try:
        printed: list[str] = []
        client.execute_interactive(
            PROBE, timeout=60,
            output_hook=lambda msg: printed.append(msg["content"].get("text", "")))
        return json.loads("".join(printed)), list(manager.kernel_spec.argv)
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)


def test_quarto_kernels_are_forks_of_the_fork_server(tmp_path, monkeypatch):
    env = kernel_env(tmp_path)
    lines: list[str] = []
    with warm_kernels(tmp_path, env, lines.append) as quarto_env:
        assert (tmp_path / ".cache" / "quarto-jupyter" / "kernels" / "python3").is_dir()
        first, argv = _probe(monkeypatch, quarto_env)
        second, _ = _probe(monkeypatch, quarto_env)
    assert argv[1:3] == ["-m", "analysis.engine.quarto_kernels"]
    assert first["pandas_loaded"] and second["pandas_loaded"]  # imported ahead, by the server
    assert first["pid"] != second["pid"] != os.getpid()
    assert "json" in first["names"] and "_probe_mark" not in second["names"]
    assert lines == ["quarto: 2 chapter kernels forked from the fork server"]


def test_without_the_relay_the_spec_starts_an_ordinary_kernel(tmp_path, monkeypatch):
    env = kernel_env(tmp_path)
    with warm_kernels(tmp_path, env, lambda line: None) as quarto_env:
        plain = {k: v for k, v in quarto_env.items() if k != SOCKET_ENV}
        seen, argv = _probe(monkeypatch, plain)
    assert argv[1:3] == ["-m", "analysis.engine.quarto_kernels"]
    assert not seen["pandas_loaded"]  # a new interpreter, nothing imported ahead
