"""The pickled bundle: read-only mappings survive, a bad or missing file is a miss."""

from __future__ import annotations

import types

from analysis import bundle_cache


def test_round_trip_keeps_read_only_mappings(tmp_path):
    value = {"waves": types.MappingProxyType({2025: [1, 2]})}
    path = bundle_cache.write(value, bundle_cache.path_for(tmp_path, "k1"))
    back = bundle_cache.read(path)
    assert isinstance(back["waves"], types.MappingProxyType)
    assert back["waves"][2025] == [1, 2]


def test_write_removes_bundles_of_other_keys(tmp_path):
    old = bundle_cache.write(1, bundle_cache.path_for(tmp_path, "old"))
    new = bundle_cache.write(2, bundle_cache.path_for(tmp_path, "new"))
    assert not old.exists() and bundle_cache.read(new) == 2


def test_unset_missing_or_torn_file_is_a_miss(tmp_path, monkeypatch):
    monkeypatch.delenv(bundle_cache.ENV, raising=False)
    assert bundle_cache.from_env() is None
    monkeypatch.setenv(bundle_cache.ENV, str(tmp_path / "absent.pickle"))
    assert bundle_cache.from_env() is None
    torn = tmp_path / "torn.pickle"
    torn.write_bytes(bundle_cache.dumps({"a": 1})[:10])
    monkeypatch.setenv(bundle_cache.ENV, str(torn))
    assert bundle_cache.from_env() is None


def test_report_load_prefers_the_named_bundle(tmp_path, monkeypatch):
    from analysis import report

    path = bundle_cache.write({"stand-in": True}, tmp_path / "b.pickle")
    monkeypatch.setenv(bundle_cache.ENV, str(path))
    report.load.cache_clear()
    try:
        assert report.load() == {"stand-in": True}
    finally:
        report.load.cache_clear()
