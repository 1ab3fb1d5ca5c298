"""Dress rehearsal of the 2027 wave: a new wave is data, never a change to code or chapters.

In a copy of the project, do what the 2027 author will do, and only that:

1. ``python -m analysis new-wave 2027 --from 2025``;
2. edit ``data/questionnaires/2027.yaml`` for three changes to the form: q10's option
   «Juridisk rådgivning» renamed «Juridisk rådgivning og kontrakter» (and, in ``compare_to``,
   marked as having no 2025 counterpart), q06 (visit frequency) dropped, q23 (how the
   respondent heard of the survey) added;
3. put a "real" Forms export in ``data/exports/`` and name it in the manifest: built here from
   the bundled 2025 export (data/reconstructed/) with the same three changes, six fewer
   respondents (180) and the times moved two years on; ``reconstructed: false``,
   ``publish_text: false`` as written;
4. add the 2027 entry of ``data/survey-waves.yaml`` and the year in the title, date and PDF
   name of ``_quarto.yml``; the free text is not coded at all (new-wave copied the codebook,
   there are no decisions);
5. render the HTML book with the built-in engine (``python -m analysis render --to html``; in
   the background, while the rest of the suite runs).

The book must then compare 2027 with 2025 (never 2023 as "previous"), say in a sentence that
q06 and the renamed option are not compared, draw 2027 in the respondents time series, and
say in each free-text section how many answers await coding.
Every .py and .qmd of the copy is checked to be unchanged. The checks before the render
(diff-questionnaires, the bundle) need no render; the rest share one HTML render (1-3 min).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
import yaml
from bs4 import BeautifulSoup
from cli_render import cli_render

from analysis.engine.project import copy_project
from analysis.paths import project_root

OLD_OPTION = "Juridisk rådgivning"
NEW_OPTION = "Juridisk rådgivning og kontrakter"
DROPPED = "q06"
DROPPED_TEXT = "Hvor ofte er du inne på NorCRINs hjemmesider?"
ADDED = {
    "id": "q23", "number": 23, "text": "Hvordan fikk du vite om undersøkelsen?",
    "type": "single", "new": True,
    "options": [{"label": "Nyhetsbrevet"}, {"label": "Nettsidene"},
                {"label": "E-post fra NorCRIN"}],
}
#: The bundled 2025 export has 186 respondents; the synthetic 2027 export drops the last six.
RESPONDENTS_2027 = 180

SURVEY_WAVE_2027 = """\
  - year: 2027
    source: "dress rehearsal (tests/integration/test_dress_rehearsal_2027.py)"
    open_from: 2027-08-11
    open_to: 2027-09-08
    tool: Microsoft Forms
    raw_data: true
    announced:
      - {channel: "NorCRINs nettsider", date: 2027-08-11}
      - {channel: "NorCRIN Nyhetsbrev", date: 2027-08-26}
    presented:
      - {forum: "styremøte", date: 2027-10-21}
      - {forum: "Brukermøte", date: 2027-11-11}
"""


def _code_and_chapters(root):
    """Hashes of the copy's code and chapters (not the render's caches and outputs)."""
    files = sorted(p for p in [*root.glob("analysis/**/*.py"), *root.glob("**/*.qmd")]
                   if p.is_file() and not {".cache", "_book", "_freeze"} & set(p.parts))
    return {str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def _edit_questionnaire(path):
    """The author's edits: rename an option (not comparable), drop q06, add q23."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    raw["questions"] = [q for q in raw["questions"] if q["id"] != DROPPED] + [ADDED]
    q10 = next(q for q in raw["questions"] if q["id"] == "q10")
    (option,) = [o for o in q10["options"] if o["label"] == OLD_OPTION]
    option["label"] = NEW_OPTION
    mapping = raw["compare_to"]
    del mapping["questions"][DROPPED], mapping["options"][DROPPED]
    mapping["questions"]["q23"] = None
    del mapping["options"]["q10"][OLD_OPTION]
    mapping["options"]["q10"][NEW_OPTION] = None
    path.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _synthetic_export(source, target, q2025):
    """The 2025 export as if the 2027 form had been answered: same three changes."""
    book = openpyxl.load_workbook(source)
    sheet = book.active
    headers = [c.value or "" for c in sheet[1]]
    dropped = q2025.question(DROPPED)
    (drop_col,) = [i + 1 for i, h in enumerate(headers) if h in (dropped.text, *dropped.headers)]
    q10 = q2025.question("q10")
    (q10_col,) = [i + 1 for i, h in enumerate(headers) if h in (q10.text, *q10.headers)]
    for row in range(2, sheet.max_row + 1):
        cell = sheet.cell(row=row, column=q10_col)
        if isinstance(cell.value, str):
            parts = cell.value.split(";")
            cell.value = ";".join(NEW_OPTION if p == OLD_OPTION else p for p in parts)
        for col in (2, 3, 6):  # start, completion, last modified: two years on
            stamp = sheet.cell(row=row, column=col)
            if isinstance(stamp.value, dt.datetime):
                stamp.value = stamp.value.replace(year=stamp.value.year + 2)
    new_col = sheet.max_column + 1
    sheet.cell(row=1, column=new_col, value=ADDED["text"])
    labels = [o["label"] for o in ADDED["options"]]
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row=row, column=new_col, value=labels[row % len(labels)])
    sheet.delete_rows(sheet.max_row - 5, 6)
    sheet.delete_cols(drop_col)
    book.save(target)


