"""Prepared kernels by fork: one process imports the libraries and loads the bundle once, then
forks a fresh kernel for each chapter.

Starting a kernel process and importing pandas, scipy, matplotlib, seaborn and the report layer
costs 2–3 s per chapter on a small machine, more than most chapters take to run. The render
therefore starts one *fork server* (``python -m analysis.engine.fork_server``, with the
kernels' environment and working directory) as soon as it starts. The server imports
:func:`analysis.engine.kernel.preload` and ipykernel while the render validates the data,
then loads the validated bundle the render stored (:mod:`analysis.bundle_cache`) once
(:func:`analysis.engine.kernel.load_bundle`). For each chapter it then forks a child that
becomes a new IPython kernel (``IPKernelApp``, the program ``python -m ipykernel_launcher``
runs) on the connection file jupyter_client wrote.

Each child serves one chapter and exits, so a chapter still starts from a clean state as
under Quarto: a process of its own with an empty namespace; what it shares with the server is
``sys.modules`` and the loaded bundle, which the chapter could also have imported and loaded
itself. Before the first fork the server calls :func:`gc.freeze`, so the children's garbage
collections skip the objects they inherited (and do not copy their memory pages by touching
them).

The protocol is one JSON object per line on the server's stdin and stdout:

* the server's first line says it is ready (or why it is not);
* ``{"op": "bundle"}`` loads the bundle;
* ``{"op": "fork", "argv": [...], "env": {...}, "cwd": "..."}`` answers ``{"pid": N}``;
* ``{"op": "poll", "pid": N}`` answers ``{"returncode": code or null}`` (only the server can
  reap its children).

When its stdin closes (the render ended, or died) the server terminates the children still
running and exits. Only the built-in engine uses it; Quarto starts its kernels itself.
:class:`ForkProvisioner` is the jupyter_client side: a kernel provisioner (jupyter_client's
extension point for how kernels are launched) whose "launch" asks the server for a fork.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import signal
import subprocess
import sys
import threading
import time
import traceback
import warnings
from pathlib import Path

from jupyter_client.provisioning import LocalProvisioner
from traitlets import Any

from analysis.engine.process_alive import process_exists

#: Environment variables that act when the interpreter starts, so a forked kernel cannot
#: take them from its launch request: they must already be the server's.
STARTUP_ENV = ("PYTHONHASHSEED", "PYTHONPATH", "PYTHONHOME", "PYTHONSAFEPATH", "MPLBACKEND",
               "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
#: the programs a kernel spec may launch that a fork can stand in for
KERNEL_MODULES = ("ipykernel_launcher", "ipykernel")


class ForkServerError(RuntimeError):
    """The fork server could not start, prepare or fork (the message says which and why)."""


# --------------------------------------------------------------------------------------------
# the server process


def serve() -> int:
    """Run the server loop on stdin/stdout (``python -m analysis.engine.fork_server``)."""
    reply_fd = os.dup(1)
    os.dup2(2, 1)  # anything printed by a library goes to stderr, never into the protocol
    requests = sys.stdin.buffer
    children: dict[int, int | None] = {}

    def reply(message: dict) -> None:
        os.write(reply_fd, (json.dumps(message) + "\n").encode("utf-8"))

    try:
        started = time.perf_counter()
        try:
            from analysis.engine.kernel import preload

            preload()
            # ipykernel's own modules (its debugger pulls in debugpy: a tenth of a second),
            # imported once here rather than in every kernel. A kernel imports them with its
            # stderr already sent to the notebook's (discarded) stream; here debugpy's
            # warning about frozen modules would reach the terminal, so it is dropped.
            with contextlib.redirect_stderr(io.StringIO()):
                import ipykernel.debugger  # noqa: F401
            import ipykernel.ipkernel  # noqa: F401
            import ipykernel.kernelapp  # noqa: F401
        except BaseException as exc:  # noqa: BLE001 - reported to the render, which raises
            reply({"error": _short(exc)})
            return 1
        reply({"ready": True, "seconds": round(time.perf_counter() - started, 3)})
        frozen = False
        for line in requests:
            request = json.loads(line)
            op = request.get("op")
            if op == "bundle":
                started = time.perf_counter()
                try:
                    from analysis.engine.kernel import load_bundle

                    load_bundle()
                except BaseException as exc:  # noqa: BLE001
                    reply({"error": _short(exc)})
                    continue
                reply({"ok": True, "seconds": round(time.perf_counter() - started, 3)})
            elif op == "fork":
                if not frozen:
                    gc.collect()
                    gc.freeze()  # the children's collections skip what they inherit
                    frozen = True
                with warnings.catch_warnings():
                    # Python >= 3.12 warns about forking a process that has threads. The
                    # server's only other threads are the BLAS library's worker pool, which
                    # OpenBLAS stops and restarts around a fork (as under multiprocessing's
                    # "fork" start method, which numpy users have long relied on).
                    warnings.filterwarnings("ignore", message=r".*use of fork\(\) may lead",
                                            category=DeprecationWarning)
                    pid = os.fork()
                if pid == 0:
                    os.close(reply_fd)
                    _become_kernel(request["argv"], request["env"], request["cwd"])
                children[pid] = None
                reply({"pid": pid})
            elif op == "poll":
                pid = int(request["pid"])
                reply({"returncode": _reap(children, pid)})
            else:
                reply({"error": f"unknown request {op!r}"})
    except KeyboardInterrupt:
        pass
    finally:
        _stop_children(children)
    return 0


def _reap(children: dict[int, int | None], pid: int) -> int | None:
    """The child's exit code if it has exited (reaping it), else None."""
    if children.get(pid) is not None or pid not in children:
        return children.get(pid, 0)
    try:
        done, status = os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        children[pid] = 0
        return 0
    if done == 0:
        return None
    children[pid] = os.waitstatus_to_exitcode(status)
    return children[pid]


