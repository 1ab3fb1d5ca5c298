"""``python -m analysis preview [--to html,pdf] [--port 8000]``: render the book with the
built-in engine, serve ``_book/`` on http://127.0.0.1:PORT/, re-render on every save and
reload the open page (:mod:`analysis.engine.preview`). Stop with Ctrl-C."""

from __future__ import annotations

import argparse
import sys
import threading

from analysis.engine.book import load_book
from analysis.engine.output_dir import FormatError, parse_formats
from analysis.engine.preview import Preview, SourceWatcher, serve
from analysis.engine.render import render_book
from analysis.paths import project_root
from analysis.render_hooks import check_inputs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Declare the options of ``preview``."""
    parser.add_argument("--to", default="html,pdf",
                        help="formats rebuilt on each save (HTML first); default: html,pdf")
    parser.add_argument("--port", type=int, default=8000,
                        help="port on 127.0.0.1 (0: any free port); default: 8000")


def _say(line: str) -> None:
    print(line, flush=True)


def run(args: argparse.Namespace) -> int:
    """Render, serve and watch until interrupted; 2 on a usage error."""
    try:
        formats = tuple(f for f in parse_formats(args.to) if f != "pptx")
    except FormatError as exc:
        print(f"preview: {exc}", file=sys.stderr)
        return 2
    if not formats:
        print("preview: --to needs html or pdf", file=sys.stderr)
        return 2
    root = project_root()
    book = load_book(root)
    extra = [*book.sources, *book.bibliography, *([book.csl] if book.csl else [])]
    watcher = SourceWatcher(root, extra)

    def render(to: tuple[str, ...]) -> None:
        render_book(root, to, log=_say, preflight=lambda: check_inputs(root))

    preview = Preview(root, render, formats, watcher, log=_say)
    preview.rebuild()
    server = serve(preview, root / book.output_dir, args.port)
    host, port = server.server_address[:2]
    host = host.decode() if isinstance(host, bytes) else host
    _say(f"preview: http://{host}:{port}/ (watching {len(watcher.state)} files; Ctrl-C stops)")
    threading.Thread(target=server.serve_forever, daemon=True).start()
    stop = threading.Event()
    try:
        preview.watch(stop)
    except KeyboardInterrupt:
        _say("preview: stopped")
    finally:
        server.shutdown()
    return 0
