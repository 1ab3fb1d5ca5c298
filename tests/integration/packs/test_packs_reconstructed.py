"""On reconstructed data the regions are invented: the command refuses without --demo, and
every page of every demo pack says so."""

from __future__ import annotations

import pytest
from pypdf import PdfReader

from analysis.cli import main
from analysis.commands.packs import build
from analysis.engine.project import copy_project
from analysis.paths import project_root

NOTICE = "DEMO: rekonstruerte data"


def test_the_command_refuses_reconstructed_data_without_demo(tmp_path, monkeypatch, capsys):
    root = copy_project(project_root(), tmp_path / "project")
    monkeypatch.setenv("NORCRIN_ROOT", str(root))
    assert main(["packs", "--engine", "builtin"]) == 2
    err = capsys.readouterr().err
    assert "reconstruction" in err and "--demo" in err
    assert not (root / "_book" / "partnere").exists()


@pytest.mark.slow
def test_every_page_of_every_demo_pack_says_the_regions_are_invented(tmp_path):
    root = copy_project(project_root(), tmp_path / "project")
    build(root, ("pdf",), demo=True, engine="builtin", log=lambda line: None)
    pdfs = sorted((root / "_book" / "partnere").glob("*.pdf"))
    assert [p.stem for p in pdfs] == ["arbeidspakker", "midt", "nasjonalt", "nord", "sor-ost",
                                      "vest"]
    for pdf in pdfs:
        pages = PdfReader(pdf).pages
        for number, page in enumerate(pages, start=1):
            assert NOTICE in " ".join(page.extract_text().split()), (pdf.name, number)
