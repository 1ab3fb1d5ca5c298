"""Kernels forked from the fork server: each chapter gets a process and a namespace of its
own, with the libraries imported and the render's bundle loaded ahead; the server refuses
what a fork cannot honour and takes its kernels with it when it stops."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import nbformat
import pytest

from analysis import bundle_cache
from analysis.engine.book_execution import fork_kernels
from analysis.engine.chapter_kernel import ChapterKernel, kernel_env, kernel_interpreter
from analysis.engine.fork_server import ForkServer, ForkServerError
from analysis.engine.timing import Phases

pytestmark = pytest.mark.skipif(not fork_kernels(), reason="kernels are forked on Linux only")

PROBE = ("import json, os, sys\n"
         "print(json.dumps({'names': sorted(n for n in dir() if not n.startswith('__')),\n"
         "                  'pandas_loaded': 'pandas' in sys.modules,\n"
         "                  'pid': os.getpid(), 'cwd': os.getcwd(),\n"
         "                  'seen': getattr(sys, '_probe_mark', None)}))\n"
         "sys._probe_mark = 'left by an earlier chapter'")


@pytest.fixture
def server(tmp_path):
    bundle = bundle_cache.write({"marker": 7}, tmp_path / "bundle.pickle")
    env = kernel_env(tmp_path, {bundle_cache.ENV: str(bundle)})
    started = ForkServer(tmp_path, env, kernel_interpreter())
    started.load_bundle()
    yield started
    started.close()


def _run(server, root, *sources):
    kernel = ChapterKernel(root, Phases(), env={bundle_cache.ENV: server.env[bundle_cache.ENV]},
                           server=server)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(s) for s in sources])
    return kernel.execute(notebook, "probe.qmd").cells


def test_each_forked_kernel_starts_clean_in_a_process_of_its_own(server, tmp_path):
    first, loaded = _run(server, tmp_path, PROBE,
                         "from analysis import report\nprint(report.load())")
    (second,) = _run(server, tmp_path, PROBE)
    seen = [json.loads(cell.outputs[0]["text"]) for cell in (first, second)]
    assert first.execution_count == 1 and loaded.execution_count == 2
    assert all(s["pandas_loaded"] for s in seen)  # imported ahead, by the server
    assert all(set(s["names"]) <= {"In", "Out", "exit", "get_ipython", "json", "open", "quit",
                                   "os", "sys", "_", "_dh", "_i", "_i1", "_ih", "_ii", "_iii",
                                   "_oh"} for s in seen)
    assert seen[0]["pid"] != seen[1]["pid"] != os.getpid()
    assert seen[1]["seen"] is None  # nothing the first chapter did reaches the second
    assert seen[0]["cwd"] == str(tmp_path)
    assert loaded.outputs[0]["text"].strip() == "{'marker': 7}"  # the render's bundle


def test_a_cell_error_in_a_forked_kernel_names_the_chapter_and_line(server, tmp_path):
    from analysis.engine.errors import RenderError

    with pytest.raises(RenderError, match=r"probe\.qmd:.*ZeroDivisionError"):
        _run(server, tmp_path, "1 / 0")


def test_the_server_refuses_another_interpreter_or_startup_environment(server, tmp_path):
    argv = [*server.interpreter, "-m", "ipykernel_launcher", "-f", "k.json"]
    with pytest.raises(ForkServerError, match="PYTHONHASHSEED"):
        server.fork(argv, {**server.env, "PYTHONHASHSEED": "1"}, str(tmp_path))
    with pytest.raises(ForkServerError, match="interpreter"):
        server.fork(["/other/python", *argv[1:]], server.env, str(tmp_path))
    with pytest.raises(ForkServerError, match="not an ipykernel command line"):
        server.fork(["julia", "kernel.jl"], server.env, str(tmp_path))


def test_stopping_the_server_ends_the_kernels_it_forked(tmp_path):
    server = ForkServer(tmp_path, kernel_env(tmp_path, {}), kernel_interpreter())
    kernel = ChapterKernel(tmp_path, Phases(), server=server).start()
    pid = kernel.client.km.provisioner.pid
    assert server.poll(pid) is None  # running
    server.close()  # the render ends (or dies) without shutting the kernel down
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
    kernel.client.km = None  # already gone; nothing left to shut down
    kernel.close()  # removes its socket folder


@pytest.mark.parametrize("forked", [True, False], ids=["forked", "fresh"])
def test_a_kernel_talks_over_sockets_of_its_own_removed_when_it_closes(server, tmp_path,
                                                                        forked):
    # Unix sockets, not TCP ports another render's kernel could take between the choice of a
    # free port and the kernel's bind ("Address already in use").
    kernel = ChapterKernel(tmp_path, Phases(), server=server if forked else None).start()
    info = kernel.client.km.get_connection_info()
    folder = Path(kernel.sockets)
    assert info["transport"] == "ipc" and Path(info["ip"]).parent == folder
    assert len(list(folder.iterdir())) == 5  # shell, iopub, stdin, control, heartbeat
    kernel.close()
    assert not folder.exists()


def test_a_server_that_cannot_import_reports_why(tmp_path):
    env = kernel_env(tmp_path, {"PYTHONPATH": str(tmp_path)})
    (tmp_path / "pandas.py").write_text("raise ImportError('pandas is broken here')\n")
    server = ForkServer(tmp_path, env, [sys.executable])
    try:
        with pytest.raises(ForkServerError, match="pandas is broken here"):
            server.wait_ready()
    finally:
        server.close()
