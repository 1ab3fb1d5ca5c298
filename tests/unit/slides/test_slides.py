"""Finishing a pandoc-written deck: a marker becomes a native chart with alt text, a picture
whose alt text is a path (pandoc#11208) is refused, and the handout step says when
LibreOffice is missing. The template keeps pandoc's layouts."""

from __future__ import annotations

import base64
import importlib
import subprocess

import pypandoc
import pytest
from pptx import Presentation
from pptx.util import Inches

from analysis.paths import project_root
from analysis.report import deck
from analysis.slides import DeckError, finish, handout, read_deck
from analysis.slides.template import derive

CHART = deck.Chart("q9", "kjennskap", ("Godt", "Litt"), (("2023", (0.25, None)),
                                                         ("2025", (0.5, 0.125))))
#: A 1x1 PNG.
PIXEL = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAH"
                         "ggJ/PchI7wAAAABJRU5ErkJggg==")


def _pandoc_deck(tmp_path, body: str):
    path = tmp_path / "d.pptx"
    pypandoc.convert_text(body, "pptx", format="markdown", outputfile=str(path),
                          extra_args=[f"--reference-doc={project_root()}/assets/pptx/"
                                      "reference.pptx",
                                      f"--lua-filter={project_root()}/analysis/display/"
                                      "data_text.lua"])
    return path


def test_a_marker_becomes_a_native_chart(tmp_path):
    slide = deck.Slide("k", "Kjennskap", ("42 %",), chart=CHART)
    path = _pandoc_deck(tmp_path, slide.markdown().markdown)
    assert finish(path) == 1
    (info,), _, _ = read_deck(path)
    assert info.layout == "Two Content"
    ((categories, series),) = info.charts
    assert categories == ("Godt", "Litt")
    assert series == [("2023", (0.25, None)), ("2025", (0.5, 0.125))]
    assert info.alt == [("Diagram q9", CHART.alt)]
    assert not any(deck.MARKER in t for t in info.texts)


def test_a_picture_with_a_path_for_alt_text_is_refused(tmp_path):
    # what pandoc writes for ![](fig.png) (jgm/pandoc#11208): the path as the description
    (tmp_path / "fig.png").write_bytes(PIXEL)
    path = _pandoc_deck(tmp_path, f"## T\n\n![]({tmp_path}/fig.png)\n")
    with pytest.raises(DeckError, match="file path"):
        finish(path)


def test_a_picture_that_says_what_it_shows_passes(tmp_path):
    path = _pandoc_deck(tmp_path, "## T\n\nx\n")
    pres = Presentation(str(path))
    (tmp_path / "fig.png").write_bytes(PIXEL)
    pic = pres.slides[0].shapes.add_picture(str(tmp_path / "fig.png"), 0, 0, Inches(1))
    pic._element.nvPicPr.cNvPr.set("descr", "NorCRINs logo")
    pres.save(str(path))
    assert finish(path) == 0


def test_no_libreoffice_no_handout(tmp_path, monkeypatch):
    module = importlib.import_module("analysis.slides.handout")
    monkeypatch.setattr(module.shutil, "which", lambda name: None)
    assert handout(tmp_path / "d.pptx", tmp_path / "d.pdf") is None
    assert not (tmp_path / "d.pdf").exists()


def test_the_template_is_pandocs_default_with_norcrin_colours(tmp_path):
    made = derive(pypandoc.get_pandoc_path(), tmp_path / "reference.pptx")
    default = tmp_path / "default.pptx"
    default.write_bytes(subprocess.run([pypandoc.get_pandoc_path(), "--print-default-data-file",
                                        "reference.pptx"], capture_output=True,
                                       check=True).stdout)
    names = [[lay.name for lay in Presentation(str(p)).slide_layouts] for p in (made, default)]
    assert names[0] == names[1]
    committed = project_root() / "assets/pptx/reference.pptx"
    assert [lay.name for lay in Presentation(str(committed)).slide_layouts] == names[1]
    theme = Presentation(str(committed)).part.package
    parts = {str(p.partname): p.blob for p in theme.iter_parts()}
    assert b'name="NorCRIN"' in parts["/ppt/theme/theme1.xml"]
    master = parts["/ppt/slideMasters/slideMaster1.xml"]
    assert b"<a:noAutofit/>" in master and b"normAutofit" not in master


def test_table_columns_fit_their_longest_word_and_number(tmp_path):
    # Pandoc gives a slide table the book's relative widths; a year column then wrapped
    # "2023" into "202"/"3". After finish(), every column is at least as wide as its longest
    # unbreakable run at the cell's font size (0.62 em per character plus padding).
    from analysis.slides.tables import CHAR_WIDTH, DEFAULT_PT, PADDING_PT

    body = ("# Nøkkeltall\n\n"
            "| Indikator | 2023 | 2025 | Vurdering |\n"
            "|:------------------------------------------------------------|--:|--:|:-----|\n"
            "| Kjenner NorCRIN godt eller litt | 75\u00a0% | 87\u00a0% | kan skyldes hvem "
            "som svarte |\n")
    path = _pandoc_deck(tmp_path, body)
    finish(path)
    (table,) = [s.table for s in Presentation(str(path)).slides[0].shapes if s.has_table]
    size = max((r.font.size.pt for row in table.rows for c in row.cells
                for p in c.text_frame.paragraphs for r in p.runs if r.font.size is not None),
               default=DEFAULT_PT)
    for j, longest in enumerate(("Indikator", "2023", "2025", "Vurdering")):
        needed = int((len(longest) * CHAR_WIDTH * size + PADDING_PT) * 12700)
        assert table.columns[j].width >= needed - 1, (longest, table.columns[j].width, needed)
