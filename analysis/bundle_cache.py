"""The validated survey bundle, built once per render and read by every chapter's kernel.

Loading the bundle (both exports, questionnaires, ledger, with validation) takes about a second
and a half; a render needs it in every chapter. The render builds it once, writes it here with
:func:`write` (a pickle, under ``.cache/bundle/`` of the project, named by the hash of every
input the freeze cache hashes: data, ``analysis/`` source, package versions) and names the
file in :data:`ENV` for the kernels; :func:`analysis.report.load` then reads it with
:func:`from_env` instead of loading the data again. Without the variable (a chapter run
by Quarto, a test, a notebook) nothing changes: the bundle is loaded from the data.

The file is a pickle, so it is only ever read from the path the render itself wrote and put in
the environment; it is never shipped or taken from anyone else. This module imports neither
the engine nor the report layer: both use it.
"""

from __future__ import annotations

import io
import os
import pickle
import tempfile
import types
from pathlib import Path

#: Environment variable naming the pickled bundle a chapter's kernel should use.
ENV = "NORCRIN_BUNDLE_CACHE"
#: bump when what is pickled changes shape in a way the key does not see
FORMAT = 1


def _mappingproxy(mapping: dict) -> types.MappingProxyType:
    """Rebuild a read-only mapping (the bundle's immutable dicts) when unpickling."""
    return types.MappingProxyType(mapping)


class _Pickler(pickle.Pickler):
    # The bundle is immutable and holds MappingProxyType views, which pickle cannot store
    # by itself; this pickler alone (not the process-wide copyreg) knows how.
    dispatch_table = {types.MappingProxyType: lambda m: (_mappingproxy, (dict(m),))}


def dumps(bundle: object) -> bytes:
    """The bundle as pickle bytes (read-only mappings included).

    Examples
    --------
    >>> loads(dumps({"a": types.MappingProxyType({"b": 1})}))["a"]["b"]
    1
    """
    buffer = io.BytesIO()
    _Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((FORMAT, bundle))
    return buffer.getvalue()


def loads(data: bytes):
    """Inverse of :func:`dumps`; ``ValueError`` for another format version."""
    version, bundle = pickle.loads(data)  # noqa: S301 - our own file, see the module docstring
    if version != FORMAT:
        raise ValueError(f"bundle cache format {version}, expected {FORMAT}")
    return bundle


def path_for(root: Path, key: str) -> Path:
    """Where the bundle of the inputs hashed to ``key`` is kept."""
    return root / ".cache" / "bundle" / f"{key}.pickle"


def write(bundle: object, path: Path) -> Path:
    """Write ``bundle`` to ``path`` atomically (temporary file, then rename) and remove the
    other bundles beside it (stale keys)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as tmp:
            tmp.write(dumps(bundle))
        os.replace(name, path)
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    for other in path.parent.glob("*.pickle"):
        if other != path:
            other.unlink(missing_ok=True)
    return path


def read(path: Path):
    """The bundle stored at ``path``, or ``None`` if there is none or it cannot be read."""
    try:
        return loads(Path(path).read_bytes())
    except (OSError, ValueError, EOFError, pickle.UnpicklingError, AttributeError,
            ImportError):
        return None  # a torn, stale or foreign file is a miss: load from the data instead


def from_env():
    """The bundle named by :data:`ENV`, or ``None`` when unset or unreadable."""
    path = os.environ.get(ENV)
    return read(Path(path)) if path else None
