"""The preview's rebuild logic without a browser: a saved file triggers a render and bumps the
version the pages poll; the served pages carry the reload script, the files on disk do not."""

from __future__ import annotations

import json
import os
import threading
import urllib.request

import pytest

from analysis.engine.errors import RenderError
from analysis.engine.preview import RELOAD_SCRIPT, VERSION_PATH, Preview, SourceWatcher, serve


def _project(tmp_path):
    (tmp_path / "chapters").mkdir()
    (tmp_path / "data").mkdir()
    (tmp_path / "_quarto.yml").write_text("project: {}\n")
    (tmp_path / "chapters" / "a.qmd").write_text("# A\n")
    (tmp_path / "data" / "x.yaml").write_text("a: 1\n")
    return tmp_path


def _touch(path, text):
    stat = path.stat()
    path.write_text(text)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))  # a later mtime


def test_watcher_reports_edits_new_and_removed_files(tmp_path):
    root = _project(tmp_path)
    watcher = SourceWatcher(root, ["chapters/a.qmd"])
    assert watcher.changes() == []
    _touch(root / "chapters" / "a.qmd", "# A\n\nNy setning.\n")
    (root / "data" / "y.yaml").write_text("b: 2\n")
    (root / "data" / "x.yaml").unlink()
    (root / "notes.txt").write_text("not a source")
    assert watcher.changes() == ["chapters/a.qmd", "data/x.yaml", "data/y.yaml"]
    assert watcher.changes() == []


def test_a_save_renders_html_first_then_pdf_and_bumps_the_version(tmp_path):
    root = _project(tmp_path)
    calls = []
    preview = Preview(root, calls.append, ("html", "pdf"),
                      SourceWatcher(root, ["chapters/a.qmd"]), log=lambda line: None)
    assert preview.poll(settle=0) == [] and calls == [] and preview.state()["version"] == 0
    _touch(root / "chapters" / "a.qmd", "# A\n\nNy setning.\n")
    assert preview.poll(settle=0) == ["chapters/a.qmd"]
    assert calls == [("html",), ("pdf",)]
    assert preview.state() == {"version": 1, "error": ""}


def test_a_failed_render_is_reported_to_the_page_and_cleared_by_the_next(tmp_path):
    root = _project(tmp_path)
    results = [RenderError("chapters/a.qmd:3: boom"), None, None]

    def render(formats):
        result = results.pop(0)
        if result is not None:
            raise result

    preview = Preview(root, render, ("html", "pdf"), SourceWatcher(root),
                      log=lambda line: None)
    assert preview.rebuild() is False  # the PDF is not tried after a failed HTML render
    assert preview.state() == {"version": 1, "error": "chapters/a.qmd:3: boom"}
    assert preview.rebuild() is True
    assert preview.state() == {"version": 2, "error": ""}


@pytest.fixture
def served(tmp_path):
    book = tmp_path / "_book"
    (book / "chapters").mkdir(parents=True)
    page = "<html><body><p>Tekst</p></body></html>"
    (book / "index.html").write_text(page)
    (book / "chapters" / "a.html").write_text(page)
    (book / "style.css").write_text("p {}")
    preview = Preview(tmp_path, lambda formats: None, ("html",), SourceWatcher(tmp_path),
                      log=lambda line: None)
    server = serve(preview, book)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    host, port = server.server_address[:2]
    yield preview, book, page, f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def _get(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode()


def test_served_pages_carry_the_reload_script_and_the_files_do_not(served):
    preview, book, page, base = served
    for path in ("/", "/index.html", "/chapters/a.html?x=1"):
        body = _get(base + path)
        assert body == page.replace("</body>", RELOAD_SCRIPT + "</body>")
    assert _get(base + "/style.css") == "p {}"
    assert (book / "index.html").read_text() == page
    assert json.loads(_get(base + VERSION_PATH)) == {"version": 0, "error": ""}
    preview.rebuild()
    assert json.loads(_get(base + VERSION_PATH)) == {"version": 1, "error": ""}
