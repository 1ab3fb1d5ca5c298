"""Freeze cache keys: source, data and package files invalidate; other files do not."""

from __future__ import annotations

import nbformat

from analysis.engine.cache import FreezeCache, chapter_key, tree_fingerprint


def test_fingerprint_changes_with_data_and_package_only(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "analysis" / "__pycache__").mkdir(parents=True)
    (tmp_path / "data" / "a.csv").write_text("1")
    first = tree_fingerprint(tmp_path)
    (tmp_path / "notes.md").write_text("x")
    (tmp_path / "analysis" / "__pycache__" / "m.pyc").write_bytes(b"0")
    assert tree_fingerprint(tmp_path) == first
    (tmp_path / "data" / "a.csv").write_text("2")
    assert tree_fingerprint(tmp_path) != first
    second = tree_fingerprint(tmp_path)
    (tmp_path / "analysis" / "m.py").write_text("")
    assert tree_fingerprint(tmp_path) != second


def test_store_and_load_by_key(tmp_path):
    cache = FreezeCache(tmp_path)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1")])
    key = chapter_key("# A", "f")
    assert cache.load("chapters/a.qmd", key) is None
    cache.store("chapters/a.qmd", key, notebook)
    assert cache.load("chapters/a.qmd", key).cells[0].source == "1"
    assert cache.load("chapters/a.qmd", chapter_key("# A changed", "f")) is None
