"""The type checker in CI: mypy, with the settings of ``[tool.mypy]`` in pyproject.toml, finds
no error in ``analysis/`` (``make lint`` runs the same check).

It runs in-process through ``mypy.api`` with its cache in ``.mypy_cache/`` (git-ignored): a
cold run takes about 20 s of CPU, a warm one a few seconds.
"""

import re

from mypy import api

from analysis.paths import project_root


def test_mypy_finds_no_error_in_the_package(monkeypatch):
    root = project_root()
    monkeypatch.chdir(root)  # `files = ["analysis"]` and the cache are relative to the root
    stdout, stderr, status = api.run(["--config-file", str(root / "pyproject.toml")])
    assert status == 0, f"mypy found errors (exit {status}):\n{stdout}{stderr}"
    # a configuration that checks nothing would also exit 0: the package has ~200 modules
    checked = re.search(r"no issues found in (\d+) source files", stdout)
    assert checked and int(checked.group(1)) >= 150, stdout
