"""The whole coding loop on a hand-made export of twelve answers (issue 22, "Done when").

Codebook -> a first coder's decisions -> suggestions for the uncoded answers -> the coder
accepts the rule suggestions -> a second coder codes eight of the answers -> the book's
category table and counts -> Cohen's kappa per code and Krippendorff's alpha, checked against
values computed by hand (in the comments) -> REFI-QDA export read back -> routing.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from types import SimpleNamespace

import pandas as pd
import pytest
from pyrefiqda import RefiProject

from analysis.coding import (
    WaveCoding,
    answers_frame,
    check_decisions,
    code_counts,
    load_codebook,
    load_decisions,
)
from analysis.coding.agreement import alpha_per_question, kappa_per_code
from analysis.coding.load import append_decisions
from analysis.coding.refiqda import write_codebook, write_project
from analysis.coding.routes import routed_answers
from analysis.coding.suggest import accept, suggest
from analysis.commands.coding import status_text
from analysis.report import coding_method as cm
from analysis.report import free_text as ft

CODEBOOK = """\
year: 2027
source: hand-made test codebook
work_packages:
  - {id: kurs, name: Kurs og opplæring}
  - {id: regulatorisk, name: Regulatoriske og juridiske spørsmål}
questions:
  q13:
    codes:
      - id: kapasitet
        label: Ressurser og ventetid
        definition: For få folk, for lite tid, lang ventetid.
        keywords: [ventetid, kapasitet, ressurs]
        routing: local_support
      - id: kurs
        label: Kurs
        definition: Kursenes innhold eller form.
        keywords: [kurs, gcp]
        routing: {work_package: kurs}
      - id: juss
        label: Juss og personvern
        definition: Avtaler, forsikring, personvern.
        keywords: [avtale, personvern, gdpr]
        routing: {work_package: regulatorisk}
