"""The free-text file loads, holds the report's numbers, and rejects malformed entries."""

from pathlib import Path

import pytest
import yaml

from analysis.freetext import FreeTextError, free_text_path, load_free_text


def test_all_free_text_questions_present(free_text):
    assert sorted(free_text.questions) == ["q09", "q12", "q13", "q17", "q20", "q21", "q22"]
    assert free_text.respondents == 186


@pytest.mark.parametrize(
    ("qid", "answered", "not_useful", "concrete"),
    [  # section 4.3-4.8 of the 2025 report
        ("q09", 74, 16, None),
        ("q12", 47, 13, None),
        ("q13", 34, 14, None),
        ("q17", 18, None, 7),
        ("q20", 183, None, 91),
        ("q21", 183, None, 57),
        ("q22", 183, None, 68),
    ],
)
def test_stated_numbers(free_text, qid, answered, not_useful, concrete):
    q = free_text.question(qid)
    assert (q.answered, q.not_useful, q.concrete) == (answered, not_useful, concrete)


def test_q12_category_counts_from_report(free_text):
    cats = free_text.question("q12").categories
    assert [(c.name, c.count) for c in cats] == [
        ("Veiledning og rådgivning", 11),
        ("Tilgjengelighet og svartid", 9),
        ("Kompetanse og profesjonalitet", 9),
        ("Kurs og SOP`er", 5),
    ]


def test_q09_three_named_categories(free_text):
    cats = free_text.question("q09").categories
    assert [(c.name, c.count) for c in cats] == [
        ("Positive tilbakemeldinger", 26),
        ("Utfordringer", 21),
        ("Konkrete forbedringsforslag", 11),
    ]
    assert [q.text for q in cats[0].quotes] == ["Fungerer fint", "Bra layout",
                                                "Under positiv utvikling"]


def test_q13_counts_from_report(free_text):
    assert [c.count for c in free_text.question("q13").categories] == [6, 5, 3, 3, 3, 3]


def test_summaries_are_not_quotes_in_q20_to_q22(free_text):
    for qid in ("q20", "q21", "q22"):
        q = free_text.question(qid)
        assert q.themes_by == "secretariat_with_copilot"
        assert all(not c.quotes and c.themes for c in q.categories)


def test_q22_polarity(free_text):
    pols = [c.polarity for c in free_text.question("q22").categories]
    assert pols == ["ris"] * 5 + ["ros"] * 3


def test_unknown_question_names_known_ids(free_text):
    with pytest.raises(KeyError, match="q05.*q09"):
        free_text.question("q05")


def _write_broken(tmp_path: Path, mutate) -> Path:
    raw = yaml.safe_load(free_text_path(2025).read_text(encoding="utf-8"))
    mutate(raw)
    path = tmp_path / "free-text-2025.yaml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    return path


def test_malformed_count_names_file_and_entry(tmp_path):
    def mutate(raw):
        raw["questions"]["q12"]["categories"][0]["count"] = "elleve"

    path = _write_broken(tmp_path, mutate)
    with pytest.raises(FreeTextError) as err:
        load_free_text(path=path)
    message = str(err.value)
    assert str(path) in message
    assert "questions.q12.categories[0].count" in message
    assert "integer" in message and "'elleve'" in message


def test_unknown_field_is_rejected(tmp_path):
    def mutate(raw):
        raw["questions"]["q13"]["categories"][2]["quotes"][0]["txt"] = "x"

    with pytest.raises(FreeTextError, match=r"q13\.categories\[2\]\.quotes\[0\]\.txt"):
        load_free_text(path=_write_broken(tmp_path, mutate))


def test_not_useful_above_answered_is_rejected(tmp_path):
    def mutate(raw):
        raw["questions"]["q09"]["not_useful"] = 75

    with pytest.raises(FreeTextError, match="not_useful 75 exceeds answered 74"):
        load_free_text(path=_write_broken(tmp_path, mutate))


def test_missing_file_names_path(tmp_path):
    with pytest.raises(FreeTextError, match="free-text-2025.yaml: free-text file not found"):
        load_free_text(root=tmp_path, year=2025)
