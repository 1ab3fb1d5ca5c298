"""Every pack of the hand-made export, rendered, against the figures computed by hand
(:mod:`handmade`): respondents, suppressed cells (primary, secondary, differencing), routed
answers and the withheld count."""

from __future__ import annotations

import handmade
import openpyxl
import pytest
from bs4 import BeautifulSoup
from pypdf import PdfReader

REGIONS = ["sor-ost", "vest", "midt", "nord", "nasjonalt"]
NBSP = "\u00a0"


def _soup(folder, slug):
    return BeautifulSoup((folder / f"{slug}.html").read_text(encoding="utf-8"), "html.parser")


def _tables(soup):
    """Every table as rows of cell texts (header row first)."""
    out = []
    for table in soup.find_all("table"):
        out.append([[c.get_text(" ", strip=True).replace(NBSP, " ")
                     for c in tr.find_all(["th", "td"])] for tr in table.find_all("tr")])
    return out


def _table_with(soup, first_label):
    for table in _tables(soup):
        if any(row and row[0] == first_label for row in table):
            return {row[0]: tuple(row[1:]) for row in table[1:]}
    raise AssertionError(f"no table with a row {first_label!r}")


@pytest.mark.slow
@pytest.mark.parametrize("slug", REGIONS)
def test_every_pack_is_written_as_pdf_html_and_spreadsheet(handmade_packs, slug):
    for suffix in ("pdf", "html", "xlsx"):
        assert (handmade_packs / f"{slug}.{suffix}").stat().st_size > 0
    assert (handmade_packs / "arbeidspakker.pdf").is_file()


@pytest.mark.slow
@pytest.mark.parametrize("slug", REGIONS)
def test_respondents_of_the_region_and_the_rest(handmade_packs, slug):
    table = _table_with(_soup(handmade_packs, slug), "Respondenter")
    expected = handmade.RESPONDENTS[slug] or ("skjult", "skjult")
    assert table["Respondenter"] == expected


@pytest.mark.slow
@pytest.mark.parametrize("slug", REGIONS)
def test_key_figures_with_suppressed_cells(handmade_packs, slug):
    table = _table_with(_soup(handmade_packs, slug), "Kjenner godt")
    for label, cells in handmade.Q03[slug].items():
        assert table[label] == cells, (slug, label)


@pytest.mark.slow
def test_roles_hide_what_the_national_table_would_give_away(handmade_packs):
    table = _table_with(_soup(handmade_packs, "vest"), "Forsker/utprøver")
    for label, cells in handmade.VEST_ROLES.items():
        assert table[label] == cells, label


@pytest.mark.slow
@pytest.mark.parametrize("slug", REGIONS)
def test_routed_answers_and_the_withheld_count(handmade_packs, slug):
    total, quoted, withheld = handmade.ANSWERS[slug]
    text = _soup(handmade_packs, slug).get_text(" ", strip=True).replace(NBSP, " ")
    assert (f"{total} fritekstsvar er sendt til regionen. {total - withheld} av dem er "
            f"gjengitt nedenfor. {withheld} er holdt tilbake") in text
    items = [li.get_text(" ", strip=True) for li in _soup(handmade_packs, slug).find_all("li")]
    assert items == quoted
    for i, (_, _, _, answer) in enumerate(handmade.TEXTS):
        if answer not in quoted:
            assert answer not in text, (slug, i)
    assert "912 34 567" not in text
    sheet = openpyxl.load_workbook(handmade_packs / f"{slug}.xlsx").active
    rows = list(sheet.iter_rows(min_row=3, values_only=True))
    assert len(rows) == total
    assert sorted(r[2] for r in rows if r[2]) == sorted(quoted)
    assert sum(1 for r in rows if r[5]) == withheld
    assert sheet.cell(row=2, column=7).value.startswith("Oppfølging")


@pytest.mark.slow
def test_work_packages_collect_their_input(handmade_packs):
    soup = BeautifulSoup((handmade_packs / "arbeidspakker.html").read_text(encoding="utf-8"),
                         "html.parser")
    items = [li.get_text(" ", strip=True) for li in soup.find_all("li")]
    assert items == [handmade.PACKAGES[p][1][0] for p in ("kommunikasjon", "internasjonalt")]
    for package, (total, _quoted, withheld) in handmade.PACKAGES.items():
        sheet = openpyxl.load_workbook(handmade_packs / f"arbeidspakker-{package}.xlsx").active
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
        assert len(rows) == total
        assert sum(1 for r in rows if r[5]) == withheld


@pytest.mark.slow
@pytest.mark.parametrize("slug", REGIONS)
def test_the_first_page_states_the_policy_and_what_was_withheld(handmade_packs, slug):
    first = PdfReader(handmade_packs / f"{slug}.pdf").pages[0].extract_text()
    flat = " ".join(first.split())
    assert "Holdt tilbake." in flat
    assert "fra 1 til 4 vises ikke" in flat
    assert "minst 10 svarte" in flat
    assert "DEMO" not in flat  # real (hand-made) data: no demo notice


@pytest.mark.slow
@pytest.mark.parametrize("slug", REGIONS)
def test_no_printed_cell_nor_a_difference_with_the_book_reveals_a_small_count(
        handmade_packs, handmade_project, slug):
    """Read every table of the pack as a reader would, put the book's national counts beside
    it, and let the independent check derive what it can."""
    from analysis.bundle import load_bundle
    from analysis.disclosure import PrintedRow, leaks, load_policy
    from analysis.packs.tables import option_counts

    wave = load_bundle(handmade_project).current
    policy = load_policy(handmade_project)
    tables = _tables(_soup(handmade_packs, slug))
    # tables[0] respondents; then roles (q01, several answers), q03 and q15 (single choice)
    for table, qid, additive in ((tables[1], "q01", False), (tables[2], "q03", True),
                                 (tables[3], "q15", True)):
        labels, _, national, _, _ = option_counts(wave, qid, frozenset())
        body = {row[0]: row[1:] for row in table[1:]}
        rows = [PrintedRow(label, _count(body[label][0]), _count(body[label][2]), n)
                for label, n in zip(labels, national, strict=True)]
        base = body["Svarte på spørsmålet"]
        found = leaks(rows, _count(base[0]), _count(base[2]), policy, additive)
        assert found == [], (slug, qid, found)
    respondents = tables[0][1][1:]
    assert all(c == "skjult" or not policy.small(int(c)) for c in respondents)


@pytest.fixture(scope="module")
def handmade_project(tmp_path_factory):
    """A copy of the project whose 2025 wave is the hand-made export (no conftest here: the
    engine tests import theirs by name)."""
    return handmade.make_project(tmp_path_factory.mktemp("packs") / "project")


@pytest.fixture(scope="module")
def handmade_packs(handmade_project):
    return handmade.render_packs(handmade_project)


def _count(cell: str) -> int | None:
    return None if cell == "skjult" else int(cell)
