"""The 2025 coding derived from the report: every published count met, files up to date."""

from __future__ import annotations

import pytest

from analysis.coding import code_counts, load_coding
from analysis.freetext import load_free_text
from analysis.ingest import read_export
from analysis.paths import project_root
from analysis.questionnaire import load_questionnaire
from analysis.reconstruct.coding import derive_decisions, slug, write_coding


@pytest.fixture(scope="module")
def wide():
    root = project_root()
    return read_export(root / "data/reconstructed/forms-2025.xlsx",
                       load_questionnaire(2025, root)).wide


def test_slug():
    assert slug("Kurs og SOP`er") == "kurs-og-soper"
    assert slug("Prosjektstøtte, veiledning og relevans") == "prosjektstotte-veiledning-og-relevans"
    assert slug("Synlighet og kommunikasjon", "ros") == "ros-synlighet-og-kommunikasjon"


def test_every_published_count_is_met_by_the_decisions():
    coding = load_coding(year=2025)
    free_text = load_free_text(year=2025)
    assert coding.codebook.reconstructed
    for qid, question in free_text.questions.items():
        counts = code_counts(coding.codebook, coding.decisions, qid)
        assert counts["label"].tolist() == [c.name for c in question.categories]
        for category, got in zip(question.categories, counts["count"], strict=True):
            if category.count is not None:  # the report's number, from its own file
                assert got == category.count, (qid, category.name)
        # answers without content: the report's "not_useful", or those beyond "concrete"
        decided = coding.decisions[(coding.decisions["qid"] == qid)
                                   & (coding.decisions["code"] == "uten-innhold")]
        assert len(decided) == question.without_content, qid


def test_themes_without_counts_stay_uncoded(wide):
    free_text = load_free_text(year=2025)
    rows = derive_decisions(free_text, wide)
    for qid in ("q20", "q21", "q22"):
        codes = {r["code"] for r in rows if r["qid"] == qid}
        assert codes == {"uten-innhold"}, qid


def test_the_committed_files_are_what_reconstruct_writes(tmp_path, wide):
    root = project_root()
    (tmp_path / "data" / "coding").mkdir(parents=True)
    (tmp_path / "data" / "coding" / "routing.yaml").write_bytes(
        (root / "data/coding/routing.yaml").read_bytes())
    written = write_coding(tmp_path, load_free_text(year=2025), wide)
    for path in written:
        committed = root / path.relative_to(tmp_path)
        assert path.read_bytes() == committed.read_bytes(), committed


def test_a_route_to_an_unknown_code_is_refused():
    from analysis.reconstruct.coding import derive_codebook

    with pytest.raises(ValueError, match=r"routes name codes .*'q12.monitor'"):
        derive_codebook(load_free_text(year=2025), {"routes": {"q12.monitor": "local_support"}})
