"""Bootstrap run *inside* the chapter's kernel, as the notebook's first (hidden) cell.

It makes figures reproducible (fixed SVG ids, no dates), asks the inline backend for both SVG
(HTML) and PNG (PDF), gives DataFrames a ``text/markdown`` pipe-table representation (tabulate
is not installed, so ``DataFrame.to_markdown`` is not available) and defines the helper the
inline-expression cells call. It imports nothing heavy: pandas is hooked lazily by name.
"""

from __future__ import annotations

import math
import os

#: MIME type of the inline-values output emitted by :func:`inline_values`
INLINE_MIME = "application/vnd.norcrin.inline+json"


def install() -> None:
    """Configure the running IPython kernel for the engine (idempotent)."""
    from IPython import get_ipython

    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    shell = get_ipython()
    if shell is None:  # plain python (e.g. a doctest): nothing to configure
        return
    import matplotlib

    matplotlib.rcParams["svg.hashsalt"] = "norcrin"
    matplotlib.rcParams["savefig.dpi"] = 150
    shell.run_line_magic("matplotlib", "inline")
    from matplotlib_inline.backend_inline import set_matplotlib_formats

    # metadata=None-valued keys keep dates and software versions out of the files
    set_matplotlib_formats("svg", "png", bbox_inches="tight", metadata={"Date": None})
    markdown = shell.display_formatter.formatters["text/markdown"]
    # pandas 3 reports its public classes as module "pandas"; older versions as pandas.core.frame
    for module in ("pandas", "pandas.core.frame"):
        markdown.for_type_by_name(module, "DataFrame", dataframe_to_pipe_table)
    shell.user_ns["_engine_inline"] = inline_values


def inline_values(items: list[tuple[int, str, object]]) -> None:
    """Evaluate inline expressions and display their values as one JSON output.

    Parameters
    ----------
    items : list of (line, expression, thunk)
        ``thunk()`` evaluates the expression in the notebook's namespace.

    Raises
    ------
    RuntimeError
        Naming the ``.qmd`` line and the expression that raised (chained to the cause).
    """
    from IPython.display import display

    values = []
    for line, expression, thunk in items:
        try:
            value = thunk()
        except Exception as exc:
            raise RuntimeError(f"inline expression at line {line}: {expression}") from exc
        # Quarto shows strings without quotes; str() does that and covers the rest
        values.append({"line": line, "expression": expression, "value": str(value)})
    display({INLINE_MIME: values}, raw=True)


def dataframe_to_pipe_table(frame) -> str:
    """Format a DataFrame as a pandoc pipe table.

    Parameters
    ----------
    frame : pandas.DataFrame
        Any frame; a non-default index becomes the first column(s). Numeric columns are
        right-aligned, others left-aligned; missing values are blank.

    Returns
    -------
    str
        Markdown pipe table.

    Examples
    --------
    >>> import pandas as pd
    >>> print(dataframe_to_pipe_table(pd.DataFrame({"Svar": ["Ja"], "n": [3]})))
    | Svar | n |
    |:-------|-------:|
    | Ja | 3 |
    """
    import pandas as pd

    show_index = not isinstance(frame.index, pd.RangeIndex) or any(frame.index.names)
    data = frame.reset_index() if show_index else frame
    headers = [
        " / ".join(str(p) for p in c if str(p)) if isinstance(c, tuple) else str(c)
        for c in data.columns
    ]
    numeric = [pd.api.types.is_numeric_dtype(data[c]) for c in data.columns]
    body = [[_cell(v) for v in record] for record in data.itertuples(index=False)]
    # Pandoc sizes wrapped pipe-table columns by their share of dashes: give each column as
    # many as its longest cell (within bounds), so a long label column is not squeezed.
    # Three extra dashes stand for the cell padding, and eight at least keep a short column
    # (a year, a question number) from being squeezed narrower than its content in the PDF.
    widths = [
        min(40, max(8, 3 + max(len(h), *(len(row[i]) for row in body))))
        for i, h in enumerate(_cell(h) for h in headers)
    ]
    rows = ["| " + " | ".join(_cell(h) for h in headers) + " |"]
    rule = [("-" * (w - 1) + ":") if n else (":" + "-" * (w - 1))
            for w, n in zip(widths, numeric, strict=True)]
    rows.append("|" + "|".join(rule) + "|")
    for cells in body:
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    try:
        import pandas as pd

        if value is pd.NA or value is pd.NaT:
            return ""
    except ImportError:  # pragma: no cover - pandas is a dependency
        pass
    return str(value).replace("|", r"\|").replace("\n", " ")
