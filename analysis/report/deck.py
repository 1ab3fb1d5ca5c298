"""The presentation (``deck/presentasjon.qmd``): what each slide shows, from the book's views.

The deck is the board's and the user meeting's summary of the book. Nothing on a slide is
typed: each slide's title, bullets, table, chart data and speaker notes are built here from the
views the chapters use (:mod:`analysis.report.views`, :mod:`~analysis.report.findings`,
:mod:`~analysis.report.context`, :mod:`~analysis.report.free_text`), so a verdict or a
number reads the same in the book and on the screen. Short lines go on the slide; the caveats
and longer sentences go into the speaker notes.

A chart is given as data (:class:`Chart`): the slide carries a marker paragraph
(:func:`chart_marker`) in its right-hand column, which :mod:`analysis.slides` replaces by a
native PowerPoint chart of the same data after pandoc has written the file (both engines).

Examples
--------
>>> c = Chart("q03", "kjennskap", ("Godt",), (("2025", (0.5,)),))
>>> read_marker(chart_marker(c)) == c
True
"""

from __future__ import annotations

import base64
import dataclasses
import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from analysis import fmt
from analysis.compute.verdict import Verdict
from analysis.display import Block, Table, bullets, compose, is_missing
from analysis.report import context, findings
from analysis.report import free_text as ft
from analysis.report.not_asked import NotAskedView
from analysis.report.values import interval_cell
from analysis.report.views import ChoiceView, RatingView, view

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

#: Marker text of a chart's place on a slide (replaced by the chart; never left in the file).
MARKER = "NORCRIN-CHART:"
#: The results sections with one slide each: (question, slide title, option shown).
SECTIONS = (
    ("q03", "Kjennskap til NorCRIN", "Kjenner godt"),
    ("q08", "Metodebok.no", None),
    ("q10", "Kontakt med forskningsstøtten", "Ingen kontakt"),
    ("q15", "Kjennskap til ECRIN", "Aldri hørt om"),
    ("q18", "Samarbeid", None),
)
#: The free-text questions on bottlenecks: (question, what it asks about, themes shown).
BOTTLENECKS = (("q20", "I Norge", None), ("q21", "Internasjonalt", None),
               ("q22", "Forbedringer for NorCRIN", "ris"))


def chart_marker(chart: Chart) -> str:
    """The paragraph that stands where the chart goes: the marker and the chart's data
    (JSON, URL-safe base64), so the native chart is drawn from the file alone."""
    data = json.dumps(dataclasses.asdict(chart), ensure_ascii=False).encode()
    return MARKER + base64.urlsafe_b64encode(data).decode()


def read_marker(text: str) -> Chart | None:
    """The chart a marker paragraph carries (None when ``text`` is no marker)."""
    text = text.strip()
    if not text.startswith(MARKER):
        return None
    data = json.loads(base64.urlsafe_b64decode(text[len(MARKER):]))
    return Chart(data["id"], data["title"], tuple(data["categories"]),
                 tuple((name, tuple(values)) for name, values in data["series"]))


@dataclass(frozen=True)
class Chart:
    """A clustered bar chart: one series per wave, values are shares (0-1) or None.

    ``alt`` is the chart's alternative text: what it shows, computed with the numbers.
    """

    id: str
    title: str
    categories: tuple[str, ...]
    series: tuple[tuple[str, tuple[float | None, ...]], ...]

    @property
    def alt(self) -> str:
        """Alt text naming the chart and every value it shows (Norwegian format)."""
        parts = []
        for name, values in self.series:
            shown = [f"{c} {fmt.pct(v)}" for c, v in zip(self.categories, values, strict=True)
                     if v is not None]
            parts.append(f"{name}: {'; '.join(shown) if shown else 'ingen kjente tall'}")
        return f"Stolpediagram, {self.title}. " + ". ".join(parts) + "."


@dataclass(frozen=True)
class Slide:
    """One slide: title, short bullets, optional table or chart, and speaker notes."""

    key: str
    title: str
    bullets: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()
    table: Table | None = None
    chart: Chart | None = None
    extra: dict = field(default_factory=dict, compare=False)

    def markdown(self) -> Block:
        """Pandoc markdown of the slide (``##`` starts it; notes in a ``notes`` div; a chart
        as the right column of two, beside the bullets)."""
        head = compose("## {title}", title=self.title)
        body = bullets(self.bullets).markdown
        if self.table is not None:
            body += "\n" + self.table._repr_markdown_() + "\n"
        if self.chart is not None:
            body = (":::: {.columns}\n::: {.column}\n" + body + ":::\n::: {.column}\n"
                    + compose("{m}", m=chart_marker(self.chart)) + "\n:::\n::::\n")
        notes = "\n\n".join(compose("{line}", line=n) for n in self.notes)
        notes = f"\n::: {{.notes}}\n{notes}\n:::\n" if notes else ""
        return Block(f"{head}\n\n{body}{notes}\n")

    def texts(self) -> list[str]:
        """Every text the slide shows (title, bullets, table cells), as plain strings."""
        out = [self.title, *self.bullets]
        if self.table is not None:
            out += list(self.table.columns) + [c for row in self.table.rows() for c in row]
        return [str(t) for t in out]


