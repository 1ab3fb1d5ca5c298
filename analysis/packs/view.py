"""What a pack document shows: :func:`pack` returns a :class:`Pack` whose methods give display
objects (Markdown blocks and tables), every table protected by the disclosure policy first.

A pack is ``packs/pakke.qmd`` rendered once per region with the parameter ``region`` (the
region's slug in ``data/partners.yaml``); ``packs/arbeidspakker.qmd`` collects the input routed
to each work package (:func:`packages`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import pandas as pd

from analysis import fmt
from analysis.disclosure import Policy, load_policy
from analysis.display import Block, Table, bullets, div, paragraph
from analysis.packs.partners import Partners, load_partners
from analysis.packs.routing import (
    regions_of,
    routed_texts,
    routes_from_coding,
    with_coding_packages,
)
from analysis.packs.signoff import Signoff, load_signoff
from analysis.packs.tables import display, protected, respondents_table

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

#: Raw Typst for the header of the PDF (both engines include it before the document, so it is
#: a running header on every page): the packs of reconstructed data say so on each page.
DEMO_HEADER = ('#set page(header: align(center, text(size: 8pt, fill: rgb("#8a1c1c"))'
               '[DEMO: rekonstruerte data -- regionene og svarene er oppdiktet, ikke NorCRINs '
               'svar]))')
_DEMO = ("**Demonstrasjon på rekonstruerte data.** Svardataene er rekonstruert fra landstallene "
         "i den publiserte rapporten. Hvem som hører til hvilken region, og hvilke svar som "
         "kommer fra regionen, er derfor oppdiktet. Ingen tall eller svar i denne pakken gjelder "
         "virkelige respondenter. Øverst på hver side står det samme.")
_POLICY = (
    "**Personvern.** Undersøkelsen er anonym, men i en liten region kan en rolle, en region og "
    "et sitat sammen peke ut en person. Derfor følger alle tabeller én regel "
    "(`data/disclosure.yaml`): antall fra 1 til {low} vises ikke, og heller ikke andelen. Er "
    "bare én rad i en tabell skjult, eller utgjør de skjulte radene til sammen fra 1 til {low}, "
    "skjules også raden med det nest laveste tallet, så det skjulte ikke kan regnes ut av "
    "summen. Et tall for regionen skjules også når resten av landet da ville få et "
    "antall fra 1 til {low}, fordi landstallet står i rapporten. Andeler vises bare når minst "
    "{base} svarte. Skjulte celler står som «skjult».")


def load():
    """The survey bundle: the render's stored copy when there is one, else from the data."""
    from analysis import bundle_cache

    cached = bundle_cache.from_env()
    if cached is not None:
        return cached
    from analysis.bundle import load_bundle

    return load_bundle()


@dataclass(frozen=True, eq=False)
class Context:
    """The read inputs every pack of one wave shares."""

    bundle: SurveyBundle
    partners: Partners
    policy: Policy
    signoff: Signoff
    routed: pd.DataFrame

    @property
    def wave(self):
        """The current wave."""
        return self.bundle.current


def context(bundle: SurveyBundle | None = None, routed: pd.DataFrame | None = None) -> Context:
    """Read the partner list, the policy and the sign-off for the current wave of ``bundle``.

    ``routed`` is the routing frame (:data:`analysis.packs.routing.ROUTED_COLUMNS`); by default
    the coding's routing answer by answer, and ``data/partners.yaml``'s routing by question for
    answers not yet coded (:func:`analysis.packs.routing.routes_from_coding`).
    """
    bundle = bundle if bundle is not None else load()
    wave = bundle.current
    coding = getattr(bundle, "coding", None)
    partners = with_coding_packages(load_partners(bundle.root, wave.questionnaire), coding)
    routed = routed if routed is not None else routes_from_coding(wave, partners, coding)
    return Context(bundle, partners, load_policy(bundle.root),
                   load_signoff(bundle.root, wave.year), routed)


