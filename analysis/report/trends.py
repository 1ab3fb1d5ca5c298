"""Development over time as display tables: respondents per wave, and the main changes since
the previous wave with the interval of each change and the book's verdict (never from the eye).

Used by the method chapter (respondents per year) and the comparison chapter (main changes).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import pandas as pd

from analysis import fmt
from analysis.compute.verdict import BEYOND_CHANCE, Verdict
from analysis.display import NO_DATA, UNKNOWN, Table, Text, is_missing
from analysis.report.change_words import interval_text
from analysis.report.values import NOT_ASKED, percent, printed_change, signed

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

#: The verdict words are the book's one vocabulary (:class:`Verdict`); these names stay for
#: the callers that compare against them.
NOT_SIGNIFICANT = Verdict.CHANCE.value
NO_CHANGE = Verdict.NO_CHANGE.value
NOT_TESTABLE = Verdict.NOT_TESTABLE.value
#: The verdicts that say a change is more than chance gives among those who answered.
BEYOND = tuple(v.value for v in BEYOND_CHANCE)


def format_respondents(frame: pd.DataFrame, reconstructed: Iterable[int] = (),
                       estimates: Iterable[int] = ()) -> pd.DataFrame:
    """Display table of respondents per survey year.

    Parameters
    ----------
    frame : pandas.DataFrame
        Row grain: one survey year, as :func:`analysis.report.context.respondents_by_year`
        returns it (``year``, ``respondents`` (NaN when unknown), ``source`` ("data",
        "publisert" or None), ``approximate``).
    reconstructed : iterable of int
        Years whose answer data are a reconstruction from published figures.
    estimates : iterable of int
        Years whose published figure is only an estimate ("rundt 150"), not a count.

    Returns
    -------
    pandas.DataFrame
        Columns ``År``, ``Respondenter`` ("ca. 150" when approximate, "ingen tall" when
        unknown) and ``Kilde``.

    Examples
    --------
    >>> f = pd.DataFrame({"year": [2020, 2025], "respondents": [float("nan"), 186.0],
    ...                   "source": [None, "data"], "approximate": [False, False]})
    >>> format_respondents(f)["Respondenter"].tolist()
    ['ingen tall', '186']
    """
    recon, rough = set(reconstructed), set(estimates)
    rows = []
    for r in frame.itertuples(index=False):
        if is_missing(r.respondents):  # no figure for the year
            count, source = NO_DATA, "ingen publiserte tall"
        else:
            count = ("ca. " if r.approximate else "") + fmt.num(r.respondents)
            if r.source == "data":
                source = ("svardata, rekonstruert fra publiserte tall" if r.year in recon
                          else "svardata")
            elif r.year in rough:
                source = "publisert anslag"
            else:
                source = "publisert tall, omtrentlig" if r.approximate else "publisert tall"
        rows.append({"År": str(int(r.year)), "Respondenter": count, "Kilde": source})
    return pd.DataFrame(rows, columns=["År", "Respondenter", "Kilde"])


def respondents_table(bundle: SurveyBundle) -> Table:
    """Respondents per survey year of the bundle (see :func:`format_respondents`).

    A published total with the qualifier "about" ("rundt 150") counts as an estimate.
    """
    from analysis.report.context import respondents_by_year

    reconstructed = [y for y, w in bundle.waves.items() if w.reconstructed]
    ledger = bundle.ledger.frame()
    totals = ledger[ledger["question"].isna() & (ledger["kind"] == "n")]
    estimates = totals.loc[totals["qualifier"] == "about", "year"].astype(int).tolist()
    return Table(format_respondents(respondents_by_year(bundle), reconstructed, estimates),
                 left=["År", "Kilde"])


#: The main changes since the previous wave (theme, question, option or None for a rating),
#: shown in the comparison chapter and weighed in the method chapter's sensitivity table.
MAIN_CHANGES = (
    ("Kjenner NorCRIN godt", "q03", "Kjenner godt"),
    ("Har hørt om NorCRIN, usikker", "q03", "Hørt om, usikker"),
    ("Prioritet: kurs og opplæring", "q04", "Kurs og opplæring"),
    ("Prioritet: nasjonale SOPer og maler", "q04", "Nasjonale SOPer og maler"),
    ("Prioritet: forskningsstøtte og veiledning", "q04", "Forskningsstøtte og veiledning"),
    ("Har vært inne på nettsidene", "q05", "Ja"),
    ("Lett å finne fram på norcrin.no", "q07", None),
    ("Aldri i kontakt med forskningsstøtte", "q10", "Ingen kontakt"),
    ("Tilfredshet med hjelpen", "q11", None),
    ("Har tatt GCP-kurs", "q14", "GCP-kurs"),
    ("Ikke deltatt på kurs eller møter", "q14", "Ingen"),
    ("Aldri hørt om ECRIN", "q15", "Aldri hørt om"),
)


#: One row of the change table: (theme, view, key). The key says what the view is: an option
#: label of a choice question's view, or None for a rating's (a view, or any object with the
#: same methods: duck-typed).
ChangeItem = tuple[str, Any, str | None]


@lru_cache(maxsize=4)
def main_changes(bundle: SurveyBundle) -> tuple[ChangeItem, ...]:
    """:data:`MAIN_CHANGES` with each question's view, for :func:`change_table` (one set of
    views per bundle, so each verdict is computed once per chapter)."""
    from analysis.report.views import view

    return tuple((theme, view(bundle, qid), key) for theme, qid, key in MAIN_CHANGES)


def adjusted(bundle: SurveyBundle) -> dict:
    """The standardised changes of :data:`MAIN_CHANGES` for :func:`change_table` (empty
    unless both waves are real exports: :func:`analysis.report.mix_adjusted.adjusted_changes`)."""
    from analysis.report.mix_adjusted import adjusted_changes

    return adjusted_changes(bundle, MAIN_CHANGES)


def change_table(items: Sequence[ChangeItem],
                 adjusted: Mapping[str, tuple[object, float]] | None = None) -> Table:
    """Display table of the main changes since the previous wave.

    Parameters
    ----------
    items : sequence of (theme, view, key)
        ``view`` a :class:`~analysis.report.choice_view.ChoiceView` with ``key`` one option (label
        or short label), or a :class:`~analysis.report.rating_view.RatingView` with ``key`` None
        (compared by mean; its verdict is the question's). All views must share the same two
        years. An item that is a break in the series (``compare_to.breaks``) is left out:
        its chapter shows both shares and the reason.

    Returns
    -------
    Table
        Row grain: one item. Columns ``Tema``, ``<previous year>``, ``<year>`` (shares, or
        "snitt 3,98" for ratings), ``Endring (pp)`` (the difference of the two printed
        shares), ``95 % KI (pp)`` (Newcombe's interval of the change) and ``Vurdering`` (the
        book's verdict, :mod:`analysis.compute.verdict`: the same as the chapter's).
        ``attrs["breaks"]`` lists the themes left out as breaks.
        With ``adjusted`` (theme -> (:class:`~analysis.compute.standardise.StandardisedChange`,
        CMH p), :func:`analysis.report.mix_adjusted.adjusted_changes`; real exports only) three
        more columns beside the crude change: ``Standardisert (pp)``, ``KI standardisert
        (pp)`` and ``CMH p`` ("–" for a row without one).
    """
    ki = f"95{fmt.NBSP}% KI (pp)"
    if not items:
        return Table(pd.DataFrame(columns=["Tema", "Endring (pp)", ki, "Vurdering"]))
    first = items[0][1]
    prev, year = first.prev_year, first.year
    rows, breaks = [], []
    for theme, view, key in items:
        if (view.prev_year, view.year) != (prev, year):
            raise ValueError(f"{theme}: compares {view.prev_year}-{view.year}, not {prev}-{year}")
        word = view.verdict_word() if key is None else view.verdict_word(key)
        if word is Verdict.BREAK:
            breaks.append(theme)
            continue
        if key is None:
            row = {str(y): f"snitt\u00a0{view.mean(y)}" if view.known(y) else UNKNOWN
                   for y in (prev, year)}
            row["Endring (pp)"] = row[ki] = NOT_ASKED
        else:
            t = view.test(key)
            points = printed_change(t["share_a"], t["share_b"])
            row = {str(prev): view.share(key, prev), str(year): view.share(key),
                   "Endring (pp)": signed(points) if points is not None else UNKNOWN,
                   ki: interval_cell_pp(t["diff_low"], t["diff_high"])}
        if adjusted:
            row.update(_adjusted_cells(adjusted.get(theme)))
        row["Vurdering"] = word.value
        rows.append({"Tema": theme, **row})
    columns = ["Tema", str(prev), str(year), "Endring (pp)", ki,
               *(ADJUSTED_COLUMNS if adjusted else ()), "Vurdering"]
    table = Table(pd.DataFrame(rows, columns=columns), left=["Tema", "Vurdering"])
    table.frame.attrs["breaks"] = breaks
    return table


#: The columns a real export adds beside each crude change (:func:`change_table`).
ADJUSTED_COLUMNS = ("Standardisert (pp)", "KI standardisert (pp)", "CMH p")


def _adjusted_cells(result) -> dict:
    """The standardised change (points, signed, as printed changes), its interval and the
    within-group p of one row; "–" in each when the row has none."""
    if result is None:
        return dict.fromkeys(ADJUSTED_COLUMNS, NOT_ASKED)
    change, p = result
    points = percent(change.standardised)
    points = None if points is None else points + 0  # -0 prints as 0
    return {ADJUSTED_COLUMNS[0]: signed(points) if points is not None else UNKNOWN,
            ADJUSTED_COLUMNS[1]: interval_cell_pp(change.low, change.high),
            ADJUSTED_COLUMNS[2]: NOT_ASKED if is_missing(p) else Text(fmt.p_number(p))}


def interval_cell_pp(low: float, high: float):
    """The change's interval for a table cell: ``"+1 til +20"`` (``"–"`` when missing).

    >>> interval_cell_pp(0.012, 0.204)
    '+1 til +20'
    """
    if is_missing(low) or is_missing(high):
        return NOT_ASKED
    return Text(interval_text(low, high).replace(f"{fmt.NBSP}prosentpoeng", ""))


def summarise_changes(changes: Table | pd.DataFrame) -> dict[str, int]:
    """How many rows of :func:`change_table` there are, are likely real (Holm-adjusted p
    below the level), cannot be tested.

    Examples
    --------
    >>> t = pd.DataFrame({"Vurdering": [BEYOND[0], NOT_SIGNIFICANT, NOT_TESTABLE]})
    >>> summarise_changes(t)["significant"], summarise_changes(t)["untestable"]
    (1, 1)
    """
    frame = changes.frame if isinstance(changes, Table) else changes
    verdicts = frame["Vurdering"]
    return {
        "rows": len(frame),
        "significant": int(verdicts.isin(BEYOND).sum()),
        "composition": int((verdicts == Verdict.COMPOSITION.value).sum()),
        "undecidable": int((verdicts == Verdict.UNDECIDABLE.value).sum()),
        "untestable": int((verdicts == NOT_TESTABLE).sum()),
    }


def breaks_sentence(changes: Table) -> Text:
    """Which themes :func:`change_table` left out as breaks in the series, as a sentence;
    "" when none.

    >>> t = Table(pd.DataFrame(columns=["Tema"])); t.frame.attrs["breaks"] = ["A", "B"]
    >>> breaks_sentence(t)[:40]
    '«A» og «B» er ikke med i tabellen, fordi'
    """
    themes = changes.frame.attrs.get("breaks", [])
    if not themes:
        return Text("")
    return Text(f"{fmt.join([fmt.quote(t) for t in themes])} er ikke med i tabellen, fordi "
                "spørsmålet er endret slik at tallene ikke kan sammenliknes (brudd i serien).")


def untestable_sentence(changes: Table | pd.DataFrame) -> Text:
    """Which rows of :func:`change_table` cannot be tested, and why, as one sentence: e.g.
    "For «Lett å finne fram på norcrin.no» kan endringen ikke testes, fordi svarfordelingen
    for 2023 ikke er kjent." Empty when every row is tested.

    The reason is read off the row: a year whose value is "ukjent" (a rating's distribution,
    an option's share) or, when both values are known, a test that could not be computed.

    Examples
    --------
    >>> t = pd.DataFrame({"Tema": ["Tilfredshet", "Kurs"], "2023": [UNKNOWN, "12 %"],
    ...                   "2025": ["snitt 4,10", "20 %"], "Endring (pp)": [NOT_ASKED, "+8"],
    ...                   "Vurdering": [NOT_TESTABLE, NOT_SIGNIFICANT]})
    >>> untestable_sentence(t)
    'For «Tilfredshet» kan endringen ikke testes, fordi svarfordelingen for 2023 ikke er kjent.'
    >>> untestable_sentence(t.iloc[1:])
    ''
    """
    frame = changes.frame if isinstance(changes, Table) else changes
    years = list(frame.columns[1:3])
    reasons: dict[str, list[str]] = {}
    for _, row in frame[frame["Vurdering"] == NOT_TESTABLE].iterrows():
        missing = [y for y in years if row[y] == UNKNOWN]
        what = "svarfordelingen" if row["Endring (pp)"] == NOT_ASKED else "andelen"
        if missing:
            reason = f"fordi {what} for {fmt.join(missing)} ikke er kjent"
        else:
            reason = ("fordi spørsmålet testes under ett, og hele fordelingen ikke er kjent "
                      "for begge år")
        reasons.setdefault(reason, []).append(fmt.quote(row["Tema"]))
    sentences = [
        f"For {fmt.join(themes)} kan {'endringen' if len(themes) == 1 else 'endringene'} "
        f"ikke testes, {reason}."
        for reason, themes in reasons.items()
    ]
    return Text(" ".join(sentences))
