"""The manifest editor: reconstructed entries added or updated, everything else kept byte for
byte. Expected texts are written out by hand."""

import pytest
import yaml

from analysis.reconstruct.manifest import HEADER, ManifestEditError, update_manifest

NEW_2025 = {"year": 2025, "export": "../reconstructed/forms-2025.xlsx", "questionnaire": 2025,
            "reconstructed": True}
NEW_2023 = {**NEW_2025, "year": 2023, "export": "../reconstructed/forms-2023.xlsx",
            "questionnaire": 2023}
REAL_2025 = ("  # the real export, downloaded 2025-09-10\n"
             "  - {year: 2025, export: 'NorCRIN 2025(1-186).xlsx', questionnaire: 2025,\n"
             "     reconstructed: false}   # keep\n")


def _whats(actions):
    return [(a.year, a.what) for a in actions]


def test_a_real_entry_is_kept_byte_for_byte_and_a_missing_wave_added():
    text = "# my notes\nwaves:\n" + REAL_2025 + "\n# end of list\n"
    new, actions = update_manifest(text, [NEW_2025, NEW_2023])
    assert _whats(actions) == [(2025, "kept"), (2023, "added")]
    added = ("  - year: 2023\n    export: ../reconstructed/forms-2023.xlsx\n"
             "    questionnaire: 2023\n    reconstructed: true\n")
    assert new == "# my notes\nwaves:\n" + REAL_2025 + added + "\n# end of list\n"
    assert "reconstructed: false" in str(actions[0])


def test_only_real_entries_leave_the_text_untouched_even_without_a_final_newline():
    text = "waves:\n- {year: 2025, export: real.xlsx, questionnaire: 2025, reconstructed: false}"
    new, actions = update_manifest(text, [NEW_2025])
    assert new == text and _whats(actions) == [(2025, "kept")]


def test_a_reconstructed_entry_is_updated_in_place_and_its_neighbours_kept():
    text = ("waves:\n"
            "- year: 2025\n  export: forms-2025.xlsx\n  questionnaire: 2025\n"
            "  reconstructed: true\n"
            "# the 2023 wave is real\n"
            "- {year: 2023, export: real-2023.csv, questionnaire: 2023, reconstructed: false}\n")
    new, actions = update_manifest(text, [NEW_2025, NEW_2023])
    assert _whats(actions) == [(2025, "updated"), (2023, "kept")]
    assert new == ("waves:\n"
                   "- year: 2025\n  export: ../reconstructed/forms-2025.xlsx\n"
                   "  questionnaire: 2025\n  reconstructed: true\n"
                   "# the 2023 wave is real\n"
                   "- {year: 2023, export: real-2023.csv, questionnaire: 2023, "
                   "reconstructed: false}\n")
    again, actions = update_manifest(new, [NEW_2025])
    assert again == new and _whats(actions) == [(2025, "unchanged")]


def test_no_manifest_gives_a_fresh_one():
    new, actions = update_manifest(None, [NEW_2025])
    assert new.startswith(HEADER)
    assert yaml.safe_load(new) == {"waves": [NEW_2025]}
    assert _whats(actions) == [(2025, "added")]


@pytest.mark.parametrize(("text", "message"), [
    ("waves: [{year: 2025, export: a.xlsx}]\n", "expected a block list `waves:`"),
    ("waves:\n- export: a.xlsx\n", "line 2: a wave entry without `year`"),
    ("waves:\n- year: [\n", "not valid YAML"),
])
def test_a_manifest_that_cannot_be_edited_in_place_says_why(text, message):
    with pytest.raises(ManifestEditError, match=message):
        update_manifest(text, [NEW_2025], "data/exports/MANIFEST.yaml")
