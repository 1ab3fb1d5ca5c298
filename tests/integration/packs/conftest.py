"""A copy of the project whose 2025 wave is the hand-made export of :mod:`handmade`."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

sys.path.insert(0, str(Path(__file__).parent))

import handmade  # noqa: E402

from analysis.engine.project import copy_project  # noqa: E402
from analysis.ingest.forms_writer import write_forms_export  # noqa: E402
from analysis.paths import project_root  # noqa: E402
from analysis.questionnaire import load_questionnaire  # noqa: E402


def make_project(target: Path) -> Path:
    """Copy the project to ``target`` and make the hand-made export its (real) 2025 wave,
    with the sign-off of :data:`handmade.APPROVED`."""
    root = copy_project(project_root(), target)
    questionnaire = load_questionnaire(2025, root)
    write_forms_export(root / "data" / "exports" / "handmade-2025.xlsx", handmade.respondents(),
                       questionnaire)
    manifest_path = root / "data" / "exports" / "MANIFEST.yaml"
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    manifest["waves"] = [w for w in manifest["waves"] if w["year"] != 2025] + [{
        "year": 2025, "export": "handmade-2025.xlsx", "questionnaire": 2025,
        "reconstructed": False}]
    manifest_path.write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    ids = handmade.text_ids()
    approvals = [{"response_id": ids[i], "question": handmade.TEXTS[i][2],
                  "approved_by": "Forskningsstøtteleder (test)", "approved_on": "2025-10-01"}
                 for i in sorted(handmade.APPROVED)]
    (root / "data" / "signoff.yaml").write_text(
        yaml.safe_dump({"year": 2025, "approvals": approvals}, allow_unicode=True),
        encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def handmade_project(tmp_path_factory) -> Path:
    """The hand-made project, not rendered."""
    return make_project(tmp_path_factory.mktemp("packs") / "project")


@pytest.fixture(scope="session")
def handmade_packs(handmade_project) -> Path:
    """``_book/partnere/`` of the hand-made project, rendered by the built-in engine."""
    from analysis.packs.command import build

    build(handmade_project, ("html", "pdf"), engine="builtin", use_cache=False,
          log=lambda line: None)
    return handmade_project / "_book" / "partnere"
