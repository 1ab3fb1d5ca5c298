"""Routing is one frame: the free-text coding's routing plugs in where the routing by question
stands now."""

from __future__ import annotations

import handmade
import pandas as pd
import pytest

from analysis.bundle import load_bundle
from analysis.packs import ROUTED_COLUMNS, context, routed_texts, routes_by_question


@pytest.fixture(scope="module")
def handmade_project(tmp_path_factory):
    """A copy of the project whose 2025 wave is the hand-made export (no conftest here: the
    engine tests import theirs by name)."""
    return handmade.make_project(tmp_path_factory.mktemp("packs") / "project")


def test_routing_by_question_sends_questions_12_and_13_to_the_region(handmade_project):
    ctx = context(load_bundle(handmade_project))
    frame = routes_by_question(ctx.wave, ctx.partners)
    assert list(frame.columns) == ROUTED_COLUMNS
    ids = handmade.text_ids()
    expected = {(ids[i], t[2]) for i, t in enumerate(handmade.TEXTS)}
    assert set(zip(frame["response_id"], frame["qid"], strict=True)) == expected
    by_question = dict(zip(frame["qid"], frame["route"], strict=False))
    assert by_question["q12"] == by_question["q13"] == "region"


def test_a_coded_routing_frame_plugs_in(handmade_project):
    # As the coding would: the approved Vest answer to q12 goes to a work package instead.
    ctx = context(load_bundle(handmade_project))
    vest_answer = handmade.text_ids()[0]
    coded = pd.DataFrame([{"response_id": vest_answer, "qid": "q12", "code": "nettsider",
                           "route": "work_package", "work_package": "kommunikasjon"}],
                         columns=ROUTED_COLUMNS)
    package = routed_texts(ctx.wave, coded, ctx.partners, ctx.signoff, package="kommunikasjon")
    assert package["text"].tolist() == [handmade.TEXTS[0][3]]
    assert package["code"].tolist() == ["nettsider"]
    region = routed_texts(ctx.wave, coded, ctx.partners, ctx.signoff, region="vest",
                          policy=ctx.policy)
    assert region.empty