def _choice_chart(qview: ChoiceView, title: str, top: int = 6) -> Chart:
    """Shares per option, previous wave beside the current one (known options only, the
    ``top`` most chosen this year)."""
    counts = qview.counts[qview.counts["known"]]
    labels = counts.sort_values("count", ascending=False, kind="stable")["option"].head(top)
    labels = [lb for lb in qview.counts["option"] if lb in set(labels)]
    display = {o.label: o.display for o in qview.question.options}
    series = []
    if qview.compared:
        prev = tuple(_safe_prev_share(qview, lb) for lb in labels)
        series.append((str(qview.prev_year), prev))
    series.append((str(qview.year), tuple(qview.share_value(lb) for lb in labels)))
    return Chart(qview.question.id, title, tuple(display.get(lb, lb) for lb in labels),
                 tuple(series))


def _rating_chart(qview: RatingView, title: str) -> Chart:
    """Shares of each score, one series per wave whose distribution is known."""
    points = list(qview.question.rating_scale.points)
    series = []
    for year in (qview.prev_year, qview.year) if qview.compared else (qview.year,):
        if not qview.known(year):
            continue
        n = qview.n_value(year)
        shares = []
        for p in points:
            count = qview.count_value(p, year)
            assert count is not None  # known(year): every score's count is data
            shares.append(count / n)
        series.append((str(year), tuple(shares)))
    return Chart(qview.question.id, title, tuple(str(p) for p in points), tuple(series))


def _safe_prev_share(qview: ChoiceView, label: str) -> float | None:
    try:
        value = qview.share_value(label, qview.prev_year)
    except KeyError:
        return None
    return None if is_missing(value) else value


def respondents_slide(bundle: SurveyBundle) -> Slide:
    """How many answered, the change from the previous wave, and how the survey was run."""
    now, before = bundle.current, bundle.previous
    assert before is not None  # the deck compares two waves
    change = context.respondents_change(bundle)
    return Slide("svar", f"Undersøkelsen {now.year}", (
        f"{fmt.num(now.respondents)} svarte i {now.year}",
        f"{change['more']} {change['direction']} enn i {before.year} "
        f"({fmt.num(before.respondents)} svar)",
        "Åpen lenke: de som svarte, valgte selv å svare",
    ), notes=(
        "Undersøkelsen ble spredt med en åpen lenke. Vi vet derfor ikke hvor mange som fikk "
        "den, og de som svarte, er ikke et tilfeldig utvalg av brukerne.",
        "En endring mellom rundene gjelder dem som svarte, ikke nødvendigvis alle brukerne.",
    ))


def mix_slide(bundle: SurveyBundle) -> Slide:
    """Who answered: the largest roles now and their shift from the previous wave."""
    roles = view(bundle, "q01")
    if not isinstance(roles, ChoiceView):
        raise TypeError(f"q01 (roles) is not a choice question asked in {bundle.current.year}")
    top = roles.top(3)
    lines = [f"{lb}: {roles.share(lb)} ({roles.shift(lb)})" for lb in top[:2]]
    notes = [f"{lb}: {roles.share(lb, roles.prev_year)} i {roles.prev_year}, "
             f"{roles.share(lb)} i {roles.year}." for lb in top]
    return Slide("hvem", "Hvem svarte", (
        *lines,
        "Endringene beskrives, de testes ikke",
    ), notes=(
        "Sammensetningen beskrives, den testes ikke: utvalget er selvvalgt.",
        *notes,
    ), chart=_choice_chart(roles, "roller blant dem som svarte, andel per runde", top=5))


def key_figures_slide(key: findings.KeyFindings) -> Slide:
    """The key figures with their change and verdict; intervals in the notes."""
    notes = []
    for v in key.values:
        low, high = v.interval()
        notes.append(f"{v.indicator.label}: {fmt.pct(v.share)} i {key.year}, 95 % "
                     f"konfidensintervall {interval_cell(low, high)}; {v.verdict}.")
    return Slide("nokkeltall", "Nøkkeltall", (), notes=(
        f"«{Verdict.UP}» betyr at endringen er større enn tilfeldigheter alene ville gitt "
        "blant dem som svarte; den sier ikke at brukerne har endret seg.",
        *notes,
    ), table=findings.table(key))


