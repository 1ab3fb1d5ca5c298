"""diff-questionnaires on two hand-made questionnaires; the expected text is written by hand."""

from __future__ import annotations

from questionnaire_pair import RAW_2025, q2025, q2027, raw

from analysis.questionnaire.diff import diff_questionnaires, format_diff

EXPECTED = """\
Questionnaires 2025 -> 2027

Questions added: 1
  q04 "Hva savner du?"
Questions removed: 1
  q03 "Hvor lett var det?"
Questions reworded: 1
  q01 (was q01 in 2025): "Hvor jobber du?" -> "Hvor arbeider du?"
Options added: 2
  q02 "Vet ikke"
  q02 "Ny kanal"
Options removed: 2
  q02 "Usikker"
  q02 "Aldri hørt om"
Options reworded: 1
  q02 "Kjenner godt" -> "Kjenner svært godt"

Comparisons the book leaves out: 6
  q04: new in 2027, no counterpart in 2025
  q03: asked in 2025 only
  q02 option "Vet ikke": no counterpart in 2025
  q02 option "Ny kanal": no counterpart in 2025
  q02 option "Usikker" of 2025: no counterpart in 2027 (its 2025 count is left out)
  q02 option "Aldri hørt om" of 2025: no counterpart in 2027 (its 2025 count is left out)"""


def test_added_removed_and_reworded_questions_and_options():
    d = diff_questionnaires(q2025(), q2027())
    assert d.questions_added == [("q04", "Hva savner du?")]
    assert d.questions_removed == [("q03", "Hvor lett var det?")]
    assert d.questions_reworded == [("q01", "q01", "Hvor jobber du?", "Hvor arbeider du?")]
    assert d.options_added == [("q02", "Vet ikke"), ("q02", "Ny kanal")]
    assert d.options_removed == [("q02", "Usikker"), ("q02", "Aldri hørt om")]
    assert d.options_reworded == [("q02", "Kjenner godt", "Kjenner svært godt")]


def test_the_plain_text_report():
    assert format_diff(diff_questionnaires(q2025(), q2027())) == EXPECTED


def test_a_wave_against_itself_has_no_changes_but_says_it_is_not_linked():
    text = format_diff(diff_questionnaires(q2025(), q2025().model_copy(update={"year": 2027})))
    assert "(no compare_to links 2027 with 2025: no question is compared)" in text
    assert "Questions added: 3" in text and "Questions removed: 3" in text


def test_the_command_prints_it_and_exits_0(tmp_path, capsys):
    import yaml

    from analysis.cli import main

    folder = tmp_path / "data" / "questionnaires"
    folder.mkdir(parents=True)
    (folder / "2025.yaml").write_text(yaml.safe_dump(raw(RAW_2025)), encoding="utf-8")
    (folder / "2027.yaml").write_text(yaml.safe_dump(q2027().model_dump(mode="json")),
                                      encoding="utf-8")
    assert main(["diff-questionnaires", "2025", "2027", "--root", str(tmp_path)]) == 0
    assert capsys.readouterr().out == EXPECTED + "\n"
