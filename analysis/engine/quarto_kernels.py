"""Warm kernels for real Quarto: the chapters Quarto executes run in kernels forked from the
built-in engine's fork server.

Quarto starts a fresh kernel for every chapter and every format (HTML, then Typst), and each
kernel imports pandas, scipy, matplotlib, seaborn and the report layer and loads the bundle
again: most of a cold Quarto render (docs/design-decisions.md, "Real Quarto in about a
minute"). ``python -m analysis render --engine quarto`` therefore runs Quarto inside
:func:`warm_kernels`:

- one :class:`~analysis.engine.fork_server.ForkServer` imports the libraries and loads the
  stored bundle once, as under the built-in engine;
- a thread of the render answers fork requests on a Unix socket (``NORCRIN_FORK_SOCKET``);
- ``JUPYTER_PATH`` names a folder under ``.cache/`` holding a kernel spec ``python3`` whose
  command is this module (``python -m analysis.engine.quarto_kernels -f {connection_file}``):
  it asks the socket for a kernel forked on that connection file and stands in for it (signals
  forwarded, its exit code returned) until it exits.

Quarto itself is unchanged: it still executes every cell and inline expression of every
chapter, with its own setup cell, and lays out every page; only the process its kernel runs in
was forked rather than started. A plain ``quarto render`` sets none of this and uses the
ordinary ``python3`` kernel; so does this launcher when the socket is missing or refuses (a
start-up variable differs, the server failed): it then becomes ``python -m
ipykernel_launcher`` itself.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import socketserver
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import NoReturn

#: The socket of the render's fork relay, in the environment of Quarto and its kernels.
SOCKET_ENV = "NORCRIN_FORK_SOCKET"
#: Where the kernel spec is written (git-ignored with the rest of ``.cache/``).
SPEC_DIR = Path(".cache") / "quarto-jupyter"
KERNEL_NAME = "python3"
#: The matplotlib backend ipykernel sets in a kernel's environment when none is given (a
#: start-up variable: the fork server must be started with the one its kernels ask for).
INLINE_BACKEND = "module://matplotlib_inline.backend_inline"


def write_kernel_spec(root: Path) -> Path:
    """Write the ``python3`` kernel spec that launches this module; return the folder to put
    on ``JUPYTER_PATH``."""
    folder = root / SPEC_DIR
    spec = folder / "kernels" / KERNEL_NAME / "kernel.json"
    spec.parent.mkdir(parents=True, exist_ok=True)
    spec.write_text(json.dumps({
        "argv": [sys.executable, "-m", "analysis.engine.quarto_kernels", "-f",
                 "{connection_file}"],
        "display_name": "Python 3 (forked by the NorCRIN render)",
        "language": "python",
        "metadata": {"debugger": False},
    }, indent=1) + "\n", encoding="utf-8")
    return folder


class _Relay(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
    daemon_threads = True

    def __init__(self, path: str, server, load_bundle: bool) -> None:
        self.fork_server = server
        self.load_bundle = load_bundle
        self.forked = 0
        self.refused: list[str] = []
        self._ready_lock = threading.Lock()
        self._ready = False
        super().__init__(path, _Handler)

    def prepare(self) -> None:
        """Wait for the server's imports and load the bundle, once (first request)."""
        with self._ready_lock:
            if not self._ready:
                self.fork_server.wait_ready()
                if self.load_bundle:
                    self.fork_server.load_bundle()
                self._ready = True


class _Handler(socketserver.StreamRequestHandler):
    """One launcher: a fork request, then polls and signals until its kernel exits."""

    def handle(self) -> None:
        from analysis.engine.fork_server import ForkServerError

        relay: _Relay = self.server  # type: ignore[assignment]
        process = None
        for line in self.rfile:
            request = json.loads(line)
            op = request.get("op")
            try:
                if op == "fork":
                    relay.prepare()
                    process = relay.fork_server.fork(request["argv"], request["env"],
                                                     request["cwd"])
                    relay.forked += 1
                    answer = {"pid": process.pid}
                elif op == "poll" and process is not None:
                    answer = {"returncode": process.poll()}
                elif op == "signal" and process is not None:
                    process.send_signal(int(request["signum"]))
                    answer = {"ok": True}
                else:
                    answer = {"error": f"unexpected request {op!r}"}
            except ForkServerError as exc:
                relay.refused.append(str(exc))
                answer = {"error": str(exc)}
            self.wfile.write((json.dumps(answer) + "\n").encode("utf-8"))
            self.wfile.flush()


