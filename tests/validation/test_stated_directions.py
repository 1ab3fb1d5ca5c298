"""The directions the book states in words agree with the data.

Prose such as "færre fra lokal forskningsstøtte" or "Økningen bør leses med forsiktighet" is
written by hand (alt texts no longer are: they are computed from the figure's data); a new
export can turn it false while every inline figure next to it updates. Each claim below quotes
the sentence as the chapter prints it (so editing the sentence means revisiting the claim here)
and says which way the data must point. Directions the chapters compute themselves
(:mod:`analysis.report.directions`) need no entry.

The expected sign comes from the sentence, not from our output: a failure means the prose
and the data disagree, and the prose must change (or be generated).
"""

from __future__ import annotations

import re

import pytest

from analysis import report
from analysis.paths import project_root
from analysis.report import option_groups as og

NURSES = "Studiesykepleier/-koordinator"
LOCAL = "Lokal forskningsstøtte"
ROLE = ["I stor grad", "I noen grad"]
KNOWN = ["Kjenner godt", "Kjenner litt"]
UP, DOWN = 1, -1

#: (source, phrase as printed, qid, key, "share" or "count", direction now vs previous wave)
CHANGES = [
    ("chapters/02-bakgrunn-metode.qmd", "I år var det for eksempel langt flere "
     "studiesykepleiere og koordinatorer", "q01", NURSES, "share", UP),
    ("chapters/02-bakgrunn-metode.qmd", "og langt flere fra Vest-Norge", "q02", "Vest-Norge",
     "share", UP),
    ("chapters/04-1-tilhorighet.qmd", "Den største endringen er at langt flere "
     "studiesykepleiere", "q01", NURSES, "count", UP),
    ("chapters/04-1-tilhorighet.qmd", "Samtidig har færre fra lokal forskningsstøtte svart",
     "q01", LOCAL, "count", DOWN),
    ("chapters/04-1-tilhorighet.qmd", "Også forskere og utprøvere er færre", "q01",
     "Forsker/utprøver", "count", DOWN),
    ("chapters/04-1-tilhorighet.qmd", "Det er flere med nasjonalt ansvar enn før", "q02",
     "Nasjonalt ansvar", "count", UP),
    ("chapters/04-1-tilhorighet.qmd", "Det er færre fra lokal forskningsstøtte og fra "
     "Sør-Øst-Norge", "q01", LOCAL, "count", DOWN),
    ("chapters/04-1-tilhorighet.qmd", "Det er færre fra lokal forskningsstøtte og fra "
     "Sør-Øst-Norge", "q02", "Sør-Øst-Norge", "count", DOWN),
    ("chapters/04-1-tilhorighet.qmd", "flere studiesykepleiere og koordinatorer og flere fra "
     "Vest-Norge", "q01", NURSES, "count", UP),
    ("chapters/04-1-tilhorighet.qmd", "flere studiesykepleiere og koordinatorer og flere fra "
     "Vest-Norge", "q02", "Vest-Norge", "count", UP),
    ("chapters/04-2-kjennskap.qmd", "langt flere studiesykepleiere og koordinatorer enn sist, "
     "og færre fra lokal forskningsstøtte", "q01", NURSES, "count", UP),
    ("chapters/04-2-kjennskap.qmd", "langt flere studiesykepleiere og koordinatorer enn sist, "
     "og færre fra lokal forskningsstøtte", "q01", LOCAL, "count", DOWN),
    ("chapters/04-3-nettsider.qmd", "Økningen bør leses med forsiktighet", "q05", "Ja",
     "share", UP),
    ("chapters/04-4-tjenester.qmd", "At færre svarer at de aldri har vært i kontakt med "
     "forskningsstøtte", "q10", "Ingen kontakt", "share", DOWN),
    ("chapters/04-4-tjenester.qmd", "Flere er altså svært fornøyde", "q11", [5], "count", UP),
    ("chapters/04-4-tjenester.qmd", "men også noen flere er misfornøyde", "q11", [1, 2],
     "count", UP),
    ("chapters/04-4-tjenester.qmd", "Økningene passer godt", "q14", "GCP-kurs", "share", UP),
    ("chapters/04-4-tjenester.qmd", "Økningene passer godt", "q14",
     "Nasjonalt kurs i studiesykepleie", "share", UP),
    ("chapters/04-6-samarbeid.qmd", "En mulig forklaring på økningen", "q19", ROLE, "group",
     UP),
    ("chapters/05-sammenlikning.qmd", "langt flere har tatt GCP-kurs og det nasjonale kurset "
     "i studiesykepleie", "q14", "GCP-kurs", "share", UP),
    ("chapters/05-sammenlikning.qmd", "langt flere har tatt GCP-kurs og det nasjonale kurset "
     "i studiesykepleie", "q14", "Nasjonalt kurs i studiesykepleie", "share", UP),
    ("chapters/05-sammenlikning.qmd", "Økningen i antall svar kom særlig fra Vest-Norge", "q02",
     "Vest-Norge", "count", UP),
    ("index.qmd", "Vest-Norge har fått en mye større plass", "q02", "Vest-Norge", "share", UP),
]