def _stop_children(children: dict[int, int | None]) -> None:
    """Terminate the children still running, then kill those that do not stop."""
    running = [pid for pid in children if _reap(children, pid) is None]
    for pid in running:
        _signal_group(pid, signal.SIGTERM)
    deadline = time.monotonic() + 2.0
    while running and time.monotonic() < deadline:
        time.sleep(0.05)
        running = [pid for pid in running if _reap(children, pid) is None]
    for pid in running:
        _signal_group(pid, signal.SIGKILL)
        _reap(children, pid)


def _signal_group(pid: int, signum: int) -> None:
    try:
        os.killpg(pid, signum)  # each kernel leads its own session (see _become_kernel)
    except (ProcessLookupError, PermissionError):
        pass


def _become_kernel(argv: list[str], env: dict[str, str], cwd: str) -> None:
    """In the forked child: turn into the kernel ``argv`` describes, then exit (never returns).

    What ``python -m ipykernel_launcher ARGS`` and jupyter_client's launcher would have done
    is done here: a new session (so an interrupt reaches the kernel's process group only),
    stdin from ``/dev/null``, the environment and working directory of the request, the
    working directory off ``sys.path`` (IPython puts ``''`` back), then ``IPKernelApp``.
    """
    code = 1
    try:
        os.setsid()
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        os.environ.clear()
        os.environ.update(env)
        # The kernel's parent poller exits the kernel if this server goes away.
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
        os.chdir(cwd)
        if sys.path and sys.path[0] in ("", cwd, str(Path(cwd).resolve())):
            del sys.path[0]
        from ipykernel.kernelapp import IPKernelApp

        # (ipykernel reads JPY_PARENT_PID when it is imported, i.e. in the server: say it.)
        IPKernelApp.launch_instance(argv=[*split_command(argv)[1],
                                          f"--IPKernelApp.parent_handle={os.getppid()}"])
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:  # noqa: BLE001 - the child must never return into the server loop
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001
                pass
        os._exit(code)


def split_command(argv: list[str]) -> tuple[list[str], list[str]]:
    """``(interpreter, arguments)`` of a kernel spec's command line, which must run ipykernel
    as a module: ``python [options] -m ipykernel_launcher -f {connection_file} ...``.

    Examples
    --------
    >>> split_command(["/usr/bin/python3", "-Xfrozen_modules=off", "-m", "ipykernel_launcher",
    ...                "-f", "k.json"])
    (['/usr/bin/python3', '-Xfrozen_modules=off'], ['-f', 'k.json'])
    >>> split_command(["julia", "kernel.jl"])
    Traceback (most recent call last):
    ...
    analysis.engine.fork_server.ForkServerError: not an ipykernel command line: julia kernel.jl
    """
    for i in range(len(argv) - 1):
        if argv[i] == "-m" and argv[i + 1] in KERNEL_MODULES:
            return list(argv[:i]), list(argv[i + 2:])
    raise ForkServerError(f"not an ipykernel command line: {' '.join(argv)}")


def _short(exc: BaseException) -> str:
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


# --------------------------------------------------------------------------------------------
# the render's side


