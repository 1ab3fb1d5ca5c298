"""A prepared kernel (imports done, bundle loaded) still gives the chapter a clean start."""

from __future__ import annotations

import json

import nbformat

from analysis import bundle_cache
from analysis.engine.book_execution import prepared_kernel
from analysis.engine.timing import Phases

PROBE = ("import json, sys\n"
         "print(json.dumps({'names': sorted(n for n in dir() if not n.startswith('__')),\n"
         "                  'pandas_loaded': 'pandas' in sys.modules}))")


def test_prepared_kernel_leaves_no_names_and_counts_from_one(tmp_path):
    bundle = bundle_cache.write({"marker": 7}, tmp_path / "bundle.pickle")
    phases = Phases()
    kernel = prepared_kernel(tmp_path, bundle, phases)
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(PROBE),
        nbformat.v4.new_code_cell("from analysis import report\nprint(report.load())"),
    ])
    executed = kernel.execute(notebook, "probe.qmd")
    first, second = executed.cells
    assert first.execution_count == 1 and second.execution_count == 2
    seen = json.loads(first.outputs[0]["text"])
    assert seen["pandas_loaded"] is True  # the imports were done ahead ...
    # ... but nothing of the preparation is visible to the chapter (IPython's own names only)
    assert set(seen["names"]) <= {"In", "Out", "exit", "get_ipython", "json", "open", "quit",
                                  "sys", "_", "_dh", "_i", "_i1", "_ih", "_ii", "_iii", "_oh"}
    assert second.outputs[0]["text"].strip() == "{'marker': 7}"  # the render's bundle
    assert {"kernel start", "imports", "bundle load"} <= set(phases.as_dict())


def test_kernel_bootstrap_applies_the_book_figure_style(tmp_path):
    from analysis.engine.notebook import SETUP_SOURCE
    from analysis.figures.style import RC

    kernel = prepared_kernel(tmp_path, None, Phases())
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell(SETUP_SOURCE),
        nbformat.v4.new_code_cell("import matplotlib as mpl\n"
                                  "print(mpl.rcParams['svg.hashsalt'], "
                                  "mpl.rcParams['savefig.dpi'], mpl.rcParams['font.size'])"),
    ])
    executed = kernel.execute(notebook, "style.qmd")
    printed = executed.cells[1].outputs[0]["text"].split()
    assert printed == [RC["svg.hashsalt"], str(float(RC["savefig.dpi"])),
                       str(float(RC["font.size"]))]