@pytest.fixture(scope="module")
def bundle():
    return report.load()


def _source(name: str) -> str:
    text = (project_root() / name).read_text(encoding="utf-8")
    return re.sub(r"\s+", " ", text)


def _value(bundle, qid: str, key, measure: str, year=None) -> float:
    view = report.view(bundle, qid)
    if measure == "group":
        count = og.count_value(view, key, year)
        return float("nan") if count is None else count / view.n_value(year)
    count = view.count_value(key, year)
    if count is None:
        return float("nan")
    return count if measure == "count" else count / view.n_value(year)


def _sign(now: float, before: float) -> int:
    assert now == now and before == before, "a value the claim rests on is unknown"
    return (now > before) - (now < before)


@pytest.mark.parametrize(("source", "phrase", "qid", "key", "measure", "expected"), CHANGES,
                         ids=[f"{c[0].split('/')[-1]}:{c[2]}:{c[3]}" for c in CHANGES])
def test_a_stated_change_points_the_way_the_data_do(bundle, source, phrase, qid, key,
                                                    measure, expected):
    assert phrase in _source(source), f"{source} no longer says {phrase!r}; update the claim"
    before = _value(bundle, qid, key, measure, bundle.previous.year)
    now = _value(bundle, qid, key, measure)
    assert _sign(now, before) == expected, (
        f"{source} says {phrase!r}, but {qid} {key!r} ({measure}) went {before} -> {now}")


def test_the_growth_in_respondents_came_mostly_from_west_norway(bundle):
    """05: "Økningen i antall svar kom særlig fra Vest-Norge" -- more respondents, and
    Vest-Norge the region whose count grew most."""
    assert "Økningen i antall svar kom særlig fra Vest-Norge" in _source(
        "chapters/05-sammenlikning.qmd")
    assert bundle.current.respondents > bundle.previous.respondents
    q02 = report.view(bundle, "q02")
    prev = bundle.previous.year
    growth = {o.label: q02.count_value(o.label) - q02.count_value(o.label, prev)
              for o in q02.question.options if q02.prev_asked(o.label)}
    assert max(growth, key=growth.get) == "Vest-Norge"


def test_comparisons_within_the_current_wave(bundle):
    """Sentences comparing two questions of this year's survey."""
    q05, q06 = report.view(bundle, "q05"), report.view(bundle, "q06")
    q07, q08 = report.view(bundle, "q07"), report.view(bundle, "q08")
    q03, q15 = report.view(bundle, "q03"), report.view(bundle, "q15")
    pages = _source("chapters/04-3-nettsider.qmd")
    assert "Det er færre som svarer «Aldri» her" in pages
    assert q06.count_value("Aldri") < q05.count_value("Nei")
    assert "Andelen som synes det er vanskelig, er altså høyere for metodebok.no" in pages
    low = [1, 2]
    assert q08.count_value(low) / q08.n_value() > q07.count_value(low) / q07.n_value()
    assert "ECRIN er langt mindre kjent enn NorCRIN selv" in _source("chapters/04-5-ecrin.qmd")
    assert "Den europeiske infrastrukturen er mindre kjent enn NorCRIN" in _source("index.qmd")
    assert q15.share_value(KNOWN) < q03.share_value(KNOWN)


