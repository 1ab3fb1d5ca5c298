"""``render --engine quarto`` (what ``make report`` runs) executes each chapter once (the
Typst pass takes the HTML pass's results, :mod:`analysis.engine.quarto_freeze`), in a kernel
forked from the fork server (:mod:`analysis.engine.quarto_kernels`). Both fall back silently
(a kernel the relay refuses starts plainly; a late carry-over makes Quarto execute the
chapter again), so under real Quarto either would only show as a slower render; this test
makes it fail instead. The expected count comes from the book's sources: the chapters
``_quarto.yml`` lists that hold a Python cell."""

from __future__ import annotations

from analysis.engine.book import load_book
from analysis.paths import project_root


def _chapters_with_code() -> int:
    root = project_root()
    return sum("```{python" in (root / f).read_text(encoding="utf-8")
               for f in load_book(root).sources)


def test_quarto_executes_each_chapter_once_in_a_forked_kernel(quarto_log):
    n = _chapters_with_code()
    assert n >= 10  # the report's chapters; a broken count would make the test vacuous
    # one kernel per chapter: a chapter the Typst pass executed again would make n + 1
    assert f"quarto: {n} chapter kernels forked from the fork server" in quarto_log, quarto_log
    assert (f"quarto: {n} chapters executed once for both formats (HTML's results carried "
            "over to Typst)") in quarto_log, quarto_log
