"""Save figures so that the same data always give the same bytes."""

from __future__ import annotations

from pathlib import Path

from matplotlib.figure import Figure

# Dates and software versions would change the file on every render or upgrade; dropping
# them (with the fixed svg.hashsalt of apply_style) makes output byte-for-byte reproducible.
_METADATA = {
    "svg": {"Date": None, "Creator": None},
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


def save_figure(fig: Figure, path: str | Path, dpi: int = 200) -> Path:
    """Write ``fig`` as SVG, PNG or PDF (by suffix) without time stamps or version strings.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
    path : str or Path
        Target file; parent folders are created.
    dpi : int, default 200
        Resolution of PNG output (ignored by the vector formats).

    Returns
    -------
    Path
        The written file.

    Raises
    ------
    ValueError
        If the suffix is not ``.svg``, ``.png`` or ``.pdf``.

    Examples
    --------
    >>> import tempfile
    >>> save_figure(Figure(), Path(tempfile.mkdtemp()) / "f.svg").suffix
    '.svg'
    """
    path = Path(path)
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in _METADATA:
        raise ValueError(f"unsupported figure format {path.suffix!r}; use .svg, .png or .pdf")
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, format=fmt, dpi=dpi, metadata=_METADATA[fmt])
    return path
