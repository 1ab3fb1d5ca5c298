"""Execute a chapter notebook in a fresh Jupyter kernel (nbclient, kernel ``python3``)."""

from __future__ import annotations

import copy
import os
import re
from pathlib import Path

from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError
from nbformat import NotebookNode

from analysis.engine.errors import RenderError

_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(Error|Exception|Exit|Interrupt)\b:?")


def kernel_env(root: Path) -> dict[str, str]:
    """Environment of the kernel: the project root and fixed seeds for reproducible output."""
    env = dict(os.environ)
    env.update(
        NORCRIN_ROOT=str(root),
        PYTHONHASHSEED="0",
        SOURCE_DATE_EPOCH=env.get("SOURCE_DATE_EPOCH", "0"),
        MPLBACKEND="module://matplotlib_inline.backend_inline",
    )
    return env


def execute_notebook(
    notebook: NotebookNode, chapter: str, root: Path, timeout: int = 600
) -> NotebookNode:
    """Run every code cell of ``notebook`` and return an executed copy.

    Parameters
    ----------
    notebook : NotebookNode
        From :func:`analysis.engine.notebook.document_to_notebook`.
    chapter : str
        Chapter path relative to the project root, for messages.
    root : Path
        Project root: the kernel's working directory and ``NORCRIN_ROOT``.
    timeout : int
        Seconds allowed per cell.

    Returns
    -------
    NotebookNode
        A copy with outputs.

    Raises
    ------
    RenderError
        If a cell raises or times out, or the kernel dies; the message names the chapter file,
        the cell's label, its line in the ``.qmd`` and the traceback text.
    """
    executed = copy.deepcopy(notebook)
    client = NotebookClient(
        executed,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(root)}},
        allow_errors=False,
        record_timing=False,  # keeps the cached notebook free of timestamps
        # The kernel listens on loopback only; its TCP-without-encryption warning is noise here.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    try:
        client.execute(env=kernel_env(root))
    except (CellExecutionError, CellTimeoutError, DeadKernelError) as exc:
        raise RenderError(_failure_message(executed, chapter, exc)) from None
    return executed


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
