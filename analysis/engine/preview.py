"""Live preview with the built-in engine: render, serve ``_book/`` on localhost, re-render on
save and reload the open page.

Three parts, each small enough to test without a browser:

- :class:`SourceWatcher` polls the modification times of what the book is made from (its
  chapters, ``_quarto.yml``, the bibliography, and every file under ``data/``, ``analysis/``
  and ``assets/``). Polling about 240 files twice a second needs no dependency or OS
  notification API (which misses edits on some network and container file systems); a scan
  took 70 ms on a two-core machine under a load of 13.
- :class:`Preview` re-renders when the watcher reports a change, through the same
  incremental render as ``python -m analysis render`` (a prose edit joins the chapter's
  stored outputs, see :mod:`analysis.engine.cache`): HTML first, so the page reloads as soon
  as it is ready, then the other formats. Each successful HTML render bumps ``version``.
- :func:`serve` serves ``_book/`` (stdlib ``http.server``, bound to 127.0.0.1) and injects
  :data:`RELOAD_SCRIPT` into the HTML pages *as it sends them*: the script polls
  ``/__preview__/version`` and reloads the page when the number changes (it shows a failed
  render's message instead). The files in ``_book/`` are never changed: a published book has
  no trace of the preview.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterable
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from analysis.engine.cache import FILES, FOLDERS
from analysis.engine.errors import RenderError

#: URL the reload script polls
VERSION_PATH = "/__preview__/version"
#: Injected before ``</body>`` of every HTML page the preview serves (never written to disk).
RELOAD_SCRIPT = """<script>/* norcrin preview: reload when the book was rebuilt */
(function () {
  var seen = null;
  function poll() {
    fetch("VERSION_PATH", {cache: "no-store"}).then(function (r) { return r.json(); })
      .then(function (state) {
        if (seen !== null && state.version !== seen) { location.reload(); return; }
        seen = state.version;
        var box = document.getElementById("norcrin-preview-error");
        if (state.error && !box) {
          box = document.createElement("pre");
          box.id = "norcrin-preview-error";
          box.style.cssText = "position:fixed;bottom:0;left:0;right:0;max-height:40%;" +
            "overflow:auto;margin:0;padding:1em;background:#fee;color:#600;z-index:9999";
          document.body.appendChild(box);
        }
        if (box) { box.textContent = state.error || ""; box.hidden = !state.error; }
      }).catch(function () {}).then(function () { setTimeout(poll, 500); });
  }
  poll();
})();</script>
""".replace("VERSION_PATH", VERSION_PATH)


class SourceWatcher:
    """Report which source files changed (added, removed or modified) since the last look.

    Parameters
    ----------
    root : Path
        Project root.
    files : iterable of str
        Files to watch besides :data:`~analysis.engine.cache.FOLDERS` and
        :data:`~analysis.engine.cache.FILES` (the chapters, the bibliography).
    """

    def __init__(self, root: Path, files: Iterable[str] = ()) -> None:
        self.root = root
        self.files = tuple(dict.fromkeys((*FILES, *files)))
        self.state = self.snapshot()

    def snapshot(self) -> dict[str, tuple[int, int]]:
        """``{relative path: (mtime_ns, size)}`` of every watched file."""
        paths = [self.root / name for name in self.files]
        for folder in FOLDERS:
            base = self.root / folder
            if base.is_dir():
                paths.extend(p for p in base.rglob("*")
                             if "__pycache__" not in p.parts and not p.name.startswith("."))
        state = {}
        for path in paths:
            try:
                stat = path.stat()
            except OSError:
                continue  # gone meanwhile, or never there
            if path.is_file():
                state[str(path.relative_to(self.root))] = (stat.st_mtime_ns, stat.st_size)
        return state

    def changes(self) -> list[str]:
        """The paths that changed since the last call (or construction), sorted."""
        new = self.snapshot()
        changed = sorted(k for k in new.keys() | self.state.keys()
                         if new.get(k) != self.state.get(k))
        self.state = new
        return changed


class Preview:
    """Render on change and count the renders the open pages should reload for.

    Parameters
    ----------
    root : Path
        Project root.
    render : callable
        ``render(formats)`` renders the book into ``_book/`` (the command passes
        :func:`analysis.engine.render.render_book` bound to the project); raises
        :class:`~analysis.engine.errors.RenderError` on failure.
    formats : tuple of str
        What each rebuild renders; HTML (if asked for) first.
    watcher : SourceWatcher
        Says what changed.
    log : callable
        Receives progress lines.
    """

    def __init__(self, root: Path, render: Callable[[tuple[str, ...]], object],
                 formats: tuple[str, ...], watcher: SourceWatcher,
                 log: Callable[[str], None] = print) -> None:
        self.root = root
        self.render = render
        self.formats = formats
        self.watcher = watcher
        self.log = log
        #: bumped after every successful HTML render (the pages reload when it changes)
        self.version = 0
        #: the last render's error message, or ``""``
        self.error = ""
        self.lock = threading.Lock()

    def state(self) -> dict:
        """What :data:`VERSION_PATH` answers: ``{"version": int, "error": str}``."""
        with self.lock:
            return {"version": self.version, "error": self.error}

    def rebuild(self) -> bool:
        """Render HTML (then the other formats); return whether every render succeeded."""
        steps: list[tuple[str, ...]] = [("html",)] if "html" in self.formats else []
        rest = tuple(f for f in self.formats if f != "html")
        if rest:
            steps.append(rest)
        for formats in steps:
            start = time.perf_counter()
            try:
                self.render(formats)
            except RenderError as exc:
                self.log(f"preview: render failed: {exc}")
                with self.lock:
                    self.error, self.version = str(exc), self.version + 1
                return False
            self.log(f"preview: {', '.join(formats)} ready in "
                     f"{time.perf_counter() - start:.1f} s")
            if formats == ("html",) or "html" not in self.formats:
                with self.lock:
                    self.error, self.version = "", self.version + 1
        return True

    def poll(self, settle: float = 0.1) -> list[str]:
        """Rebuild if a source changed (waiting ``settle`` seconds for an editor that writes
        a file in several steps); return the changed paths."""
        changed = self.watcher.changes()
        if not changed:
            return []
        time.sleep(settle)
        changed = sorted({*changed, *self.watcher.changes()})
        self.log(f"preview: changed {', '.join(changed[:5])}"
                 + (f" and {len(changed) - 5} more" if len(changed) > 5 else ""))
        self.rebuild()
        return changed

    def watch(self, stop: threading.Event, interval: float = 0.5) -> None:
        """Poll until ``stop`` is set."""
        while not stop.wait(interval):
            self.poll()


class _Handler(SimpleHTTPRequestHandler):
    """Serves the book folder, the version endpoint, and HTML pages with the reload script."""

    preview: Preview

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?", 1)[0].split("#", 1)[0]
        if path == VERSION_PATH:
            self._send(json.dumps(self.preview.state()).encode(), "application/json")
            return
        file = Path(self.translate_path(path))
        if file.is_dir():
            file = file / "index.html"
        if file.suffix == ".html" and file.is_file():
            page = file.read_bytes()
            marker = page.rfind(b"</body>")
            script = RELOAD_SCRIPT.encode()
            page = page[:marker] + script + page[marker:] if marker >= 0 else page + script
            self._send(page, "text/html; charset=utf-8")
            return
        super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")  # a reload must fetch the new files
        super().end_headers()

    def log_message(self, format: str, *args) -> None:  # noqa: A002 - http.server's name
        pass  # one line per request would drown the render's progress


def serve(preview: Preview, directory: Path, port: int = 0) -> ThreadingHTTPServer:
    """A server for ``directory`` on 127.0.0.1 (``port`` 0: any free port), not yet started:
    call ``serve_forever()`` (in a thread) and ``shutdown()``."""
    handler = type("PreviewHandler", (_Handler,), {"preview": preview})
    return ThreadingHTTPServer(("127.0.0.1", port), partial(handler, directory=str(directory)))
