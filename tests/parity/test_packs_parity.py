"""The partner packs under real Quarto and the built-in engine: the same tables, cells hidden
alike, the same quotes and statements, on the hand-made export of
``tests/integration/packs/handmade.py`` (two regions and the work packages, to keep it short)."""

from __future__ import annotations

import functools
import re
import shutil
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

sys.path.insert(0, str(Path(__file__).parents[1] / "integration" / "packs"))

RUNS = ["vest", "nasjonalt"]


def _render(engine: str, folder: Path) -> Path:
    """The two regions' packs and the work packages' pack of a hand-made project in
    ``folder``, rendered by ``engine``: the folder of the packs."""
    from handmade import make_project

    from analysis.bundle import load_bundle
    from analysis.engine.document import Run, render_runs, render_runs_with_quarto
    from analysis.engine.quarto import find_quarto

    root = make_project(folder / "project")
    bundle = load_bundle(root)
    out = root / f"out-{engine}"
    runs = [Run(slug, {"region": slug}) for slug in RUNS]
    if engine == "quarto":
        quarto = find_quarto()
        render_runs_with_quarto(root, quarto, "packs/pakke.qmd", runs, out,
                                log=lambda line: None, bundle=bundle)
        render_runs_with_quarto(root, quarto, "packs/arbeidspakker.qmd",
                                [Run("arbeidspakker")], out, log=lambda line: None,
                                bundle=bundle)
    else:
        render_runs(root, "packs/pakke.qmd", runs, out, log=lambda line: None,
                    use_cache=False, preflight=lambda: bundle)
        render_runs(root, "packs/arbeidspakker.qmd", [Run("arbeidspakker")], out,
                    log=lambda line: None, use_cache=False, preflight=lambda: bundle)
    return out


def request_background_renders(background, items) -> None:
    """Quarto's packs render in the background (``BackgroundRenders`` in tests/conftest.py)
    while the rest of the suite runs."""
    if shutil.which("quarto") is None:
        return  # the tier is skipped
    background.request("parity-packs-quarto", functools.partial(_render, "quarto"),
                       items[0][0])


@pytest.fixture(scope="module")
def both(request, tmp_path_factory):
    background = request.config.pluginmanager.get_plugin("norcrin-background-renders")
    out = {"builtin": _render("builtin", tmp_path_factory.mktemp("packs-parity-builtin"))}
    if "parity-packs-quarto" in background:
        out["quarto"] = background.result("parity-packs-quarto")
    else:
        out["quarto"] = _render("quarto", tmp_path_factory.mktemp("packs-parity-quarto"))
    return out


def _reader_view(path: Path) -> dict:
    soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    main = soup.find("main") or soup.body
    tables = [[[c.get_text(" ", strip=True) for c in tr.find_all(["th", "td"])]
               for tr in t.find_all("tr")] for t in main.find_all("table")]
    items = [li.get_text(" ", strip=True) for li in main.find_all("li")
             if not li.find_parent("nav")]
    paragraphs = [" ".join(p.get_text(" ", strip=True).split()) for p in main.find_all("p")]
    headings = [h.get_text(" ", strip=True) for h in main.find_all(["h1", "h2"])]
    return {"tables": tables, "items": items,
            "statements": [p for p in paragraphs if "holdt tilbake" in p.lower()
                           or p.startswith(("Personvern", "Denne pakken"))],
            "headings": [h for h in headings if h.startswith(("Brukerundersøkelsen", "Hvem",
                                                              "Nøkkeltall", "Fritekst"))]}


@pytest.mark.slow
@pytest.mark.parametrize("name", [*RUNS, "arbeidspakker"])
def test_the_packs_read_the_same(both, name):
    builtin = _reader_view(both["builtin"] / f"{name}.html")
    quarto = _reader_view(both["quarto"] / f"{name}.html")
    assert builtin["tables"] == quarto["tables"]
    assert builtin["items"] == quarto["items"]
    assert builtin["statements"] == quarto["statements"] and builtin["statements"]
    assert builtin["headings"] == quarto["headings"]


@pytest.mark.slow
@pytest.mark.parametrize("name", RUNS)
def test_the_pdfs_hold_the_same_numbers(both, name):
    def numbers(path):
        found = []
        for number, page in enumerate(PdfReader(path).pages, start=1):
            tokens = re.findall(r"\d+|skjult", page.extract_text())
            for end in (0, -1):  # the page number, first or last as the layouts place it
                if tokens and tokens[end] == str(number):
                    del tokens[end]
                    break
            found += tokens
        return found

    assert numbers(both["builtin"] / f"{name}.pdf") == numbers(both["quarto"] / f"{name}.pdf")
