"""Execute a chapter notebook in a fresh Jupyter kernel (nbclient, kernel ``python3``)."""

from __future__ import annotations

import copy
import os
import re
import shutil
import tempfile
import time
import uuid
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbformat import NotebookNode

from analysis.engine.errors import RenderError
from analysis.engine.fork_server import ForkProvisioner, ForkServer, split_command
from analysis.engine.timing import Phases

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b:?")


def kernel_env(root: Path, extra: dict[str, str | None] | None = None) -> dict[str, str]:
    """Environment of the kernel: the project root and fixed seeds for reproducible output,
    with ``extra`` on top (a ``None`` value removes an inherited variable)."""
    env = dict(os.environ)
    env.update(
        NORCRIN_ROOT=str(root),
        PYTHONHASHSEED="0",
        SOURCE_DATE_EPOCH=env.get("SOURCE_DATE_EPOCH", "0"),
        MPLBACKEND="module://matplotlib_inline.backend_inline",
    )
    for name, value in (extra or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


#: the kernel spec every chapter runs in (ipykernel's, in the project's environment)
KERNEL_NAME = "python3"


def kernel_interpreter() -> list[str] | None:
    """The interpreter (and its options) :data:`KERNEL_NAME`'s command line starts, or None if
    that kernel is not ipykernel run as a module (then no kernel is forked)."""
    from jupyter_client.manager import KernelManager

    try:
        return split_command(KernelManager(kernel_name=KERNEL_NAME).format_kernel_cmd())[0]
    except Exception:  # noqa: BLE001 - no such spec, or another kind of kernel
        return None


class _TimedClient(NotebookClient):
    """An nbclient client that adds each cell's seconds to a :class:`Phases` (outside the
    notebook, which stays free of timestamps)."""

    phases: Phases | None = None

    async def async_execute_cell(self, cell, cell_index, execution_count=None,
                                 store_history=True):
        start = time.perf_counter()
        try:
            return await super().async_execute_cell(cell, cell_index, execution_count,
                                                    store_history)
        finally:
            if self.phases is not None:
                self.phases.add(cell_phase(cell), time.perf_counter() - start)


def cell_phase(cell: NotebookNode) -> str:
    """Which phase a cell's time counts to: the engine bootstrap, the chapter's setup cell
    (its imports and ``report.load()``), inline values, figure cells or other cells."""
    meta = cell.get("metadata", {}).get("qmd", {})
    if cell.get("cell_type") != "code":
        return "other"
    if meta.get("kind") == "setup":
        return "bootstrap cell"
    if meta.get("kind") == "inline":
        return "inline values"
    if "setup" in str(meta.get("label", "")):
        return "setup cell"
    if any("image/png" in o.get("data", {}) for o in cell.get("outputs", [])):
        return "figure cells"
    return "cells"


class ChapterKernel:
    """One fresh kernel for one chapter: started (a new process, or forked from a fork server),
    used for that chapter once, shut down.

    Parameters
    ----------
    root : Path
        Project root: the kernel's working directory and ``NORCRIN_ROOT``.
    phases : Phases
        Receives ``kernel start``, ``imports``, ``bundle load`` and the cells' phases.
    env : dict, optional
        Extra environment for the kernel (on top of :func:`kernel_env`); a ``None`` value
        removes the variable.
    timeout : int
        Seconds allowed per cell.
    server : ForkServer, optional
        Fork the kernel from this server (imports done, bundle loaded; see
        :mod:`analysis.engine.fork_server`) instead of starting a new process.
    """

    def __init__(self, root: Path, phases: Phases | None = None,
                 env: dict[str, str | None] | None = None, timeout: int = 600,
                 server: ForkServer | None = None) -> None:
        self.root = root
        self.server = server
        self.phases = phases or Phases()
        self.env = kernel_env(root, env)
        self.client = _TimedClient(
            nbformat.v4.new_notebook(),
            timeout=timeout,
            kernel_name=KERNEL_NAME,
            resources={"metadata": {"path": str(root)}},
            allow_errors=False,
            record_timing=False,  # keeps the cached notebook free of timestamps
            # The kernel listens on loopback only; its TCP-without-encryption warning is noise.
            extra_arguments=["--IPKernelApp.log_level=ERROR"],
        )
        self.client.phases = self.phases
        self.started = False
        self.sockets: str | None = None

    def start(self) -> ChapterKernel:
        """Start the kernel process and connect to it (idempotent)."""
        if not self.started:
            with self.phases.time("kernel start"):
                self.client.km = self.client.create_kernel_manager()
                # Unix sockets of the kernel's own, not TCP ports: jupyter_client picks free
                # ports and the kernel binds them later, and a kernel of another render started
                # in between can take one ("Address already in use"); a socket path is unique.
                # A folder of its own (short: a socket address has 108 bytes), removed on close.
                self.sockets = tempfile.mkdtemp(prefix="norcrin-kernel-")
                self.client.km.transport = "ipc"
                self.client.km.ip = os.path.join(self.sockets, "k")
                if self.server is not None:
                    km = self.client.km
                    km.kernel_id = str(uuid.uuid4())
                    km.provisioner = ForkProvisioner(kernel_id=km.kernel_id,
                                                     kernel_spec=km.kernel_spec, parent=km,
                                                     server=self.server)
                self.client.start_new_kernel(env=self.env)
                self.client.start_new_kernel_client()
            self.started = True
        return self

    def run_silent(self, code: str, phase: str, chapter: str = "") -> None:
        """Run ``code`` without a trace in the notebook: no output kept, no execution count,
        no history (used to import libraries ahead of the chapter).

        Raises
        ------
        RenderError
            If the code raises in the kernel.
        """
        self.start()
        kc = self.client.kc
        assert kc is not None  # start() connected the client
        with self.phases.time(phase):
            msg_id = kc.execute(code, silent=True, store_history=False, allow_stdin=False)
            reply = self.client.wait_for_reply(msg_id)
        content = (reply or {}).get("content", {})
        if content.get("status") != "ok":
            where = f"{chapter}: " if chapter else ""
            raise RenderError(f"{where}preparing the kernel ({phase}) failed: "
                              f"{content.get('ename', '?')}: {content.get('evalue', '')}")

    def execute(self, notebook: NotebookNode, chapter: str) -> NotebookNode:
        """Run every code cell of ``notebook`` in this kernel and return an executed copy;
        the kernel is shut down afterwards (each kernel serves one chapter).

        Raises
        ------
        RenderError
            If a cell raises or times out, or the kernel dies; the message names the chapter
            file, the cell's label, its line in the ``.qmd`` and the traceback text.
        """
        executed = copy.deepcopy(notebook)
        self.client.nb = executed
        try:
            self.start()
            self.client.execute()
        except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
            raise RenderError(_failure_message(executed, chapter, exc)) from None
        finally:
            self.close()
        return executed

    def close(self) -> None:
        """Shut the kernel down if it still runs (safe to call twice)."""
        if self.client.km is not None and self.started:
            try:
                self.client._cleanup_kernel()
            except Exception:  # noqa: BLE001 - best effort; the process may be gone already
                pass
        self.client.km = None
        if self.sockets is not None:
            shutil.rmtree(self.sockets, ignore_errors=True)
            self.sockets = None


def _failure_message(executed: NotebookNode, chapter: str, exc: Exception) -> str:
    """Point at the failing cell: the one with an error output, else the last one started."""
    target, traceback = None, _ANSI.sub("", str(exc))
    for cell in executed.cells:
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        if errors:
            target = cell
            traceback = _ANSI.sub("", "\n".join(errors[0].get("traceback", [])))
            break
        if cell.get("execution_count") is not None:
            target = cell  # a timeout leaves no error output behind
    meta = target.get("metadata", {}).get("qmd", {}) if target is not None else {}
    kind = "inline expression cell" if meta.get("kind") == "inline" else "cell"
    lines = [line.rstrip() for line in traceback.strip().splitlines() if line.strip()]
    # The short form: the cell's failing source line ("----> 3 y = x / 0") and every
    # exception of the chain ("NameError: ...", then what it caused), not the whole stack.
    causes = list(dict.fromkeys(line.strip() for line in lines if _EXCEPTION.match(line)))
    arrow = next((line.strip() for line in lines if line.lstrip().startswith("---->")), None)
    cause = " <- ".join(reversed(causes)) or (lines[-1].strip() if lines else type(exc).__name__)
    message = (f"{chapter}:{meta.get('line', '?')}: {kind} '{meta.get('label', '?')}' failed: "
               f"{cause}" + (f"\n  at {arrow}" if arrow else ""))
    if os.environ.get("NORCRIN_DEBUG") == "1":
        message += "\n" + traceback.strip()
    else:
        message += "\n(the kernel's traceback: add --debug)"
    return message
