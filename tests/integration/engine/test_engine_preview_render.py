"""The preview with the real render: a saved prose edit re-renders the page without starting
the chapter's kernel, and the page the browser reloads shows the new sentence."""

from __future__ import annotations

from analysis.engine.preview import Preview, SourceWatcher
from analysis.engine.render import render_book


def test_a_saved_prose_edit_shows_without_executing(tiny_book):
    root = tiny_book()
    lines: list[str] = []
    preview = Preview(root, lambda formats: render_book(root, formats, log=lines.append),
                      ("html", "pdf"), SourceWatcher(root, ["index.qmd", "chapters/01-tall.qmd"]),
                      log=lines.append)
    assert preview.rebuild() is True
    executions = (root / "executions.txt").read_text()
    chapter = root / "chapters" / "01-tall.qmd"
    chapter.write_text(chapter.read_text(encoding="utf-8").replace("Ferdig.", "Helt ferdig."),
                       encoding="utf-8")
    assert preview.poll(settle=0) == ["chapters/01-tall.qmd"]
    assert preview.state() == {"version": 2, "error": ""}
    assert "Helt ferdig." in (root / "_book" / "chapters" / "01-tall.html").read_text("utf-8")
    assert (root / "executions.txt").read_text() == executions  # no kernel ran the chapter
    assert any("01-tall.qmd: frozen" in line for line in lines), lines
