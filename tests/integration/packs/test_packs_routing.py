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


def test_the_coding_routes_answer_by_answer_and_uncoded_answers_by_question(tmp_path):
    # A hand-made coding of two of the hand-made answers: the Bergen answer to q12 (Vest) gets
    # a code routed to the work package «kurs»; the Midt answer to q12 gets a code with no
    # routing, so it goes nowhere. Every other routed answer is uncoded and keeps the routing
    # by question of data/partners.yaml (q12/q13 -> region, q09 -> kommunikasjon, ...).
    root = handmade.make_project(tmp_path / "project")
    folder = root / "data" / "coding" / "2025"
    folder.mkdir(parents=True)
    (folder / "codebook.yaml").write_text(
        "year: 2025\nsource: hand-made test coding\n"
        "work_packages:\n- {id: kurs, name: Kurs og opplæring}\n"
        "questions:\n  q12:\n    codes:\n"
        "    - {id: kurs, label: Kurs, definition: Om kurs, routing: {work_package: kurs}}\n"
        "    - {id: ros, label: Ros, definition: Ros uten mer}\n", encoding="utf-8")
    ids = handmade.text_ids()
    bergen, midt = ids[0], ids[4]
    (folder / "decisions.csv").write_text(
        "response_id,qid,code,coder,date,quote,excerpt\n"
        f"{bergen},q12,kurs,ab,2025-10-01,,\n"
        f"{midt},q12,ros,ab,2025-10-01,,\n", encoding="utf-8")
    ctx = context(load_bundle(root))
    routed = ctx.routed
    pairs = {(int(r), q): (route, wp) for r, q, route, wp in zip(
        routed["response_id"], routed["qid"], routed["route"], routed["work_package"],
        strict=True)}
    assert pairs[(bergen, "q12")] == ("work_package", "kurs")
    assert (midt, "q12") not in pairs
    # Uncoded: by question, as before.
    assert pairs[(ids[2], "q13")] == ("region", "")
    assert pairs[(ids[5], "q09")] == ("work_package", "kommunikasjon")
    assert len(routed) == len(handmade.TEXTS) - 1
    # One list of work packages: the coding's «kurs» beside the packs' own.
    assert {"kurs", "kommunikasjon", "internasjonalt"} <= {
        w.slug for w in ctx.partners.work_packages}
    package = routed_texts(ctx.wave, routed, ctx.partners, ctx.signoff, package="kurs")
    assert package["text"].tolist() == [handmade.TEXTS[0][3]]
