"""``data/reconstruction.yaml`` is validated: a bad entry names the file and the field."""

import pytest

from analysis.reconstruct.settings import SettingsError, load_settings

WAVE = ("waves:\n  - year: 2025\n    questionnaire: 2025\n    export: {export}\n"
        "    seed: 1\n    window: [2025-08-11, 2025-09-08]\n    groups: {groups}\n")


def _root(tmp_path, export="forms-2025.xlsx", groups="{}"):
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "reconstruction.yaml").write_text(
        WAVE.format(export=export, groups=groups), encoding="utf-8")
    return tmp_path


def test_groups_are_read(tmp_path):
    (wave,) = load_settings(_root(tmp_path, groups="{q19: [[I stor grad, I noen grad]]}")).waves
    assert wave.groups == {"q19": [["I stor grad", "I noen grad"]]}


@pytest.mark.parametrize(("export", "groups", "message"), [
    ("forms-2025.xlsx", "{q19: [[I stor grad]]}",
     r"waves\[0\]\.groups: Value error, q19: a group needs two or more different options"),
    ("../exports/forms-2025.xlsx", "{}", r"waves\[0\]\.export: String should match pattern"),
])
def test_a_bad_entry_names_the_file_and_field(tmp_path, export, groups, message):
    with pytest.raises(SettingsError, match=r"reconstruction\.yaml: does not fit the "
                                            r"reconstruction settings schema:\n  " + message):
        load_settings(_root(tmp_path, export, groups))
