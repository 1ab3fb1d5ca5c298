"""The bundle's manifest: errors name the file and entry; determined counts are read."""

import pytest
import yaml

from analysis.bundle import Wave
from analysis.count_ranges import determined_counts, determined_sums, read_ranges
from analysis.manifest import ManifestError, read_manifest


def _root(tmp_path, manifest):
    exports = tmp_path / "data" / "exports"
    exports.mkdir(parents=True)
    (exports / "MANIFEST.yaml").write_text(manifest, encoding="utf-8")
    return tmp_path


def test_a_missing_manifest_says_how_to_make_one(tmp_path):
    (tmp_path / "data" / "exports").mkdir(parents=True)
    with pytest.raises(ManifestError, match=r"MANIFEST.yaml: manifest not found .*reconstruct"):
        read_manifest(tmp_path)


def test_an_invalid_entry_names_the_file_and_field(tmp_path):
    root = _root(tmp_path, "waves:\n  - year: 2025\n    export: x.xlsx\n    questionnaire: 2025\n")
    expected = r"MANIFEST.yaml: does not fit the manifest schema:\n  waves\[0\].reconstructed"
    with pytest.raises(ManifestError, match=expected):
        read_manifest(root)


def test_a_valid_manifest_is_read(tmp_path):
    root = _root(tmp_path, "waves:\n  - {year: 2025, export: x.xlsx, questionnaire: 2025, "
                           "reconstructed: false}\n")
    (entry,) = read_manifest(root).waves
    assert (entry.year, entry.export, entry.reconstructed, entry.ranges) == (
        2025, "x.xlsx", False, None)


def test_counts_are_determined_when_the_figures_leave_little_room(tmp_path):
    # n = 100: room of max(2, 5 % of 100) = 5 answers.
    doc = {"year": 2025, "questions": {"q01": {"n": 100, "counts": {
        "A": {"count": 40, "min": 38, "max": 43},   # width 5: determined
        "B": {"count": 10, "min": 0, "max": 60},    # width 60: arbitrary fill
        "C": {"count": 0, "min": None, "max": None},
    }}}}
    path = tmp_path / "reconstruction-2025.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    flags = determined_counts(read_ranges(path))["q01"]
    assert dict(flags) == {"A": True, "B": False, "C": False}


def _wave_with_groups(tmp_path):
    # n = 100: room of max(2, 5 % of 100) = 5 answers, for sums as for single options.
    doc = {"year": 2025, "questions": {"q19": {"n": 100, "counts": {
        "A": {"count": 30, "min": 0, "max": 57},
        "B": {"count": 27, "min": 0, "max": 57},
        "C": {"count": 30, "min": 30, "max": 30},
        "D": {"count": 13, "min": 0, "max": 43},
    }, "groups": [{"options": ["A", "B"], "min": 57, "max": 57},
                  {"options": ["B", "D"], "min": 10, "max": 16}]}}}
    path = tmp_path / "reconstruction-2025.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    return Wave(2025, None, None, path, True, determined_counts(read_ranges(path)),
                sums_determined=determined_sums(read_ranges(path)))


def test_a_sum_is_data_when_its_range_is_narrow_though_its_parts_are_not(tmp_path):
    wave = _wave_with_groups(tmp_path)
    assert wave.is_sum_determined("q19", ["B", "A"])        # 57-57, in any order
    assert not wave.is_sum_determined("q19", ["B", "D"])    # width 6 > 5
    assert wave.is_sum_determined("q19", ["C"])             # a single determined option
    assert not wave.is_sum_determined("q19", ["A"])         # a single arbitrary one


def test_a_sum_the_ranges_file_lacks_says_where_to_list_it(tmp_path):
    wave = _wave_with_groups(tmp_path)
    with pytest.raises(ManifestError, match=r"wave 2025, q19: the ranges file has no range for "
                                            r"the sum of \['A', 'D'\]; list the group .*"
                                            r"data/reconstruction.yaml"):
        wave.is_sum_determined("q19", ["A", "D"])


def test_for_a_real_export_every_sum_is_data():
    assert Wave(2025, None, None, None, False).is_sum_determined("q19", ["A", "D"])


def test_a_malformed_group_names_the_entry(tmp_path):
    doc = {"year": 2025, "questions": {"q19": {"n": 100, "groups": [{"options": ["A"]}]}}}
    path = tmp_path / "reconstruction-2025.yaml"
    path.write_text(yaml.safe_dump(doc), encoding="utf-8")
    with pytest.raises(ManifestError, match=r"questions\.q19\.groups\[0\]\.options"):
        determined_sums(read_ranges(path))


def test_free_text_is_screened_for_personal_data_on_load(tmp_path):
    import pandas as pd

    from analysis.ingest.reader import SurveyExport
    from analysis.screening import screen_export

    long = pd.DataFrame({
        "respondent": [1, 2], "question": ["q09", "q09"], "option": [pd.NA, pd.NA],
        "score": pd.array([pd.NA, pd.NA], dtype="Int64"),
        "text": ["Kontakt meg på ola@example.no eller 912 34 567", "Bra sider"],
    })
    wide = pd.DataFrame({"q09": ["Kontakt meg på ola@example.no eller 912 34 567",
                                 "Bra sider"]}, index=pd.Index([1, 2], name="respondent"))
    export = SurveyExport(tmp_path / "x.xlsx", None, 2, long, wide, [])
    screened, removed = screen_export(export)
    assert removed["kind"].value_counts().to_dict() == {"email": 1, "phone": 1}
    assert set(removed["respondent"]) == {1} and set(removed["question"]) == {"q09"}
    assert "ola@example.no" not in " ".join(screened.long["text"])
    assert "912 34 567" not in screened.wide.loc[1, "q09"]
    assert screened.long["text"].iloc[1] == "Bra sider"
    assert export.long["text"].iloc[0].startswith("Kontakt meg på ola@")  # original untouched


def _bundle_of(*figures):
    from types import MappingProxyType

    from analysis.bundle import SurveyBundle
    from analysis.ledger import Ledger

    return SurveyBundle(waves=MappingProxyType({}), ledger=Ledger(tuple(figures)))


def test_the_audit_is_kept_per_bundle_and_handed_out_as_a_fresh_copy():
    from analysis.ledger import Figure
    from analysis.report.audit_view import audit

    total = Figure("t-n", "n", 186, year=2025, basis="respondents", section="1", quote="186")
    bundle = _bundle_of(total)
    first = audit(bundle)
    assert first["status"].tolist() == ["not-derivable"]  # no wave data for 2025 in use
    first.loc[0, "status"] = "tampered"
    assert audit(bundle)["status"].tolist() == ["not-derivable"]
    # another bundle (other data, other ledger) never sees this one's audit
    other = _bundle_of(total, Figure("t-q", "count", 3, year=2023, question=1, option=("A",)))
    assert audit(other)["id"].tolist() == ["t-n", "t-q"]


def test_the_chapters_free_text_comes_from_the_bundle():
    from analysis.freetext import FreeTextError
    from analysis.report.free_text import coding

    with pytest.raises(FreeTextError, match="no coded free text"):
        coding(_bundle_of())