class Pack:
    """One region's pack (see the module docstring)."""

    def __init__(self, ctx: Context, slug: str) -> None:
        self.ctx = ctx
        self.region = ctx.partners.region(slug)
        self.members = regions_of(ctx.wave, ctx.partners)[slug]

    @property
    def reconstructed(self) -> bool:
        """Whether the wave is a reconstruction (regions and answers then invented)."""
        return bool(self.ctx.wave.reconstructed)

    @cached_property
    def answers(self) -> pd.DataFrame:
        """The answers routed to this region (:func:`~analysis.packs.routing.routed_texts`)."""
        return routed_texts(self.ctx.wave, self.ctx.routed, self.ctx.partners, self.ctx.signoff,
                            region=self.region.slug, policy=self.ctx.policy)

    @property
    def withheld(self) -> int:
        """Routed answers not quoted (not approved, or not kept whole by the screen)."""
        return int((self.answers["withheld"] != "").sum())

    def front(self) -> Block:
        """The first page: heading, the demo notice, who the pack is for, what was withheld."""
        year = self.ctx.wave.year
        head = Block(f"# Brukerundersøkelsen {year}: tilbakemelding til "
                     f"{_plain(self.region.name)}\n")
        parts = [head]
        if self.reconstructed:
            parts.append(div(".reconstruction-notice", paragraph(_DEMO)))
        partners = self.region.partners
        parts.append(paragraph(
            "Denne pakken gjelder respondentene som oppga {option} som regional tilhørighet "
            "(spørsmål 2){to}.", option=self.region.option,
            to=Block(", og går til forskningsstøtten ved " + fmt.join(partners)) if partners
            else Block(", og går til NorCRIN-sekretariatet")))
        parts.append(self.withheld_statement())
        parts.append(self.policy_statement())
        return _join(parts)

    def withheld_statement(self) -> Block:
        """What was withheld and why, in numbers."""
        total = len(self.answers)
        shown = total - self.withheld
        return paragraph(
            "**Holdt tilbake.** {total} fritekstsvar er sendt til regionen. {shown} av dem er "
            "gjengitt nedenfor. {withheld} er holdt tilbake{why}; de er talt med, men ikke "
            "vist.", total=fmt.num(total), shown=fmt.num(shown),
            withheld=fmt.num(self.withheld), why=Block(self._reasons()))

    def _reasons(self) -> str:
        """The reasons for withholding, with their counts: ``" (3 ikke godkjent ...)"``."""
        counts = self.answers.loc[self.answers["withheld"] != "", "withheld"].value_counts()
        if counts.empty:
            return ""
        items = [f"{fmt.num(int(n))} {why}" for why, n in sorted(counts.items())]
        return " (" + "; ".join(items) + ")"

    def policy_statement(self) -> Block:
        """The suppression policy, with its numbers from ``data/disclosure.yaml``."""
        p = self.ctx.policy
        return paragraph(_POLICY, low=fmt.num(p.threshold - 1), base=fmt.num(p.min_base))

    def respondents(self) -> Table:
        """How many answered from the region and from the rest of the country."""
        t = respondents_table(self.ctx.wave, self.ctx.partners.year_question, self.members,
                              self.ctx.policy)
        value = (fmt.num(t.base_region), fmt.num(t.base_rest)) if t.base_shown else ("skjult",) * 2
        return Table(pd.DataFrame({"": ["Respondenter"], "Regionen": [value[0]],
                                   "Resten av landet": [value[1]]}))

    def table(self, qid: str, first: str = "Svar") -> Table:
        """The region against the rest for one question (roles: ``q01``), protected."""
        return display(protected(self.ctx.wave, qid, self.members, self.ctx.policy), first)

    def question_text(self, qid: str) -> str:
        """The question's text, as data."""
        return next(q.text for q in self.ctx.wave.questionnaire.questions if q.id == qid)

    def key_questions(self) -> list[str]:
        """The key questions of ``data/partners.yaml``."""
        return list(self.ctx.partners.key_questions)

    def quotes(self) -> Block:
        """The approved answers routed to the region, by question, as data text."""
        return _quotes(self.answers, self)


def _quotes(answers: pd.DataFrame, pack) -> Block:
    shown = answers[answers["withheld"] == ""]
    if shown.empty:
        return paragraph("Ingen svar er godkjent for utsending ennå.")
    parts = []
    for qid, group in shown.groupby("qid", sort=True):
        parts.append(paragraph("**Spørsmål {n}:** {text}", n=str(int(qid[1:])),
                               text=pack.question_text(qid)))
        parts.append(bullets(group["text"].tolist()))
    return _join(parts)


def _join(parts: list[Block]) -> Block:
    out = Block("")
    for part in parts:
        out = out + part
    return out


def _plain(text: str) -> str:
    # region names are authored in data/partners.yaml, but still printed as data text
    from analysis.display import text_markdown

    return text_markdown(text)


def pack(slug: str, bundle: SurveyBundle | None = None) -> Pack:
    """The pack of the region ``slug`` (``data/partners.yaml``), for the current wave."""
    return Pack(context(bundle), slug)


class Packages:
    """The input routed to each work package (``packs/arbeidspakker.qmd``)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def answers(self, slug: str) -> pd.DataFrame:
        """The answers routed to the package ``slug``."""
        return routed_texts(self.ctx.wave, self.ctx.routed, self.ctx.partners, self.ctx.signoff,
                            package=slug)

    def question_text(self, qid: str) -> str:
        """The question's text, as data."""
        return next(q.text for q in self.ctx.wave.questionnaire.questions if q.id == qid)

    def body(self) -> Block:
        """Every package: its routed answers (approved ones quoted) and the withheld count."""
        year = self.ctx.wave.year
        parts = [Block(f"# Brukerundersøkelsen {year}: innspill til arbeidspakkene\n")]
        if self.ctx.wave.reconstructed:
            parts.append(div(".reconstruction-notice", paragraph(_DEMO)))
        for package in self.ctx.partners.work_packages:
            answers = self.answers(package.slug)
            withheld = int((answers["withheld"] != "").sum())
            parts.append(Block(f"## {_plain(package.name)}\n"))
            parts.append(paragraph(
                "{total} svar er sendt hit; {withheld} er holdt tilbake (ikke godkjent for "
                "utsending, eller kan inneholde personopplysninger) og er bare talt med.",
                total=fmt.num(len(answers)), withheld=fmt.num(withheld)))
            parts.append(_quotes(answers, self))
        return _join(parts)


def packages(bundle: SurveyBundle | None = None) -> Packages:
    """The work packages' collection for the current wave."""
    return Packages(context(bundle))


def key_figures(pack: Pack) -> Block:
    """Every key question of ``data/partners.yaml``: its text and the protected table."""
    parts = []
    for qid in pack.key_questions():
        parts.append(paragraph("**Spørsmål {n}:** {text}", n=str(int(qid[1:])),
                               text=pack.question_text(qid)))
        parts.append(Block(pack.table(qid)._repr_markdown_()))
    return _join(parts)
