"""Development over time as display tables: respondents per wave, and the main changes since
the previous wave with a short verdict worded from the Holm-adjusted test (never from the eye).

Used by the method chapter (respondents per year) and the comparison chapter (main changes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analysis import fmt
from analysis.display import NO_DATA, UNKNOWN, Table, Text, is_missing
from analysis.report.values import NOT_ASKED, p_cell, printed_change, signed

#: Short verdicts for the change table, in plain words (the box «Slik leser du tallene» says
#: that "trolig reell" means a Holm-adjusted p below 0,05).
SIGNIFICANT_UP = "trolig reell økning"
SIGNIFICANT_DOWN = "trolig reell nedgang"
RATED_HIGHER = "trolig reelt høyere"
RATED_LOWER = "trolig reelt lavere"
NOT_SIGNIFICANT = "kan skyldes tilfeldigheter"
NO_CHANGE = "ingen endring"
NOT_TESTABLE = "kan ikke testes"
#: The verdicts that say a change is likely real.
LIKELY_REAL = (SIGNIFICANT_UP, SIGNIFICANT_DOWN, RATED_HIGHER, RATED_LOWER)


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


def respondents_table(bundle) -> Table:
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


def choice_verdict(points, significant: bool) -> str:
    """Short verdict for one option's change: ``points`` the printed change (None or NaN when
    unknown), ``significant`` the Holm-adjusted test's flag.

    Examples
    --------
    >>> choice_verdict(21, True), choice_verdict(-5, False), choice_verdict(0, False)
    ('trolig reell økning', 'kan skyldes tilfeldigheter', 'ingen endring')

    A change that prints as zero is "ingen endring" whatever the test says, as in the prose
    (:func:`analysis.report.views.change_clause`): a direction would contradict the "0" beside
    it.

    >>> choice_verdict(0, True)
    'ingen endring'
    """
    if points is None or is_missing(points):
        return NOT_TESTABLE
    if points == 0:
        return NO_CHANGE
    if not significant:
        return NOT_SIGNIFICANT
    return SIGNIFICANT_UP if points > 0 else SIGNIFICANT_DOWN


def change_table(items: Sequence[tuple[str, object, str | None]]) -> Table:
    """Display table of the main changes since the previous wave.

    Parameters
    ----------
    items : sequence of (theme, view, key)
        ``view`` a :class:`~analysis.report.views.ChoiceView` with ``key`` one option (label
        or short label), or a :class:`~analysis.report.views.RatingView` with ``key`` None
        (compared by mean and the Mann-Whitney test). All views must share the same two years.

    Returns
    -------
    Table
        Row grain: one item. Columns ``Tema``, ``<previous year>``, ``<year>`` (shares, or
        "snitt 3,98" for ratings), ``Endring (pp)`` (the difference of the two printed
        shares), ``p`` (the row's own test), ``p (Holm)`` (adjusted within the row's question:
        all its tested options; a rating is a family of one) and ``Vurdering`` (from
        ``p (Holm)``). Values the published figures do not determine read "ukjent", and their
        verdict "kan ikke testes".
    """
    columns = ["Tema", "Endring (pp)", "p", "p (Holm)", "Vurdering"]
    if not items:
        return Table(pd.DataFrame(columns=columns))
    first = items[0][1]
    prev, year = first.prev_year, first.year
    rows = []
    for theme, view, key in items:
        if (view.prev_year, view.year) != (prev, year):
            raise ValueError(f"{theme}: compares {view.prev_year}-{view.year}, not {prev}-{year}")
        if key is None:
            row = {str(y): f"snitt\u00a0{view.mean(y)}" if view.known(y) else UNKNOWN
                   for y in (prev, year)}
            row["Endring (pp)"] = NOT_ASKED
            if view.known(prev) and view.known(year):
                c = view.comparison
                row["p"], row["p (Holm)"] = p_cell(c.p_value), p_cell(c.p_holm)
                row["Vurdering"] = (NOT_SIGNIFICANT if not c.significant
                                    else RATED_HIGHER if c.rank_biserial > 0 else RATED_LOWER)
            else:
                row["p"] = row["p (Holm)"] = UNKNOWN
                row["Vurdering"] = NOT_TESTABLE
        else:
            t = view.test(key)
            points = printed_change(t["share_a"], t["share_b"])
            tested = points is not None and t["p_value"] == t["p_value"]
            row = {str(prev): view.share(key, prev), str(year): view.share(key),
                   "Endring (pp)": signed(points) if points is not None else UNKNOWN,
                   "p": p_cell(t["p_value"]) if tested else UNKNOWN,
                   "p (Holm)": p_cell(t["p_holm"]) if tested else UNKNOWN,
                   "Vurdering": choice_verdict(points if tested else None,
                                               bool(t["significant"]))}
        rows.append({"Tema": theme, **row})
    return Table(pd.DataFrame(rows, columns=["Tema", str(prev), str(year), *columns[1:]]),
                 left=["Tema", "Vurdering"])


def summarise_changes(changes: Table | pd.DataFrame) -> dict[str, int]:
    """How many rows of :func:`change_table` there are, are likely real (Holm-adjusted p
    below the level), cannot be tested.

    Examples
    --------
    >>> t = pd.DataFrame({"Vurdering": [SIGNIFICANT_UP, NOT_SIGNIFICANT, NOT_TESTABLE]})
    >>> summarise_changes(t)
    {'rows': 3, 'significant': 1, 'untestable': 1}
    """
    frame = changes.frame if isinstance(changes, Table) else changes
    verdicts = frame["Vurdering"]
    return {
        "rows": len(frame),
        "significant": int(verdicts.isin(LIKELY_REAL).sum()),
        "untestable": int((verdicts == NOT_TESTABLE).sum()),
    }


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
            reason = "fordi testen ikke kan regnes ut"
        reasons.setdefault(reason, []).append(fmt.quote(row["Tema"]))
    sentences = [
        f"For {fmt.join(themes)} kan {'endringen' if len(themes) == 1 else 'endringene'} "
        f"ikke testes, {reason}."
        for reason, themes in reasons.items()
    ]
    return Text(" ".join(sentences))