def test_the_website_mean_is_below_the_published_previous_mean(bundle):
    """04-3: "Årets gjennomsnitt er noe lavere enn det som ble oppgitt for" the previous wave
    (only the published mean is known for it)."""
    assert "Årets gjennomsnitt er noe lavere enn det som ble oppgitt for" in _source(
        "chapters/04-3-nettsider.qmd")
    q07 = report.view(bundle, "q07")
    published = [f.value for f in bundle.ledger.about(bundle.previous.year, q07.question.number)
                 if f.kind == "mean"]
    assert len(published) >= 1
    assert q07.summary().mean < min(published)


#: (source, phrase as printed, questions it says are new in this wave, questions it says were
#: asked in the previous wave too). A new wave turns these false while the page still renders.
NOVELTY = [
    ("chapters/04-3-nettsider.qmd", "Spørsmål 6 og 8–9 er nye i år", ["q06", "q08", "q09"],
     []),
    ("chapters/04-3-nettsider.qmd", "Spørsmål 5 og 7 ble også stilt i", [], ["q05", "q07"]),
    ("chapters/04-3-nettsider.qmd", "er nytt i år, så vi har ikke noe å sammenlikne med",
     ["q06"], []),
    ("chapters/04-3-nettsider.qmd", "Det siste spørsmålet om nettsidene er åpent og nytt i år",
     ["q09"], []),
    ("chapters/04-5-ecrin.qmd", "Spørsmål 17 er nytt i år", ["q17"], []),
    ("index.qmd", "metodebok.no, som ble spurt om for første gang", ["q08"], []),
]
#: wordings that say a question is new (each occurrence in a chapter must be in NOVELTY)
NOVELTY_WORDS = re.compile(r"\bny(?:tt|e)? i år\b|\bfor første gang\b")


@pytest.mark.parametrize(("source", "phrase", "new", "before"), NOVELTY,
                         ids=[f"{c[0].split('/')[-1]}:{c[1][:24]}" for c in NOVELTY])
def test_a_question_called_new_is_new_in_the_data(bundle, source, phrase, new, before):
    from analysis.report import context as ctx

    assert phrase in _source(source), f"{source} no longer says {phrase!r}; update the claim"
    new_now = {q.id for q in ctx.new_questions(bundle)}
    asked_before = {q.id for q in bundle.previous.questionnaire.questions}
    wrong = [q for q in new if q not in new_now] + [q for q in before
                                                    if q in new_now or q not in asked_before]
    assert not wrong, (f"{source} says {phrase!r}, but in {bundle.current.year} "
                       f"{', '.join(wrong)} {'is' if len(wrong) == 1 else 'are'} not as it says "
                       f"(new this wave: {sorted(new_now)})")


def test_every_claim_that_a_question_is_new_is_checked():
    from analysis.engine.book import load_book

    listed: dict[str, list[str]] = {}
    for source, phrase, _, _ in NOVELTY:
        listed.setdefault(source, []).append(phrase)
    unchecked = []
    for source in load_book(project_root()).sources:
        text = _source(source)
        for match in NOVELTY_WORDS.finditer(text):
            around = text[max(0, match.start() - 120):match.end() + 120]
            if not any(phrase in around for phrase in listed.get(source, [])):
                unchecked.append(f"{source}: ...{text[max(0, match.start() - 60):match.end()]}")
    assert not unchecked, f"claims that a question is new, not in NOVELTY: {unchecked}"


def test_claims_about_the_waves(bundle):
    """02: the previous wave is "den eneste tidligere runden det finnes svardata fra";
    sammendraget: metodebok.no (q08) "ble spurt om for første gang"."""
    assert "den eneste tidligere runden det finnes svardata fra" in _source(
        "chapters/02-bakgrunn-metode.qmd")
    assert bundle.years == [bundle.previous.year, bundle.current.year]
    assert "metodebok.no, som ble spurt om for første gang" in _source("index.qmd")
    q08 = report.view(bundle, "q08")
    assert q08.question.new and not q08.compared
