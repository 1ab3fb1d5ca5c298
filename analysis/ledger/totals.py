"""The published number of responses of each survey wave, as the ledger records it."""

from __future__ import annotations

import pandas as pd


def wave_totals(ledger: pd.DataFrame) -> dict[int, int]:
    """Year -> published number of responses (report-level ``n`` figures, basis "respondents").

    Only a wave's own total counts; "rundt 150" said of earlier surveys in general is not one.

    Examples
    --------
    >>> rows = pd.DataFrame({"year": [2025, 2025], "question": [None, None],
    ...                      "kind": ["n", "n"], "value": [186.0, 150.0],
    ...                      "basis": ["respondents", None]})
    >>> wave_totals(rows)
    {2025: 186}
    """
    rows = ledger[ledger["question"].isna() & (ledger["kind"].astype(str) == "n")
                  & (ledger["basis"] == "respondents")]
    return {int(y): int(v) for y, v in rows.groupby("year")["value"].max().items()}


def wave_respondents(ledger: pd.DataFrame, year: int) -> int:
    """The published number of responses of one wave.

    Raises
    ------
    ValueError
        If the ledger has no such figure for ``year``, or disagreeing ones.
    """
    rows = ledger[(ledger["year"] == year) & ledger["question"].isna()
                  & (ledger["kind"].astype(str) == "n") & (ledger["basis"] == "respondents")]
    values = sorted(set(rows["value"].astype(int)))
    if len(values) != 1:
        raise ValueError(f"ledger: expected one number of respondents for {year} "
                         f"(kind n, question null, basis respondents), found {values}")
    return values[0]
