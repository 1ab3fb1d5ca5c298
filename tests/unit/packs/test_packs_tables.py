"""Every table of every pack on the bundled data, through the independent check: no printed
cell, nor its difference with the book's national count, nor the base minus the shown rows,
gives a count under the threshold away."""

from __future__ import annotations

import pytest

from analysis.disclosure import leaks, load_policy, printed_rows
from analysis.packs import context
from analysis.packs.routing import regions_of
from analysis.packs.tables import protected
from analysis.questionnaire import QuestionType
from analysis.report import load


@pytest.fixture(scope="module")
def ctx():
    return context(load())


def test_every_table_of_every_pack_keeps_small_counts_hidden(ctx):
    policy = load_policy()
    members = regions_of(ctx.wave, ctx.partners)
    questions = {q.id: q for q in ctx.wave.questionnaire.questions}
    checked = 0
    for region in ctx.partners.regions:
        for qid in ["q01", *ctx.partners.key_questions]:
            table = protected(ctx.wave, qid, members[region.slug], policy)
            additive = questions[qid].type is QuestionType.SINGLE
            base = (table.base_region, table.base_rest) if table.base_shown else (None, None)
            assert leaks(printed_rows(table), *base, policy, additive) == [], (region.slug, qid)
            checked += 1
    assert checked == len(ctx.partners.regions) * (1 + len(ctx.partners.key_questions))


def test_each_pack_counts_the_published_respondents_of_its_region(ctx):
    # The 2025 report, section 4.1: Sør-Øst-Norge 66, Vest-Norge 66, Nord-Norge 29; Midt-Norge
    # 17 and national responsibility 12 (several answers allowed). The reconstruction pins these
    # national marginals, so the packs' region sizes must be them.
    members = regions_of(ctx.wave, ctx.partners)
    assert {slug: len(ids) for slug, ids in members.items()} == {
        "sor-ost": 66, "vest": 66, "nord": 29, "midt": 17, "nasjonalt": 12}
