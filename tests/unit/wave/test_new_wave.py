"""new-wave on a small hand-made project: what it writes, and what it refuses to overwrite."""

from __future__ import annotations

import pytest
import yaml

from analysis.cli import main
from analysis.manifest import read_manifest
from analysis.questionnaire import load_questionnaire
from analysis.questionnaire.compare import comparison_link
from analysis.wave import NewWaveError, new_wave

QUESTIONNAIRE_2025 = """\
# Hand-made 2025 questionnaire.
year: 2025
title: "Brukerundersøkelse 2025"
source: "hand-made"
questions:
  - {id: q01, number: 1, text: "Kjenner du oss?", type: single, new: true,
     note: "2025 only", options: [{label: "Ja"}, {label: "Nei", derived: true}]}
  - {id: q02, number: 2, text: "Hvor lett?", type: rating,
     scale: {low_label: "Vanskelig", high_label: "Lett"}}
  - {id: q03, number: 3, text: "Hva mer?", type: text}
"""

MANIFEST = """\
# Which export belongs to which wave. A comment the scaffold must keep.
waves:
- year: 2025
  export: forms-2025.xlsx   # and this one
  questionnaire: 2025
  reconstructed: false
"""


@pytest.fixture()
def project(tmp_path):
    (tmp_path / "data" / "questionnaires").mkdir(parents=True)
    (tmp_path / "data" / "exports").mkdir()
    (tmp_path / "data" / "questionnaires" / "2025.yaml").write_text(QUESTIONNAIRE_2025,
                                                                   encoding="utf-8")
    (tmp_path / "data" / "exports" / "MANIFEST.yaml").write_text(MANIFEST, encoding="utf-8")
    return tmp_path


def test_the_questionnaire_is_2025s_with_an_identity_mapping_back(project):
    made = new_wave(2027, 2025, project)
    assert made.questionnaire == project / "data" / "questionnaires" / "2027.yaml"
    q = load_questionnaire(made.questionnaire)
    assert q.year == 2027 and q.title == "Brukerundersøkelse 2027"
    assert q.ids == ["q01", "q02", "q03"]
    assert [o.label for o in q.question("q01").options] == ["Ja", "Nei"]
    assert q.question("q01").options[1].derived  # still not verbatim
    assert not any(q.new for q in q.questions)  # nothing is new against 2025 yet
    assert q.question("q01").note is None  # notes on 2025's results stay in 2025.yaml
    assert q.compare_to.model_dump() == {
        "target_year": 2025,
        "questions": {"q01": "q01", "q02": "q02", "q03": "q03"},
        "options": {"q01": {"Ja": "Ja", "Nei": "Nei"}},
        "breaks": {},
    }
    link = comparison_link(q, load_questionnaire(2025, project), "q01")
    assert link.previous_id == "q01" and link.option_map == {"Ja": "Ja", "Nei": "Nei"}
    text = made.questionnaire.read_text(encoding="utf-8")
    assert "diff-questionnaires 2025 2027" in text  # the comment on how to edit compare_to


def test_the_manifest_gains_an_entry_awaiting_the_export_and_keeps_its_comments(project):
    new_wave(2027, 2025, project)
    text = (project / "data" / "exports" / "MANIFEST.yaml").read_text(encoding="utf-8")
    assert text.startswith(MANIFEST)  # the old text, comments included, unchanged
    assert "# and this one" in text
    waves = {w.year: w for w in read_manifest(project).waves}
    assert sorted(waves) == [2025, 2027]
    entry = waves[2027]
    assert entry.export is None and entry.questionnaire == 2027
    assert entry.reconstructed is False and entry.publish_text is False
    assert yaml.safe_load(text)["waves"][1]["export"] is None


def test_the_checklist_names_every_decision(project, capsys):
    assert main(["new-wave", "2027", "--from", "2025", "--root", str(project)]) == 0
    printed = capsys.readouterr().out
    written = (project / "data" / "questionnaires" / "2027-CHECKLIST.md").read_text(
        encoding="utf-8")
    assert written in printed
    for item in ("data/questionnaires/2027.yaml", "compare_to",
                 "python -m analysis diff-questionnaires 2025 2027",
                 "data/survey-waves.yaml", "open_from", "announced", "recipients",
                 "data/published/free-text-2027.yaml", "recommendations",
                 "chapters/05-sammenlikning.qmd", "_quarto.yml", "data/exports/", "export: null",
                 "publish_text"):
        assert item in written, item
    assert "Options of the 1 choice questions" in written


