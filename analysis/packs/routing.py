"""Which free-text answers go to which pack: routing, regions and the sign-off.

Routing is one frame with the columns :data:`ROUTED_COLUMNS`, one row per routed answer:
``response_id`` (the export's ID), ``qid``, ``code`` (the coding's code, or ``""``), ``route``
(``"region"``: the local research support of the respondent's region(s); ``"work_package"``:
the package in ``work_package``). :func:`routes_by_question` makes it from
``data/partners.yaml`` until the free-text coding routes answer by answer; whichever made it,
:func:`routed_texts` takes it as input, so the coding's frame plugs in unchanged.
"""

from __future__ import annotations

import pandas as pd

from analysis.freetext import screen

ROUTED_COLUMNS = ["response_id", "qid", "code", "route", "work_package"]
#: Why an answer routed to a pack is not quoted there.
NOT_APPROVED = "ikke godkjent for utsending"
PERSONAL_DATA = "kan inneholde personopplysninger"
TOO_FEW = "regionen har for få respondenter"


def _answers(wave, qids) -> pd.DataFrame:
    """Non-empty typed answers of ``qids``: ``response_id``, ``qid``, ``text`` (screened
    on load)."""
    long = wave.long
    rows = long[long["question"].isin(list(qids)) & long["text"].notna()]
    rows = rows[rows["text"].astype(str).str.strip() != ""]
    return pd.DataFrame({"response_id": rows["respondent"].astype(int).to_numpy(),
                         "qid": rows["question"].astype(str).to_numpy(),
                         "text": rows["text"].astype(str).to_numpy()})


def routes_by_question(wave, partners) -> pd.DataFrame:
    """Route every answer of a routed question as ``data/partners.yaml`` says.

    Returns
    -------
    pandas.DataFrame
        One row per routed answer, columns :data:`ROUTED_COLUMNS` (``code`` empty).
    """
    routes = {r.question: r for r in partners.routes}
    answers = _answers(wave, routes)
    frame = pd.DataFrame({
        "response_id": answers["response_id"],
        "qid": answers["qid"],
        "code": "",
        "route": [routes[q].route for q in answers["qid"]],
        "work_package": [routes[q].work_package or "" for q in answers["qid"]],
    }, columns=ROUTED_COLUMNS)
    return frame.drop_duplicates(ignore_index=True)


def routes_from_coding(wave, partners, coding) -> pd.DataFrame:
    """Route answer by answer where the free text is coded, by question where it is not.

    A coded answer goes where the codebook's ``routing`` of each of its codes says
    (:func:`analysis.coding.routes.routed_answers`; ``local_support`` becomes ``"region"``);
    a code without routing sends it nowhere. An answer of a question routed in
    ``data/partners.yaml`` that no coder has decided on yet is routed by its question, so a
    wave whose coding is unfinished still reaches the partners.

    Parameters
    ----------
    wave
        The current wave (:class:`analysis.bundle.Wave`).
    partners
        ``data/partners.yaml``, read (its ``routes`` give the fallback).
    coding
        The wave's coding (``bundle.coding``), or None: then every answer is routed by question.

    Returns
    -------
    pandas.DataFrame
        One row per routed answer and code, columns :data:`ROUTED_COLUMNS`.
    """
    by_question = routes_by_question(wave, partners)
    if coding is None:
        return by_question
    from analysis.coding.routes import routed_answers

    coded = routed_answers(coding.codebook, coding.decisions)
    coded = coded[coded["route"].notna()].copy()
    coded["route"] = coded["route"].replace({"local_support": "region"})
    coded["work_package"] = coded["work_package"].fillna("")
    decisions = coding.decisions
    decided = set(zip(decisions["response_id"].astype(int), decisions["qid"], strict=True))
    undecided = [(int(r), q) not in decided
                 for r, q in zip(by_question["response_id"], by_question["qid"], strict=True)]
    frame = pd.concat([coded[ROUTED_COLUMNS], by_question[undecided]], ignore_index=True)
    return frame.drop_duplicates(ignore_index=True)


