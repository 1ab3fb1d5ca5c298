"""Development over time as display tables: respondents per wave, and the main changes since
the previous wave with a short verdict worded from the test (never from the eye).

Used by the method chapter (respondents per year) and the comparison chapter (main changes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from analysis import fmt
from analysis.display import Table
from analysis.report.tables import bare_p, bare_pp
from analysis.report.views import UNKNOWN

#: Short verdicts for the change table.
SIGNIFICANT_UP = "signifikant økning"
SIGNIFICANT_DOWN = "signifikant nedgang"
RATED_HIGHER = "signifikant høyere"
RATED_LOWER = "signifikant lavere"
NOT_SIGNIFICANT = "ingen signifikant endring"
NOT_TESTABLE = "kan ikke testes"


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
        if r.respondents != r.respondents:  # NaN: no figure for the year
            count, source = "ingen tall", "ingen publiserte tall"
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
    ledger = bundle.ledger
    totals = ledger[ledger["question"].isna() & (ledger["kind"] == "n")]
    estimates = totals.loc[totals["qualifier"] == "about", "year"].astype(int).tolist()
    return Table(format_respondents(respondents_by_year(bundle), reconstructed, estimates),
                 left=["År", "Kilde"])


def choice_verdict(diff: float, significant: bool) -> str:
    """Short verdict for one option's change (Fisher's exact test per option).

    Examples
    --------
    >>> choice_verdict(0.2, True), choice_verdict(-0.05, False)
    ('signifikant økning', 'ingen signifikant endring')
    """
    if diff != diff:
        return NOT_TESTABLE
    if not significant:
        return NOT_SIGNIFICANT
    return SIGNIFICANT_UP if diff > 0 else SIGNIFICANT_DOWN


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
        "snitt 3,98" for ratings), ``Endring (pp)``, ``p`` and ``Vurdering``. Values the
        published figures do not determine read "ukjent", and their verdict "kan ikke testes".
        p-values are per row, not adjusted for multiple comparisons.
    """
    if not items:
        return Table(pd.DataFrame(columns=["Tema", "Endring (pp)", "p", "Vurdering"]))
    first = items[0][1]
    prev, year = first.prev_year, first.year
    rows = []
    for theme, view, key in items:
        if (view.prev_year, view.year) != (prev, year):
            raise ValueError(f"{theme}: compares {view.prev_year}-{view.year}, not {prev}-{year}")
        if key is None:
            a, b = view.mean(prev), view.mean(year)
            testable = view.known(prev) and view.known(year)
            row = {str(prev): f"snitt\u00a0{a}" if a != UNKNOWN else UNKNOWN,
                   str(year): f"snitt\u00a0{b}" if b != UNKNOWN else UNKNOWN, "Endring (pp)": "–"}
            if testable:
                c = view.comparison
                row["p"] = bare_p(c.p_value)
                row["Vurdering"] = (NOT_SIGNIFICANT if not c.significant
                                    else RATED_HIGHER if c.rank_biserial > 0 else RATED_LOWER)
            else:
                row["p"], row["Vurdering"] = UNKNOWN, NOT_TESTABLE
        else:
            t = view.test(key)
            known = t["diff"] == t["diff"]
            row = {str(prev): view.share(key, prev), str(year): view.share(key),
                   "Endring (pp)": bare_pp(t["diff"]) if known else UNKNOWN,
                   "p": bare_p(t["p_value"]) if known else UNKNOWN,
                   "Vurdering": choice_verdict(t["diff"], bool(t["significant"]))}
        rows.append({"Tema": theme, **row})
    return Table(pd.DataFrame(rows, columns=["Tema", str(prev), str(year), "Endring (pp)",
                                             "p", "Vurdering"]), left=["Tema", "Vurdering"])


def summarise_changes(changes: Table | pd.DataFrame) -> dict[str, int]:
    """How many rows of :func:`change_table` there are, are significant, cannot be tested.

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
        "significant": int(verdicts.str.startswith("signifikant").sum()),
        "untestable": int((verdicts == NOT_TESTABLE).sum()),
    }