@pytest.mark.parametrize("existing", ["2027.yaml", "2027-CHECKLIST.md"])
def test_an_existing_file_is_never_overwritten(project, existing, capsys):
    path = project / "data" / "questionnaires" / existing
    path.write_text("mine\n", encoding="utf-8")
    assert main(["new-wave", "2027", "--from", "2025", "--root", str(project)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path} exists; new-wave never overwrites a file")
    assert path.read_text(encoding="utf-8") == "mine\n"
    # nothing else was written either
    assert (project / "data" / "exports" / "MANIFEST.yaml").read_text(encoding="utf-8") == MANIFEST
    assert sorted(p.name for p in path.parent.iterdir()) == sorted(["2025.yaml", existing])


def test_an_existing_manifest_entry_is_never_overwritten(project):
    new_wave(2027, 2025, project)
    (project / "data" / "questionnaires" / "2027.yaml").unlink()
    (project / "data" / "questionnaires" / "2027-CHECKLIST.md").unlink()
    manifest = project / "data" / "exports" / "MANIFEST.yaml"
    before = manifest.read_text(encoding="utf-8")
    with pytest.raises(NewWaveError, match=f"{manifest}: already has an entry for 2027"):
        new_wave(2027, 2025, project)
    assert manifest.read_text(encoding="utf-8") == before


def test_the_new_wave_must_come_after_the_old(project):
    with pytest.raises(NewWaveError, match=r"the new wave \(2023\) must come after"):
        new_wave(2023, 2025, project)


def test_a_flow_style_manifest_is_not_edited_but_explained(project):
    from analysis.manifest import ManifestError

    manifest = project / "data" / "exports" / "MANIFEST.yaml"
    manifest.write_text("waves: [{year: 2025, export: a.xlsx, questionnaire: 2025, "
                        "reconstructed: false}]\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="add this entry under `waves:` by hand"):
        new_wave(2027, 2025, project)
    assert not (project / "data" / "questionnaires" / "2027.yaml").exists()


CODEBOOK_2025 = """\
year: 2025
source: reconstructed from the report
reconstructed: true
work_packages: [{id: kurs, name: Kurs}]
questions:
  q13:
    codes:
      - id: kurs
        label: Kurs og opplæring
        definition: Kurs.
        examples: [Veldig bra GCP-kurs]
        summary: [Sekretariatets punkt om 2025]
        routing: {work_package: kurs}
"""


def test_new_wave_copies_the_codebook_without_decisions_or_summaries(project):
    from analysis.coding import load_coding

    folder = project / "data" / "coding" / "2025"
    folder.mkdir(parents=True)
    (folder / "codebook.yaml").write_text(CODEBOOK_2025, encoding="utf-8")
    (folder / "decisions.csv").write_text("response_id,qid,code,coder,date,quote,excerpt\n",
                                          encoding="utf-8")
    made = new_wave(2027, 2025, project)
    assert made.codebook == project / "data" / "coding" / "2027" / "codebook.yaml"
    coding = load_coding(project, year=2027)
    assert coding.decisions.empty and not (made.codebook.parent / "decisions.csv").exists()
    book = coding.codebook
    assert book.year == 2027 and not book.reconstructed
    code = book.question("q13").code("kurs")
    assert code.label == "Kurs og opplæring" and code.examples == ("Veldig bra GCP-kurs",)
    assert code.routing.work_package == "kurs" and code.summary == ()
    assert "Copied from the 2025 codebook" in book.source


def test_new_wave_refuses_to_overwrite_a_codebook(project):
    for year in (2025, 2027):
        folder = project / "data" / "coding" / str(year)
        folder.mkdir(parents=True)
        (folder / "codebook.yaml").write_text(CODEBOOK_2025.replace("2025", str(year)),
                                              encoding="utf-8")
    with pytest.raises(NewWaveError, match="codebook.yaml exists"):
        new_wave(2027, 2025, project)
    assert not (project / "data" / "questionnaires" / "2027.yaml").exists()
