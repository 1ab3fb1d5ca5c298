"""Every manifest field is validated, and exports must live under data/."""

from __future__ import annotations

import pytest

from analysis.count_ranges import read_ranges
from analysis.manifest import ManifestError, read_manifest

GOOD = {"year": 2025, "export": "forms-2025.xlsx", "questionnaire": 2025,
        "reconstructed": False}


def _manifest(tmp_path, text: str):
    folder = tmp_path / "data" / "exports"
    folder.mkdir(parents=True)
    (folder / "MANIFEST.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def _entry(**changes) -> str:
    entry = {**GOOD, **changes}
    return "waves:\n- " + "\n  ".join(f"{k}: {v}" for k, v in entry.items()) + "\n"


def test_a_plain_entry_is_accepted(tmp_path):
    manifest = read_manifest(_manifest(tmp_path, _entry(sheet="Sheet1")))
    assert manifest.waves[0].export == "forms-2025.xlsx"
    assert manifest.waves[0].sheet == "Sheet1"


@pytest.mark.parametrize(("field", "value", "message"), [
    ("export", "/etc/passwd.csv", "is an absolute path"),
    ("export", "../../../etc/passwd.csv", "leaves data/"),
    ("export", "../published/x.csv", "forms"),  # inside data/: allowed, but see below
    ("export", "forms-2025.docx", "has suffix '.docx'"),
    ("ranges", "/etc/passwd", "is an absolute path"),
    ("ranges", "../../x.yaml", "leaves data/"),
    ("ranges", "ranges.txt", "has suffix '.txt'"),
    ("questionnaire", "twenty", "valid integer"),
    ("reconstructed", "perhaps", "valid boolean"),
    ("colour", "blue", "Extra inputs are not permitted"),
])
def test_a_bad_field_names_the_entry_field_and_reason(tmp_path, field, value, message):
    root = _manifest(tmp_path, _entry(**{field: value}))
    if value == "../published/x.csv":  # stays inside data/: a valid path
        assert read_manifest(root).waves[0].export == value
        return
    with pytest.raises(ManifestError) as info:
        read_manifest(root)
    text = str(info.value)
    assert "MANIFEST.yaml" in text and f"waves[0].{field}" in text and message in text


def test_two_entries_for_one_year_are_refused(tmp_path):
    text = _entry() + _entry().replace("waves:\n", "")
    with pytest.raises(ManifestError, match=r"more than one entry for year\(s\) \[2025\]"):
        read_manifest(_manifest(tmp_path, text))


def test_a_ranges_file_that_is_not_one_is_a_located_error(tmp_path):
    path = tmp_path / "ranges.yaml"
    path.write_text("root:x:0:0:root:/root:/bin/bash\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="ranges.yaml: does not fit the reconstruction"):
        read_ranges(path)
    with pytest.raises(ManifestError, match="not found"):
        read_ranges(tmp_path / "missing.yaml")
