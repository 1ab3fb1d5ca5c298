"""Environment failures are one located line: what, where, what to do."""

import errno

import pytest

from analysis.engine import environment
from analysis.engine.environment import RenderEnvironmentError, check_environment


def test_describe_names_what_and_where(tmp_path):
    full = OSError(errno.ENOSPC, "No space left on device", str(tmp_path / "x"))
    assert environment.describe(full, tmp_path).startswith(f"the disk holding {tmp_path / 'x'}")
    denied = PermissionError(errno.EACCES, "Permission denied",
                             str(tmp_path / ".cache" / "render.lock"))
    assert environment.describe(denied, tmp_path) == (
        f"cannot write {tmp_path / '.cache' / 'render.lock'}: permission denied; make it "
        "writable for this user and render again (the previous book is kept)")


def test_a_writable_project_passes_and_leaves_nothing(tmp_path):
    (tmp_path / ".cache" / "output").mkdir(parents=True)
    (tmp_path / "_book").mkdir()
    check_environment(tmp_path, tmp_path / "_book")
    assert sorted(p.name for p in tmp_path.rglob("*")) == [".cache", "_book", "output"]


def test_a_cache_that_is_a_file(tmp_path):
    (tmp_path / ".cache").write_text("x")
    with pytest.raises(RenderEnvironmentError, match=r"cannot write the render's cache folder, "
                       r".*\.cache: it is not a folder; make it a folder"):
        check_environment(tmp_path, tmp_path / "_book")


def test_too_little_free_space(tmp_path, monkeypatch):
    monkeypatch.setattr(environment, "_free", lambda path: 512 * 1024)
    with pytest.raises(RenderEnvironmentError, match=r"the disk holding .* is full \(0\.5 MB "
                       r"free; a render needs about 64\.0 MB\)"):
        check_environment(tmp_path, tmp_path / "_book")