def section_slide(bundle: SurveyBundle, qid: str, title: str, option: str | None) -> Slide:
    """One results section: its main question's chart and two or three computed bullets."""
    qview = view(bundle, qid)
    if isinstance(qview, NotAskedView):
        raise KeyError(f"{qid} is not asked in {bundle.current.year}: no section slide")
    lines = [f"{qview.n()} svarte på spørsmålet"]
    notes = [f"Spørsmålet: «{qview.text}»"]
    if isinstance(qview, RatingView):
        low = qview.share([1, 2])
        high = qview.share([4, 5])
        lines += [f"{high} gir fire eller fem, {low} en eller to",
                  f"Snitt {qview.mean()} (1–5)"]
        if qview.compared:
            notes.append(f"Endring: {qview.verdict()}.")
        else:
            notes.append(f"Spørsmålet er nytt i {qview.year}; det er ingenting å sammenlikne med.")
        chart = _rating_chart(qview, f"{title.lower()}, andel per skår")
    else:
        shown = option or qview.top(1)[0]
        lines.append(f"{qview.label(shown)}: {qview.share(shown)}")
        if qview.compared and qview.prev_asked(str(qview.label(shown))):
            lines.append(f"{qview.prev_year}: {qview.share(shown, qview.prev_year)}; "
                         f"{qview.verdict_word(shown)}")
            notes.append(f"{qview.label(shown)}: {qview.share(shown, qview.prev_year)} i "
                         f"{qview.prev_year}, {qview.share(shown)} i {qview.year}: "
                         f"{qview.verdict(shown)}.")
        chart = _choice_chart(qview, f"{title.lower()}, andel per svaralternativ")
    return Slide(f"seksjon-{qid}", title, tuple(lines), notes=tuple(notes), chart=chart)


def bottleneck_slide(bundle: SurveyBundle) -> Slide:
    """The themes of the free-text questions on bottlenecks and other input (Q20-22), in the
    report's order (it gives no count per theme, so no ranking is claimed)."""
    lines, notes = [], []
    for qid, label, polarity in BOTTLENECKS:
        names = ft.category_names(bundle, qid, polarity)
        lines.append(f"{label}: {', '.join(fmt.lower_first(x) for x in names[:2])}"
                     + (" m.fl." if len(names) > 2 else ""))
        notes.append(f"{qid.upper()}: {ft.answered(bundle, qid)} skrev noe, "
                     f"{ft.stated(bundle, qid, 'concrete')} konkrete innspill; temaer: "
                     f"{', '.join(names)}.")
    return Slide("flaskehalser", "Flaskehalser og innspill", tuple(lines), notes=(
        "Temaene er sekretariatets oppsummering av de konkrete innspillene; rapporten oppgir "
        "ikke antall per tema, så rekkefølgen er ingen rangering.",
        *notes,
    ))


def recommendations_slide(key: findings.KeyFindings) -> Slide:
    """The recommendations' titles and who acts (their authored ``who``) as a table on the
    slide, their computed texts in the notes."""

    recs = key.spec.recommendations
    titles = [findings.filled(key, i, r, r.title) for i, r in enumerate(recs)]
    texts = [findings.filled(key, i, r, r.text) for i, r in enumerate(recs)]
    frame = pd.DataFrame({"Anbefaling": [str(t) for t in titles],
                          "Hvem": [r.who for r in recs]})
    return Slide("anbefalinger", "Anbefalinger", (),
                 table=Table(frame, left=["Anbefaling", "Hvem"]),
                 notes=tuple(f"{i + 1}. {t} {x}" for i, (t, x) in
                             enumerate(zip(titles, texts, strict=True))))


def next_slide(bundle: SurveyBundle) -> Slide:
    """What happens next: where the results were shown and when the next wave comes."""
    facts = context.wave_facts(bundle)
    presented = facts.get("presented") or []
    lines = [f"{str(p['forum']).capitalize()} {context.date(p['date'])}" for p in presented]
    previous = bundle.previous
    assert previous is not None  # the deck compares two waves
    gap = bundle.current.year - previous.year
    lines.append(f"Neste undersøkelse: {bundle.current.year + gap}")
    return Slide("videre", "Veien videre", tuple(lines), notes=(
        "Hele rapporten med alle tall, tabellvedlegget og metoden ligger i boka; hvert tall "
        "på lysbildene er regnet ut fra de samme dataene.",
    ))


def deck(bundle: SurveyBundle) -> list[Slide]:
    """Every slide after the title slide, in order."""
    key = findings.key_findings(bundle)
    return [respondents_slide(bundle), mix_slide(bundle), key_figures_slide(key),
            *(section_slide(bundle, q, t, o) for q, t, o in SECTIONS),
            bottleneck_slide(bundle), recommendations_slide(key), next_slide(bundle)]


def title_metadata(bundle: SurveyBundle) -> Block:
    """A pandoc YAML metadata block that fills the title slide's ``date`` with the survey
    year of the data (``deck/presentasjon.qmd`` prints it from its first cell, ``output:
    asis``). Pandoc reads a metadata block anywhere in the document; ``date`` is set nowhere
    else, so no precedence rule between blocks decides it, under either engine.

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> title_metadata(NS(current=NS(year=2027))).markdown.split("---")[1].strip()
    'date: Undersøkelsen 2027'
    """
    return Block(f"\n---\ndate: Undersøkelsen {int(bundle.current.year)}\n---\n\n")


def by_key(bundle: SurveyBundle) -> dict[str, Slide]:
    """The slides by key (``deck/presentasjon.qmd`` prints ``slides["svar"].markdown()``)."""
    return {s.key: s for s in deck(bundle)}
