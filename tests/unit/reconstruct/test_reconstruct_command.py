"""``reconstruct`` on a temporary project root: it writes only under data/reconstructed/ (and
the report's free-text coding under data/coding/2025/) and leaves a real export's manifest
entry as the user wrote it."""

import hashlib
import shutil

import pytest
import yaml

from analysis.commands.reconstruct import reconstruct
from analysis.paths import project_root

REAL = ("# Our real 2025 export, listed by hand.\n"
        "waves:\n"
        "  - year: 2025\n"
        "    export: 'NorCRIN brukerundersøkelse 2025(1-186).xlsx'   # as downloaded\n"
        "    questionnaire: 2025\n"
        "    reconstructed: false\n"
        "\n")
OLD_2023 = ("  - year: 2023\n"
            "    export: forms-2023.xlsx\n"
            "    questionnaire: 2023\n"
            "    reconstructed: true\n")


def _digests(root):
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(project_root() / "data", root / "data",
                    ignore=shutil.ignore_patterns("reconstructed"))
    manifest = root / "data" / "exports" / "MANIFEST.yaml"
    manifest.write_text(REAL + OLD_2023, encoding="utf-8")
    before = _digests(root)
    result = reconstruct(root)
    return root, before, result


def test_outputs_land_in_data_reconstructed(run):
    root, _, result = run
    assert [p.relative_to(root).as_posix() for p in result.files] == [
        "data/reconstructed/forms-2025.xlsx", "data/reconstructed/reconstruction-2025.yaml",
        "data/coding/2025/codebook.yaml", "data/coding/2025/decisions.csv",
        "data/reconstructed/forms-2023.xlsx", "data/reconstructed/reconstruction-2023.yaml",
        "data/reconstructed/ledger-consistency.yaml"]


def test_nothing_else_under_the_root_changes(run):
    # the coding files are rewritten byte for byte as committed (deterministic), so unchanged
    root, before, _ = run
    after = _digests(root)
    changed = {p for p in before.keys() | after.keys() if before.get(p) != after.get(p)}
    assert changed == {"data/exports/MANIFEST.yaml", *(
        f"data/reconstructed/{name}-{year}.{ext}" for year in (2023, 2025)
        for name, ext in (("forms", "xlsx"), ("reconstruction", "yaml"))),
        "data/reconstructed/ledger-consistency.yaml"}


def test_a_real_entry_survives_and_only_the_reconstructed_one_is_updated(run):
    root, _, result = run
    text = (root / "data" / "exports" / "MANIFEST.yaml").read_text(encoding="utf-8")
    assert text.startswith(REAL)
    waves = yaml.safe_load(text)["waves"]
    assert waves[1]["export"] == "../reconstructed/forms-2023.xlsx"
    assert waves[1]["ranges"] == "../reconstructed/reconstruction-2023.yaml"
    assert len(waves) == 2
    assert [(a.year, a.what) for a in result.actions] == [(2025, "kept"), (2023, "updated")]


def test_the_ranges_file_has_the_groups_of_the_settings(run):
    root, _, _ = run
    ranges = yaml.safe_load((root / "data/reconstructed/reconstruction-2025.yaml").read_text(
        encoding="utf-8"))
    settings = yaml.safe_load((root / "data/reconstruction.yaml").read_text(encoding="utf-8"))
    (wave,) = [w for w in settings["waves"] if w["year"] == 2025]
    for qid, groups in wave["groups"].items():
        stored = ranges["questions"][qid]["groups"]
        assert [g["options"] for g in stored] == groups
        assert all(g["min"] <= g["max"] for g in stored)