class ForkServer:
    """The render's handle on one fork server (see the module docstring).

    Parameters
    ----------
    root : Path
        The kernels' working directory (the project root, whose ``analysis`` package the
        server imports, as a kernel started there would).
    env : dict
        The kernels' environment (:func:`analysis.engine.chapter_kernel.kernel_env` and the bundle's
        variable); every kernel forked must ask for the same :data:`STARTUP_ENV`.
    interpreter : list of str
        The interpreter and its options from the kernel spec's command line (see
        :func:`split_command`); the server runs as that interpreter, so what the options set
        at start holds in every kernel forked from it.
    """

    def __init__(self, root: Path, env: dict[str, str], interpreter: list[str]) -> None:
        self.root = root
        self.env = dict(env)
        self.interpreter = list(interpreter)
        self._lock = threading.Lock()
        #: seconds the server's imports took; None until it has said it is ready
        self.import_seconds: float | None = None
        self.bundle_seconds = 0.0
        self._process = subprocess.Popen(
            [*self.interpreter, "-m", "analysis.engine.fork_server"], cwd=root, env=self.env,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=None, bufsize=0)

    def _request(self, message: dict | None) -> dict:
        """Send ``message`` (None: only read the next line) and return the answer."""
        with self._lock:
            if self._process.poll() is not None and message is not None:
                raise ForkServerError(f"the fork server exited ({self._process.returncode})")
            try:
                stdin, stdout = self._process.stdin, self._process.stdout
                assert stdin is not None and stdout is not None  # opened with PIPE
                if message is not None:
                    stdin.write((json.dumps(message) + "\n").encode("utf-8"))
                line = stdout.readline()
            except (BrokenPipeError, OSError) as exc:
                raise ForkServerError(f"the fork server is gone: {exc}") from None
        if not line:
            code = self._process.wait()
            raise ForkServerError(f"the fork server exited ({code}) without answering")
        answer = json.loads(line)
        if "error" in answer:
            what = (message or {}).get("op", "start")
            raise ForkServerError(f"fork server ({what}): {answer['error']}")
        return answer

    def wait_ready(self) -> None:
        """Block until the server has imported the libraries (idempotent)."""
        if self.import_seconds is None:
            self.import_seconds = float(self._request(None).get("seconds", 0.0))

    def load_bundle(self) -> None:
        """Have the server load the bundle its environment names."""
        self.wait_ready()
        self.bundle_seconds = float(self._request({"op": "bundle"}).get("seconds", 0.0))

    def fork(self, argv: list[str], env: dict[str, str], cwd: str) -> ForkedProcess:
        """A new kernel process running ``argv`` (an ipykernel command line).

        Raises
        ------
        ForkServerError
            If ``env`` differs from the server's in a variable only read at interpreter
            start, or the server cannot fork.
        """
        interpreter, _ = split_command(argv)
        if interpreter != self.interpreter:
            raise ForkServerError(f"the kernel's interpreter {' '.join(interpreter)} is not the "
                                  f"fork server's ({' '.join(self.interpreter)})")
        differs = [n for n in STARTUP_ENV if env.get(n) != self.env.get(n)]
        if differs:
            raise ForkServerError(f"a forked kernel cannot change {', '.join(differs)}: "
                                  "they act when the interpreter starts")
        self.wait_ready()
        pid = int(self._request({"op": "fork", "argv": argv, "env": env, "cwd": cwd})["pid"])
        return ForkedProcess(pid, self)

    def poll(self, pid: int) -> int | None:
        """The exit code of kernel ``pid``, or None while it runs."""
        try:
            return self._request({"op": "poll", "pid": pid})["returncode"]
        except ForkServerError:
            return 0 if not process_exists(pid) else None

    def close(self) -> None:
        """Stop the server; it terminates the kernels still running (safe to call twice).
        One never waited for (:meth:`wait_ready`) forked none: killed, not left to import."""
        with contextlib.suppress(OSError):
            if self._process.stdin is not None:
                self._process.stdin.close()
        try:
            self._process.wait(timeout=0 if self.import_seconds is None else 10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()


class ForkedProcess:
    """The part of :class:`subprocess.Popen` a kernel provisioner uses, for a forked kernel."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, server: ForkServer) -> None:
        self.pid = pid
        self._server = server
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            self.returncode = self._server.poll(self.pid)
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        deadline = None if timeout is None else time.monotonic() + timeout
        while (code := self.poll()) is None:
            if timeout is not None and deadline is not None and time.monotonic() > deadline:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
            time.sleep(0.02)
        return code

    def send_signal(self, signum: int) -> None:
        if self.poll() is None:
            try:
                os.kill(self.pid, signum)
            except ProcessLookupError:
                pass

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)


class ForkProvisioner(LocalProvisioner):
    """jupyter_client's local provisioner, launching the kernel by a fork of ``server``.

    Everything else (ports, the connection file, signals, shutdown, cleanup) is
    ``LocalProvisioner``'s.
    """

    server = Any(help="the ForkServer that forks the kernel")

    async def launch_kernel(self, cmd: list[str], **kwargs):
        env = kwargs.get("env") or dict(os.environ)
        cwd = str(kwargs.get("cwd") or self.server.root)
        self.process = self.server.fork(list(cmd), dict(env), cwd)
        self.pid = self.pgid = self.process.pid  # the child leads its own session
        self.cwd = cwd
        return self.connection_info


if __name__ == "__main__":
    raise SystemExit(serve())