"""

#: The hand-made export: twelve respondents' answers to q13 (respondent 13 left it blank).
ANSWERS = {
    1: "Lang ventetid før vi fikk møte",
    2: "For lite kapasitet i forskningsstøtten",
    3: "GCP-kurset var for overfladisk",
    4: "Kurset burde vært på norsk",
    5: "Uklart om avtaler og forsikring",
    6: "Vet ikke",
    7: "Ingen hjelp med personvern og GDPR",
    8: "Nei",
    9: "Det tok lang tid og kurset var dårlig",
    10: "Ventetid på svar fra forskningsstøtten",
    11: "Personvernombudet svarte ikke",
    12: "Mangler ressurser lokalt",
    13: None,
}

#: The first coder (ab) codes answers 1-9 by hand; 9 gets two codes; 3 is marked as a quote.
FIRST = """\
response_id,qid,code,coder,date,quote,excerpt
1,q13,kapasitet,ab,2027-09-20,ja,
2,q13,kapasitet,ab,2027-09-20,,
3,q13,kurs,ab,2027-09-20,ja,
4,q13,kurs,ab,2027-09-20,,
5,q13,juss,ab,2027-09-20,,
6,q13,uten-innhold,ab,2027-09-20,,
7,q13,juss,ab,2027-09-20,ja,personvern og GDPR
8,q13,uten-innhold,ab,2027-09-20,,
9,q13,kapasitet,ab,2027-09-20,,
9,q13,kurs,ab,2027-09-20,,
"""

#: The second coder (cd) codes answers 1-8 without seeing ab's codes: differs on 4 and 8.
SECOND = """\
1,q13,kapasitet,cd,2027-09-22,,
2,q13,kapasitet,cd,2027-09-22,,
3,q13,kurs,cd,2027-09-22,,
4,q13,kapasitet,cd,2027-09-22,,
5,q13,juss,cd,2027-09-22,,
6,q13,uten-innhold,cd,2027-09-22,,
7,q13,juss,cd,2027-09-22,,
8,q13,juss,cd,2027-09-22,,
"""


@pytest.fixture
def loop(tmp_path):
    (tmp_path / "codebook.yaml").write_text(CODEBOOK, encoding="utf-8")
    (tmp_path / "decisions.csv").write_text(FIRST, encoding="utf-8")
    codebook = load_codebook(path=tmp_path / "codebook.yaml")
    wide = pd.DataFrame({"q13": list(ANSWERS.values())},
                        index=pd.Index(list(ANSWERS), name="respondent"))
    return SimpleNamespace(folder=tmp_path, codebook=codebook, wide=wide,
                           answers=answers_frame(wide, codebook.questions))


def _bundle(loop, decisions):
    coding = WaveCoding(loop.codebook, decisions, loop.folder)
    return SimpleNamespace(coding=coding, free_text=None,
                           current=SimpleNamespace(year=2027,
                                                   export=SimpleNamespace(wide=loop.wide)))


def test_the_whole_loop(loop):
    path = loop.folder / "decisions.csv"
    decisions = load_decisions(path, loop.codebook)
    assert len(loop.answers) == 12  # the blank answer is not an answer
    check_decisions(decisions, loop.answers, str(path))

    # before any suggestion is accepted the book counts only what people decided
    counts = code_counts(loop.codebook, decisions, "q13").set_index("code")["count"]
    assert counts.to_dict() == {"kapasitet": 3, "kurs": 3, "juss": 2}  # 1, 2, 9 | 3, 4, 9 | 5, 7

    # suggestions for the three uncoded answers; the rules fire on ventetid/personvern/ressurs
    suggestions = suggest(loop.codebook, decisions, loop.answers)
    assert set(suggestions["response_id"]) == {10, 11, 12}
    rules = suggestions[suggestions["source"] == "rule"]
    assert sorted(zip(rules["response_id"], rules["code"], strict=True)) == [
        (10, "kapasitet"), (11, "juss"), (12, "kapasitet")]
    # a rule's confidence is its precision on coded answers: "ventetid" matched answer 1 only,
    # which ab coded kapasitet -> 1.0; "personvern" matched answer 7 (juss) -> 1.0; "ressurs"
    # matched no coded answer -> NaN
    assert rules["version"].tolist() == ["keyword:ventetid", "keyword:personvern",
                                         "keyword:ressurs"]
    assert rules["confidence"].iloc[:2].tolist() == [1.0, 1.0]
    assert pd.isna(rules["confidence"].iloc[2])
    model = suggestions[suggestions["source"] == "model"]
    assert model["version"].str.startswith("tfidf-char_wb-2-5+logreg").all()
    assert model["confidence"].between(0, 1).all()
    # suggestions are not decisions: the counts have not moved
    assert code_counts(loop.codebook, decisions, "q13")["count"].sum() == 8

    # ab accepts the rule suggestions; they become ab's decisions, dated
    accepted = accept(rules, "ab", dt.date(2027, 9, 21))
    decisions = append_decisions(path, accepted, loop.codebook)
    # the second coder's decisions are added to the same file
    path.write_text(path.read_text(encoding="utf-8") + SECOND, encoding="utf-8")
    decisions = load_decisions(path, loop.codebook)
    check_decisions(decisions, loop.answers, str(path))

    # the book's category table: ab coded first, so the book follows ab
    # kapasitet: 1, 2, 9, 10, 12 -> 5; kurs: 3, 4, 9 -> 3; juss: 5, 7, 11 -> 3
    bundle = _bundle(loop, decisions)
    table = ft.categories(bundle, "q13", with_examples=True).frame
    assert table["Kategori"].tolist() == ["Ressurser og ventetid", "Kurs", "Juss og personvern"]
    assert table["Antall"].tolist() == ["5", "3", "3"]
    assert table["Eksempler på svar"].tolist() == [
        "«Lang ventetid før vi fikk møte»", "«GCP-kurset var for overfladisk»",
        "«personvern og GDPR»"]
    assert str(ft.without_content(bundle, "q13")) == "2"
    assert str(ft.awaiting(bundle, "q13")) == "0"
    assert str(ft.coding_note(bundle, "q13")) == "Alle de 12 svarene er kodet."

    # Cohen's kappa per code over the eight answers both coded, by hand:
    # kapasitet ab 11000000, cd 11010000: po = 7/8, pe = 2/8*3/8 + 6/8*5/8 = 9/16 -> 5/7
    # kurs      ab 00110000, cd 00100000: po = 7/8, pe = 2/8*1/8 + 6/8*7/8 = 11/16 -> 3/5
    # juss like kapasitet (5/7); uten-innhold like kurs (3/5)
    kappa = kappa_per_code(loop.codebook, decisions, "q13").set_index("code")
    assert kappa["shared"].unique().tolist() == [8]
    assert kappa["kappa"].to_dict() == pytest.approx(
        {"kapasitet": 5 / 7, "kurs": 3 / 5, "juss": 5 / 7, "uten-innhold": 3 / 5})

    # Krippendorff's alpha (nominal) over the eight units, by hand: values per code
    # K 5, C 3, J 5, N 3 (n = 16); two units disagree -> Do = 4/16; De = (256 - 68) / 240;
    # alpha = 1 - (1/4) / (188/240) = 32/47
    alpha, units = alpha_per_question(decisions, "q13")
    assert units == 8
    assert alpha == pytest.approx(32 / 47)

    # the method chapter's sentence (kappa range 3/5 .. 5/7, Norwegian decimals)
    sentence = str(cm.agreement(bundle))
    assert sentence.startswith("8 svar er kodet av to personer")
    assert "spørsmål 13: α = 0,68 (8 svar)" in sentence
    assert "mellom 0,60 og 0,71" in sentence

    text = status_text(WaveCoding(loop.codebook, decisions, loop.folder), loop.answers)
    assert text.splitlines()[1].split() == ["q13", "12", "12", "0", "2", "8", "0.68"]
    assert "q13 kurs: kappa 0.60 (8 answers)" in text


def test_export_as_refi_qda_and_read_back(loop, tmp_path):
    decisions = load_decisions(loop.folder / "decisions.csv", loop.codebook)
    qdc = write_codebook(loop.codebook, tmp_path / "out" / "codebook.qdc")
    assert 'xmlns="urn:QDA-XML:codebook:1.0"' in qdc.read_text(encoding="utf-8")
    qdpx = write_project(loop.codebook, decisions, loop.answers, tmp_path / "out" / "p.qdpx")
    with zipfile.ZipFile(qdpx) as archive:
        assert archive.namelist() == ["project.qde"]
        assert b'xmlns="urn:QDA-XML:project:1.0"' in archive.read("project.qde")
    project = RefiProject.load(qdpx, extract_dir=str(tmp_path / "read"))
    assert [u.name for u in project.users.user] == ["ab"]
    (question,) = project.code_book.codes.code
    children = {c.guid: c.name for c in question.code}
    assert list(children.values()) == ["Ressurser og ventetid", "Kurs", "Juss og personvern",
                                       "Uten innhold"]
    sources = project.sources.text_source
    assert len(sources) == 12
    coded = [(s.name, children[sel.coding[0].code_ref.target_guid],
              s.plain_text_content[sel.start_position:sel.end_position])
             for s in sources for sel in s.plain_text_selection]
    assert len(coded) == 10  # one selection per decision
    assert ("q13 svar 7", "Juss og personvern", "personvern og GDPR") in coded
    assert ("q13 svar 9", "Kurs", ANSWERS[9]) in coded
    # the same inputs give the same file (GUIDs derived, not random)
    again = write_project(loop.codebook, decisions, loop.answers, tmp_path / "out" / "q.qdpx")
    with zipfile.ZipFile(qdpx) as a, zipfile.ZipFile(again) as b:
        assert a.read("project.qde") == b.read("project.qde")


def test_routing(loop):
    decisions = load_decisions(loop.folder / "decisions.csv", loop.codebook)
    routed = routed_answers(loop.codebook, decisions)
    assert list(routed.columns) == ["response_id", "qid", "code", "route", "work_package"]
    assert len(routed) == 8  # ten decisions, two of them uten-innhold
    row = routed[routed["response_id"] == 9].set_index("code")
    assert row.loc["kapasitet", "route"] == "local_support"
    assert row.loc["kapasitet", "work_package"] is None
    assert row.loc["kurs", "route"] == "work_package"
    assert row.loc["kurs", "work_package"] == "kurs"
