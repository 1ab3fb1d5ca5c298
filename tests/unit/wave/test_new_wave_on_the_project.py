"""new-wave on a copy of this project: the bundle skips the wave awaiting its export."""

from __future__ import annotations

import pytest

from analysis.bundle import AwaitingExport, load_bundle
from analysis.engine.project import copy_project
from analysis.paths import project_root
from analysis.questionnaire import load_questionnaire
from analysis.questionnaire.diff import diff_questionnaires, format_diff
from analysis.wave import new_wave


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    root = copy_project(project_root(), tmp_path_factory.mktemp("wave") / "project")
    new_wave(2027, 2025, root)
    return root


def test_the_bundle_leaves_out_the_wave_awaiting_its_export_and_says_so(prepared):
    with pytest.warns(AwaitingExport) as caught:
        bundle = load_bundle(prepared)
    assert bundle.years == [2023, 2025]
    (warning,) = caught
    message = str(warning.message)
    assert "MANIFEST.yaml: wave 2027 awaits its export (export: null) and is left out" in message


def test_2027_as_written_differs_from_2025_in_nothing(prepared):
    diff = diff_questionnaires(load_questionnaire(2025, prepared),
                               load_questionnaire(2027, prepared))
    text = format_diff(diff)
    assert text.endswith("Comparisons the book leaves out: none")
    assert "Questions added: none" in text and "Options removed: none" in text


def test_every_2025_option_label_survives_the_round_trip(prepared):
    old, new = load_questionnaire(2025, prepared), load_questionnaire(2027, prepared)
    for a, b in zip(old.questions, new.questions, strict=True):
        assert (a.id, a.text, a.intro, a.headers, a.type, a.scale, a.condition) == (
            b.id, b.text, b.intro, b.headers, b.type, b.scale, b.condition)
        assert a.options == b.options