def with_coding_packages(partners, coding):
    """``partners`` with the coding's work packages added (one list of packages for both).

    The codebook's ``work_packages`` (``data/coding/routing.yaml``) come first; a package of
    ``data/partners.yaml`` with the same slug is the same package and is not repeated.
    """
    if coding is None:
        return partners
    from analysis.packs.partners import WorkPackage

    coded = [WorkPackage(slug=w.id, name=w.name) for w in coding.codebook.work_packages]
    known = {w.slug for w in coded}
    merged = coded + [w for w in partners.work_packages if w.slug not in known]
    return partners.model_copy(update={"work_packages": merged})


def regions_of(wave, partners) -> dict[str, frozenset[int]]:
    """Region slug -> response ids of those who ticked that region (question 2, several
    allowed)."""
    long = wave.long
    rows = long[long["question"] == partners.year_question]
    return {r.slug: frozenset(rows.loc[rows["option"] == r.option, "respondent"].astype(int))
            for r in partners.regions}


def routed_texts(wave, routed: pd.DataFrame, partners, signoff, *, region: str | None = None,
                 package: str | None = None, policy=None) -> pd.DataFrame:
    """The answers routed to one region's pack (``region``) or one work package (``package``).

    Parameters
    ----------
    wave
        The wave (:class:`analysis.bundle.Wave`); its typed text is screened on load.
    routed
        The routing frame (:data:`ROUTED_COLUMNS`), from :func:`routes_by_question` or the
        free-text coding.
    partners, signoff
        ``data/partners.yaml`` and ``data/signoff.yaml``, read.
    region, package
        Exactly one: a region slug or a work-package slug.
    policy
        The disclosure policy: in a region with a small number of respondents no answer is
        quoted, approved or not (:data:`TOO_FEW`); a sentence and a region of three people
        side by side can identify the writer.

    Returns
    -------
    pandas.DataFrame
        One row per routed answer, ordered by question and response id: ``response_id``,
        ``qid``, ``code``, ``text`` (the screened answer when it may be quoted, else ``None``),
        ``approved_by``, ``approved_on`` (``""`` unless approved), ``withheld`` (``""``, or
        why the answer is not quoted: :data:`NOT_APPROVED`, :data:`PERSONAL_DATA` or
        :data:`TOO_FEW`).

    Raises
    ------
    ValueError
        If not exactly one of ``region`` and ``package`` is given, or ``routed`` lacks a
        column.
    """
    if (region is None) == (package is None):
        raise ValueError("give exactly one of region= and package=")
    missing = set(ROUTED_COLUMNS) - set(routed.columns)
    if missing:
        raise ValueError(f"routing frame lacks column(s) {sorted(missing)}")
    too_few = False
    if region is not None:
        members = regions_of(wave, partners)[partners.region(region).slug]
        mine = routed[(routed["route"] == "region") & routed["response_id"].isin(members)]
        too_few = policy is not None and policy.small(len(members))
    else:
        partners.package(package)
        mine = routed[(routed["route"] == "work_package") & (routed["work_package"] == package)]
    texts = _answers(wave, set(mine["qid"]))
    merged = mine[["response_id", "qid", "code"]].drop_duplicates(["response_id", "qid"]).merge(
        texts, on=["response_id", "qid"], how="inner")
    rows = []
    for rec in merged.sort_values(["qid", "response_id"]).itertuples(index=False):
        approval = signoff.approved(int(rec.response_id), rec.qid)
        kept_whole = (int(rec.response_id) not in wave.held_back(rec.qid)
                      and screen(rec.text).clean)
        withheld = (NOT_APPROVED if not approval else PERSONAL_DATA if not kept_whole
                    else TOO_FEW if too_few else "")
        rows.append({"response_id": int(rec.response_id), "qid": rec.qid, "code": rec.code,
                     "text": rec.text if not withheld else None,
                     "approved_by": approval.approved_by if approval else "",
                     "approved_on": approval.approved_on.isoformat() if approval else "",
                     "withheld": withheld})
    return pd.DataFrame(rows, columns=["response_id", "qid", "code", "text", "approved_by",
                                       "approved_on", "withheld"])