def _prepare(folder: Path) -> tuple[Path, dict]:
    """A copy of the project in ``folder`` after the author's steps 1-4 (no render yet):
    ``(root, hashes before)``."""
    from analysis.questionnaire import load_questionnaire

    root = copy_project(project_root(), folder / "project")
    before = _code_and_chapters(root)
    env = {**os.environ, "NORCRIN_ROOT": str(root)}
    done = subprocess.run([sys.executable, "-m", "analysis", "new-wave", "2027", "--from",
                           "2025"], cwd=root, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    data = root / "data"
    _edit_questionnaire(data / "questionnaires" / "2027.yaml")
    _synthetic_export(data / "reconstructed" / "forms-2025.xlsx",
                      data / "exports" / "forms-2027.xlsx", load_questionnaire(2025, root))
    manifest = data / "exports" / "MANIFEST.yaml"
    text = manifest.read_text(encoding="utf-8")
    assert text.count("export: null") == 1
    manifest.write_text(text.replace("export: null", "export: forms-2027.xlsx"),
                        encoding="utf-8")
    waves = data / "survey-waves.yaml"
    waves.write_text(waves.read_text(encoding="utf-8") + SURVEY_WAVE_2027, encoding="utf-8")
    quarto = root / "_quarto.yml"
    config = quarto.read_text(encoding="utf-8")
    for old, new in (('title: "NorCRIN brukerundersøkelse 2025"',
                      'title: "NorCRIN brukerundersøkelse 2027"'),
                     ('date: "2025-09-30"', 'date: "2027-09-30"'),
                     ("output-file: NorCRIN-brukerundersokelse-2025",
                      "output-file: NorCRIN-brukerundersokelse-2027")):
        assert config.count(old) == 1, old
        config = config.replace(old, new)
    quarto.write_text(config, encoding="utf-8")
    # no free-text coding at all: new-wave copied the codebook, nobody has coded an answer
    assert (data / "coding" / "2027" / "codebook.yaml").is_file()
    assert not (data / "coding" / "2027" / "decisions.csv").exists()
    assert not (data / "published" / "free-text-2027.yaml").exists()
    return root, before


def _prepare_and_render(folder: Path) -> tuple[Path, dict]:
    """Steps 1-5: the prepared copy rendered to HTML by the built-in engine, as the author
    runs it (``python -m analysis render --to html``)."""
    root, before = _prepare(folder)
    cli_render(root, "--to", "html", "--no-cache")
    return root, before


def request_background_renders(background, items) -> None:
    """The rehearsal runs in the background (``BackgroundRenders`` in tests/conftest.py) while
    the rest of the suite runs."""
    background.request("rehearsal-2027", _prepare_and_render, items[0][0])


@pytest.fixture(scope="module")
def rehearsal(request, tmp_path_factory):
    """``(root, hashes before)``: the copy after every step, its HTML rendered."""
    background = request.config.pluginmanager.get_plugin("norcrin-background-renders")
    if "rehearsal-2027" in background:
        return background.result("rehearsal-2027")
    return _prepare_and_render(tmp_path_factory.mktemp("rehearsal"))


@pytest.fixture(scope="module")
def prepared(rehearsal):
    """The copy after steps 1-4: the rendered one (a render changes no code, chapter or
    data file, which the first test checks after it)."""
    return rehearsal


def _text(root, chapter):
    page = root / "_book" / "chapters" / f"{chapter}.html"
    return BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")


def _book_text(root):
    pages = [root / "_book" / "index.html", *sorted((root / "_book" / "chapters").glob("*.html"))]
    return " ".join(BeautifulSoup(p.read_text(encoding="utf-8"), "html.parser").get_text(" ")
                    for p in pages)


DIFF_2025_2027 = """\
Questions added: 1
  q23 "Hvordan fikk du vite om undersøkelsen?"
Questions removed: 1
  q06 "Hvor ofte er du inne på NorCRINs hjemmesider?"
Questions reworded: none
Options added: 1
  q10 "Juridisk rådgivning og kontrakter"
Options removed: 1
  q10 "Juridisk rådgivning"
Options reworded: none

Comparisons the book leaves out: 4
  q23: new in 2027, no counterpart in 2025
  q06: asked in 2025 only
  q10 option "Juridisk rådgivning og kontrakter": no counterpart in 2025
  q10 option "Juridisk rådgivning" of 2025: no counterpart in 2027 (its 2025 count is left out)
"""


def test_the_author_changed_data_only(prepared):
    root, before = prepared
    assert _code_and_chapters(root) == before


def test_diff_questionnaires_lists_the_three_changes(prepared):
    root, _ = prepared
    env = {**os.environ, "NORCRIN_ROOT": str(root)}
    done = subprocess.run([sys.executable, "-m", "analysis", "diff-questionnaires", "2025",
                           "2027"], cwd=root, env=env, capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "Questionnaires 2025 -> 2027\n\n" + DIFF_2025_2027


def test_the_bundle_is_about_2027_and_compares_with_2025(prepared):
    from analysis.bundle import load_bundle
    from analysis.report import view

    root, _ = prepared
    bundle = load_bundle(root)
    assert bundle.years == [2023, 2025, 2027]
    assert bundle.current.respondents == RESPONDENTS_2027 and not bundle.current.reconstructed
    q10 = view(bundle, "q10")
    assert q10.prev_year == 2025
    assert not q10.prev_asked(NEW_OPTION) and q10.prev_asked("Kurs og seminar")
    assert view(bundle, "q07").prev_year == 2025


@pytest.mark.slow
def test_the_book_is_about_2027_and_compares_it_with_2025(rehearsal):
    root, _ = rehearsal
    values = json.loads((root / "_book" / "inline-values.json").read_text(encoding="utf-8"))
    previous = [v for v in values
                if v["expression"] in ("prev", "bundle.previous.year")
                or v["expression"].endswith(".prev_year")]
    assert previous, "the book names the previous wave somewhere"
    wrong = [(v["chapter"], v["line"], v["expression"], v["value"]) for v in previous
             if v["value"] != "2025"]
    assert not wrong, f"previous wave shown as other than 2025: {wrong}"
    title = BeautifulSoup((root / "_book" / "index.html").read_text(encoding="utf-8"),
                          "html.parser").title.get_text()
    assert "2027" in title and "2025" not in title
    years = [v for v in values if v["expression"].endswith(".year")
             and not v["expression"].endswith("previous.year")]  # current.year, q05.year ...
    assert all(v["value"] == "2027" for v in years), years


@pytest.mark.slow
def test_comparison_tables_name_2027_and_2025_never_2023(rehearsal):
    root, _ = rehearsal
    headings = []
    for page in sorted((root / "_book" / "chapters").glob("04-*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for table in soup.find_all("table"):
            heads = [th.get_text(" ", strip=True) for th in table.find_all("th")]
            headings.append((page.name, heads))
    compared = [h for _, h in headings if "Andel 2027" in h and "Andel 2025" in h]
    assert len(compared) >= 10  # q01-q05, q10, q14, q15, q18, q19 compare with 2025
    stale = [(name, h) for name, h in headings if any("2023" in x for x in h)]
    assert not stale, stale


@pytest.mark.slow
def test_the_renamed_option_is_shown_without_a_2025_value(rehearsal):
    root, _ = rehearsal
    soup = _text(root, "04-4-tjenester")
    rows = [[td.get_text(" ", strip=True) for td in tr.find_all("td")]
            for tr in soup.find_all("tr")]
    (row,) = [r for r in rows if r and r[0] == NEW_OPTION]
    assert row[1:3] == ["–", "–"]  # Antall 2025, Andel 2025: no counterpart
    assert not [r for r in rows if r and r[0] == OLD_OPTION]
    (svg,) = (root / "_book" / "chapters").glob(
        "04-4-tjenester_files/figure-html/fig-tjenester-q10-*.svg")
    assert "<!--  uten motstykke i 2025 -->" in svg.read_text(encoding="utf-8")


@pytest.mark.slow
def test_what_is_not_compared_is_said_in_a_sentence(rehearsal):
    root, _ = rehearsal
    text = " ".join(_book_text(root).split())
    assert (f"Spørsmål 6 fra 2025 («{DROPPED_TEXT}») ble ikke stilt i 2027, så det er ikke "
            "med i sammenlikningen.") in text
    assert (f"Alternativet «{NEW_OPTION}» har ikke noe motstykke i 2025 og sammenliknes "
            "ikke.") in text


@pytest.mark.slow
def test_the_new_question_is_listed_as_new(rehearsal):
    root, _ = rehearsal
    text = " ".join(_text(root, "02-bakgrunn-metode").get_text(" ").split())
    assert f"Spørsmål 23: «{ADDED['text']}»" in text


@pytest.mark.slow
def test_the_respondents_time_series_gains_a_2027_point(rehearsal):
    root, _ = rehearsal
    (svg,) = (root / "_book" / "chapters").glob(
        "05-sammenlikning_files/figure-html/fig-sammenlikning-respondenter-*.svg")
    # glyphs are paths; matplotlib leaves each text as a comment: ticks, then point labels
    labels = [line.strip()[5:-4] for line in svg.read_text(encoding="utf-8").splitlines()
              if line.strip().startswith("<!-- ") and line.strip().endswith(" -->")]
    assert "2027" in labels
    assert labels[-2:] == ["186", str(RESPONDENTS_2027)]  # 2025, then 2027
    values = json.loads((root / "_book" / "inline-values.json").read_text(encoding="utf-8"))
    now = [v["value"] for v in values if v["expression"] == "fmt.num(n_now)"]
    assert now and set(now) == {str(RESPONDENTS_2027)}


@pytest.mark.slow
def test_the_dropped_question_keeps_its_heading_and_a_sentence_in_place_of_the_rest(rehearsal):
    root, _ = rehearsal
    soup = _text(root, "04-3-nettsider")
    text = " ".join(soup.get_text(" ").split())
    chapter = soup.select_one("h1 .header-section-number").get_text(strip=True)  # e.g. "6"
    assert (f"{chapter}.2 Hvor ofte besøkes nettsidene? Spørsmål 6 («{DROPPED_TEXT}») ble ikke "
            f"stilt i 2027, så her er ingen resultater å vise. {chapter}.3 Hvor lett") in text
    page = str(soup)
    assert "tbl-nettsider-q06" not in page and "fig-nettsider-q06" not in page
    assert not soup.select(".question, .asked")
    # numbered as Quarto numbers them (its crossref runs after the filter): no gap for q06
    captions = [" ".join(c.get_text(" ").split())[:11] for c in soup.find_all("caption")]
    assert captions == [f"Tabell {chapter}.{i}:" for i in range(1, 5)]
    assert "?@" not in _book_text(root)


@pytest.mark.slow
def test_the_free_text_sections_say_how_many_answers_await_coding(rehearsal):
    from analysis.bundle import load_bundle
    from analysis.compute import respondents_answering

    root, _ = rehearsal
    bundle = load_bundle(root)
    text = " ".join(_book_text(root).split())
    for qid in ("q09", "q12", "q13", "q17", "q20", "q21", "q22"):
        n = respondents_answering(bundle.current.long, qid)
        assert n > 0, qid
        assert f"Ingen av de {n} svarene er kodet ennå, så kategoriene vises uten antall." \
            in text, qid
