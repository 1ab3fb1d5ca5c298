"""Whether a process is still there, asked without signalling it (``kill(pid, 0)``)."""

from __future__ import annotations

import os


def process_exists(pid: int) -> bool:
    """True while ``pid`` names a process (also one of another user, which may not be
    signalled: ``PermissionError``).

    >>> process_exists(os.getpid())
    True
    """
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