@contextlib.contextmanager
def warm_kernels(root: Path, env: dict[str, str], log=print,
                 load_bundle: bool = False) -> Iterator[dict[str, str]]:
    """Start the fork server and its relay for one Quarto run; yield ``env`` with what
    makes Quarto's kernels forks (``JUPYTER_PATH``, :data:`SOCKET_ENV`).

    The server starts importing at once (beside Quarto's own start and pre-render hook) and,
    with ``load_bundle``, loads the bundle ``env`` names on the first fork. On leaving, the
    relay and the server stop (the server terminates any kernel still running).
    """
    from analysis.engine.fork_server import ForkServer

    server = ForkServer(root, {**env, "MPLBACKEND": env.get("MPLBACKEND", INLINE_BACKEND)},
                        [sys.executable])
    scratch = tempfile.mkdtemp(prefix="norcrin-fork-")
    path = os.path.join(scratch, "relay.sock")
    relay = _Relay(path, server, load_bundle)
    thread = threading.Thread(target=relay.serve_forever, name="fork-relay", daemon=True)
    thread.start()
    try:
        jupyter_path = os.pathsep.join(
            p for p in (str(write_kernel_spec(root)), env.get("JUPYTER_PATH")) if p)
        yield {**env, "JUPYTER_PATH": jupyter_path, SOCKET_ENV: path}
    finally:
        relay.shutdown()
        relay.server_close()
        server.close()
        with contextlib.suppress(OSError):
            os.unlink(path)
            os.rmdir(scratch)
        log(f"quarto: {relay.forked} chapter kernels forked from the fork server"
            + (f"; {len(relay.refused)} started plainly ({relay.refused[0]})"
               if relay.refused else ""))


# --------------------------------------------------------------------------------------------
# the launcher (the kernel spec's command)


def _plain_kernel(args: list[str]) -> NoReturn:
    """Become an ordinary ipykernel (never returns)."""
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *args])


def launch(args: list[str]) -> int:
    """Ask the relay for a forked kernel on these kernel arguments and wait for it; become an
    ordinary kernel if there is no relay or it refuses."""
    path = os.environ.get(SOCKET_ENV)
    if not path:
        _plain_kernel(args)
    try:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.connect(path)
    except OSError:
        _plain_kernel(args)
    reader = connection.makefile("rb")

    def ask(message: dict) -> dict:
        connection.sendall((json.dumps(message) + "\n").encode("utf-8"))
        line = reader.readline()
        if not line:
            raise OSError("the fork relay closed")
        return json.loads(line)

    env = {k: v for k, v in os.environ.items() if k != SOCKET_ENV}
    env.setdefault("MPLBACKEND", INLINE_BACKEND)  # what ipykernel sets when none is given
    argv = [sys.executable, "-m", "ipykernel_launcher", *args]
    answer = ask({"op": "fork", "argv": argv, "env": env, "cwd": os.getcwd()})
    if "pid" not in answer:
        connection.close()
        _plain_kernel(args)

    pending: list[int] = []  # signals to pass on (sent from the loop, not the handler)
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGQUIT):
        signal.signal(signum, lambda number, _frame: pending.append(number))
    while True:
        try:
            while pending:
                ask({"op": "signal", "signum": pending.pop(0)})
            code = ask({"op": "poll"}).get("returncode")
        except OSError:  # the render ended: its server stopped the kernel
            return 1
        if code is not None:
            return int(code)
        time.sleep(0.1)


if __name__ == "__main__":
    raise SystemExit(launch(sys.argv[1:]))
