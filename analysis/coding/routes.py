"""Where a coded answer should go: the local research support of the respondent's region, or a
work package, as the codebook's ``routing`` of its code says (feedback packs read this)."""

from __future__ import annotations

import pandas as pd

from analysis.coding.schema import NO_CONTENT, Codebook, WorkPackageRoute
from analysis.coding.tally import book_decisions

ROUTE_COLUMNS = ("response_id", "qid", "code", "route", "work_package")


def routed_answers(codebook: Codebook, decisions: pd.DataFrame) -> pd.DataFrame:
    """One row per coded answer and code, with the routing of the code.

    Parameters
    ----------
    codebook
        The wave's codebook (:func:`analysis.coding.load_codebook`).
    decisions
        The wave's decisions (:func:`analysis.coding.load_decisions`); the book's coder per
        answer is followed (:func:`analysis.coding.tally.book_decisions`), and answers coded
        :data:`~analysis.coding.schema.NO_CONTENT` are left out.

    Returns
    -------
    pandas.DataFrame
        Row grain (response_id, qid, code), sorted by qid, response_id, code. Columns
        ``response_id`` (int), ``qid`` (str), ``code`` (str), ``route`` (``"local_support"``,
        ``"work_package"`` or None) and ``work_package`` (the work package id, or None).

    Examples
    --------
    >>> book = Codebook.model_validate({"year": 2027, "source": "x",
    ...     "work_packages": [{"id": "kurs", "name": "Kurs"}], "questions": {"q13": {"codes": [
    ...     {"id": "lokal", "label": "L", "definition": "L", "routing": "local_support"},
    ...     {"id": "gcp", "label": "G", "definition": "G",
    ...      "routing": {"work_package": "kurs"}}]}}})
    >>> d = pd.DataFrame({"response_id": [4, 4], "qid": "q13", "code": ["gcp", "lokal"],
    ...                   "coder": "ab"})
    >>> routed_answers(book, d)[["code", "route", "work_package"]].values.tolist()
    [['gcp', 'work_package', 'kurs'], ['lokal', 'local_support', None]]
    """
    chosen = book_decisions(decisions)
    chosen = chosen[(chosen["code"] != NO_CONTENT) & chosen["qid"].isin(codebook.questions)]
    rows = []
    for r in chosen.drop_duplicates(["response_id", "qid", "code"]).itertuples():
        routing = codebook.question(r.qid).code(r.code).routing
        route: str | None
        if isinstance(routing, WorkPackageRoute):
            route, package = "work_package", routing.work_package
        else:
            route, package = routing, None
        rows.append({"response_id": int(r.response_id), "qid": r.qid, "code": r.code,
                     "route": route, "work_package": package})
    frame = pd.DataFrame(rows, columns=ROUTE_COLUMNS)
    frame = frame.astype({"response_id": "int64"}).sort_values(["qid", "response_id", "code"])
    return frame.reset_index(drop=True).astype(object).where(frame.notna(), None).astype(
        {"response_id": "int64"})
