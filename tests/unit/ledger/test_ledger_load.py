"""Loading the ledger: schema errors name the file and the figure; hand-made tiny ledgers."""

from __future__ import annotations

import pytest

from analysis.ledger import Basis, LedgerError, load_contradictions, load_ledger
from analysis.ledger.check import option_problems, quote_problems
from analysis.questionnaire import Questionnaire

SOURCE = "source: {id: tiny, title: Tiny, document: tiny.txt}\n"


def write(root, name, text):
    folder = root / "data" / "published"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder / name


GOOD = SOURCE + """figures:
  - {id: t-n, year: 2025, question: null, kind: n, value: 186, section: "1",
     quote: "186 svar", basis: respondents}
  - {id: t-godt, year: 2025, question: 3, option: "Kjenner godt", kind: percent, value: 42,
     section: "4.2", quote: "42% kjenner godt"}
  - {id: t-sum, year: 2025, question: 7, option: [4, 5], kind: percent, value: 49,
     section: "4.3", quote: "score 4 eller 5"}
  - {id: t-mean, year: 2025, question: 11, kind: mean, value: 3.99, decimals: 2,
     section: "4.4", quote: "3,99", qualifier: about}
"""


def test_tiny_ledger_loads_with_one_row_per_figure(tmp_path):
    write(tmp_path, "tiny.yaml", GOOD)
    ledger = load_ledger(tmp_path).frame().set_index("id")
    assert list(ledger.index) == ["t-n", "t-godt", "t-sum", "t-mean"]
    assert ledger.loc["t-n", "option"] == ()
    assert ledger.loc["t-godt", "option"] == ("Kjenner godt",)
    assert ledger.loc["t-sum", "option"] == (4, 5)
    assert ledger.loc["t-n", "question"] is None
    assert ledger.loc["t-mean", "value"] == 3.99
    assert ledger.loc["t-mean", "qualifier"] == "about"
    assert set(ledger["source"]) == {"tiny"}


def test_structured_bases_load_as_enums_with_their_fields(tmp_path):
    write(tmp_path, "tiny.yaml", SOURCE + """figures:
  - {id: t-q9, year: 2025, question: 9, kind: n, value: 74, section: "4.3",
     quote: "74 (av 186)", basis: respondents, of: 186}
  - {id: t-up, year: 2025, question: 3, option: "Kjenner godt", kind: percent, value: 12,
     section: "1", quote: "en økning på 12%", basis: change, from_wave: 2023}
  - {id: t-ctx, year: 2025, question: null, kind: count, value: 170, section: "3",
     quote: "ca. 170 mottakere", basis: context, what: "recipients of group b"}
""")
    ledger = load_ledger(tmp_path)
    assert (ledger.figure("t-q9").basis, ledger.figure("t-q9").of) == (Basis.RESPONDENTS, 186)
    assert ledger.figure("t-up").from_wave == 2023
    assert ledger.figure("t-ctx").what == "recipients of group b"
    assert ledger.figure("t-ctx").basis.denominator is None
    assert ledger.figure("t-q9").basis.denominator == "respondents"


def test_other_yaml_files_in_the_folder_are_not_ledger_files(tmp_path):
    write(tmp_path, "tiny.yaml", GOOD)
    write(tmp_path, "free-text-2025.yaml", "year: 2025\nsource: a report\nquestions: {}\n")
    assert len(load_ledger(tmp_path)) == 4


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ('kind: share, value: 4', "kind"),
        ('kind: percent, value: 142', "outside 0-100"),
        ('kind: mean, value: 3.999, decimals: 2', "more than 2 decimals"),
        ('kind: count, value: 4.5, decimals: 1', "not a whole number"),
        ('kind: n, option: "Ja", value: 4', "takes no option"),
        ('kind: percent, value: 4, basis: "all ticks"', "basis"),
        ('kind: percent, value: 4, basis: change', "needs from_wave"),
        ('kind: count, value: 4, basis: context', "needs what"),
        ('kind: n, value: 4, basis: n, of: 186', "of goes with basis respondents"),
        ('kind: percent, value: 4, from_wave: 2023', "from_wave goes with basis change"),
    ],
)
def test_malformed_figure_names_file_index_and_id(tmp_path, entry, expected):
    path = write(tmp_path, "bad.yaml", SOURCE + (
        "figures:\n"
        '  - {id: ok-1, year: 2025, kind: n, value: 1, section: "1", quote: "one"}\n'
        f'  - {{id: broken-2, year: 2025, question: 5, {entry}, section: "4", quote: "q q"}}\n'
    ))
    with pytest.raises(LedgerError) as err:
        load_ledger(tmp_path)
    message = str(err.value)
    assert str(path) in message
    assert "figures[1] id='broken-2'" in message
    assert expected in message


def test_duplicate_id_across_files_names_both(tmp_path):
    first = write(tmp_path, "a.yaml", GOOD)
    second = write(tmp_path, "b.yaml", GOOD.replace("id: tiny", "id: other"))
    with pytest.raises(LedgerError) as err:
        load_ledger(tmp_path)
    assert str(first) in str(err.value) and str(second) in str(err.value)
    assert "'t-n'" in str(err.value)


def test_contradiction_naming_an_unknown_figure_is_refused(tmp_path):
    write(tmp_path, "tiny.yaml", GOOD)
    path = write(tmp_path, "contradictions.yaml", (
        "source: tiny\ncontradictions:\n"
        "  - {id: c-1, kind: arithmetic, figures: [t-godt, t-missing], quote: 42%,"
        " explanation: 'does not add up at all'}\n"
    ))
    with pytest.raises(LedgerError) as err:
        load_contradictions(tmp_path)
    assert str(path) in str(err.value)
    assert "'c-1'" in str(err.value) and "t-missing" in str(err.value)


def test_contradictions_load_when_ids_exist(tmp_path):
    write(tmp_path, "tiny.yaml", GOOD)
    write(tmp_path, "contradictions.yaml", (
        "source: tiny\ncontradictions:\n"
        "  - {id: c-1, kind: wording, figures: [t-godt], quote: 42%,"
        " explanation: 'said to rise, but fell'}\n"
    ))
    [item] = load_contradictions(tmp_path)
    assert item.figures == ["t-godt"]
    assert len(load_ledger(tmp_path)) == 4  # contradictions.yaml is not a ledger file


def test_quote_and_option_checks_report_each_problem(tmp_path):
    write(tmp_path, "tiny.yaml", GOOD)
    ledger = load_ledger(tmp_path)
    doc = tmp_path / "tiny.txt"
    doc.write_text("fikk 186\n  svar. 42% kjenner\ngodt. 3,99", encoding="utf-8")
    problems = quote_problems(ledger, {"tiny": doc})
    assert [p.split(":")[0] for p in problems] == ["t-sum"]
    form = Questionnaire.model_validate({
        "year": 2025, "title": "t", "source": "s", "questions": [
            {"id": "q03", "number": 3, "text": "a", "type": "single",
             "options": [{"label": "Kjenner litt"}]},
            {"id": "q07", "number": 7, "text": "b", "type": "rating",
             "scale": {"max": 4, "low_label": "x", "high_label": "y"}},
        ]})
    problems = option_problems(ledger, {2025: form})
    assert problems == [
        "t-godt: q03 (2025) has no option 'Kjenner godt'",
        "t-sum: q07 (2025) has no option 5",
        "t-mean: 2025 questionnaire has no q11",
    ]
