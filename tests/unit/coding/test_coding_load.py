"""Codebook and decisions files: a bad entry is refused with the file, line and column."""

from __future__ import annotations

import pytest

from analysis.coding import CodingError, load_codebook, load_decisions

CODEBOOK = """\
year: 2027
source: test
work_packages: [{id: kurs, name: Kurs}]
questions:
  q13:
    codes:
      - {id: kurs, label: Kurs, definition: Kurs., routing: {work_package: kurs}}
"""
HEADER = "response_id,qid,code,coder,date,quote,excerpt\n"


@pytest.fixture
def codebook(tmp_path):
    path = tmp_path / "codebook.yaml"
    path.write_text(CODEBOOK, encoding="utf-8")
    return load_codebook(path=path)


@pytest.mark.parametrize(("row", "message"), [
    ("x,q13,kurs,ab,2027-09-01,,", "line 2, column response_id: expected the export's response"),
    ("1,q99,kurs,ab,2027-09-01,,", "line 2, column qid: expected a question of the codebook"),
    ("1,q13,kursus,ab,2027-09-01,,", "line 2, column code: expected a code of q13"),
    ("1,q13,kurs,,2027-09-01,,", "line 2, column coder: expected who decided"),
    ("1,q13,kurs,ab,1.9.2027,,", "line 2, column date: expected a date as YYYY-MM-DD"),
    ("1,q13,kurs,ab,2027-09-01,kanskje,", "line 2, column quote: expected 'ja'"),
])
def test_a_bad_decision_names_file_line_and_column(tmp_path, codebook, row, message):
    path = tmp_path / "decisions.csv"
    path.write_text(HEADER + row + "\n", encoding="utf-8")
    with pytest.raises(CodingError, match="decisions.csv, " + message.split(",")[0]) as info:
        load_decisions(path, codebook)
    assert message in str(info.value)


def test_a_repeated_decision_is_refused(tmp_path, codebook):
    path = tmp_path / "decisions.csv"
    path.write_text(HEADER + "1,q13,kurs,ab,2027-09-01,,\n" * 2, encoding="utf-8")
    with pytest.raises(CodingError, match="line 3: repeats the decision of line 2"):
        load_decisions(path, codebook)


def test_no_content_is_always_a_code(tmp_path, codebook):
    path = tmp_path / "decisions.csv"
    path.write_text(HEADER + "1,q13,uten-innhold,ab,2027-09-01,,\n", encoding="utf-8")
    assert load_decisions(path, codebook)["code"].tolist() == ["uten-innhold"]


@pytest.mark.parametrize(("edit", "message"), [
    (("work_package: kurs}", "work_package: lab}"), "routing names work package 'lab'"),
    (("id: kurs, label", "id: Kurs!, label"), "questions.q13.codes[0]"),
    (("q13:", "Q13:"), "question ids must look like 'q09'"),
])
def test_a_bad_codebook_names_the_entry(tmp_path, edit, message):
    path = tmp_path / "codebook.yaml"
    path.write_text(CODEBOOK.replace(*edit), encoding="utf-8")
    with pytest.raises(CodingError, match="codebook.yaml") as info:
        load_codebook(path=path)
    assert message in str(info.value)


def test_an_excerpt_not_in_the_answer_is_a_warning_and_no_quote(tmp_path, codebook):
    import pandas as pd

    from analysis.coding import answers_frame, check_decisions
    from analysis.coding.tally import ExcerptWarning

    path = tmp_path / "decisions.csv"
    path.write_text(HEADER + "1,q13,kurs,ab,2027-09-01,ja,GCP\n2,q13,kurs,ab,2027-09-01,ja,\n",
                    encoding="utf-8")
    decisions = load_decisions(path, codebook)
    wide = pd.DataFrame({"q13": ["Kurset var bra", "Mer kurs"]}, index=pd.Index([1, 2]))
    answers = answers_frame(wide, ["q13"])
    with pytest.warns(ExcerptWarning, match=r"decisions.csv, lines 2, column excerpt"):
        checked = check_decisions(decisions, answers, str(path))
    assert checked["quote"].tolist() == [False, True]
    assert checked["excerpt"].tolist() == ["", ""]
    wide.index = pd.Index([1, 3])
    with pytest.raises(CodingError, match="line 3: response 2 gave no answer to q13"):
        check_decisions(decisions, answers_frame(wide, ["q13"]), str(path))
