"""What the book prints from the decisions: per code its answers and quotes, per question a status.

The answers come from the export in use (already screened for personal data by the bundle); the
decisions from :func:`analysis.coding.load_decisions`. Where several coders coded one answer the
book follows one of them (:func:`book_decisions`); the others count for agreement only.
"""

from __future__ import annotations

import warnings
from collections import Counter

import pandas as pd

from analysis.coding.load import CodingError
from analysis.coding.schema import NO_CONTENT, Codebook

#: A coder of this name records the agreed coding after double coding; the book follows it.
CONSENSUS = "konsensus"


def answers_frame(wide: pd.DataFrame, qids) -> pd.DataFrame:
    """Free-text answers of an export, one row per (response_id, qid): columns ``response_id``,
    ``qid``, ``text``; blank answers are left out.

    Examples
    --------
    >>> wide = pd.DataFrame({"q09": ["Fint", None, " "]}, index=pd.Index([1, 2, 3]))
    >>> answers_frame(wide, ["q09"]).to_dict("records")
    [{'response_id': 1, 'qid': 'q09', 'text': 'Fint'}]
    """
    frames = []
    for qid in qids:
        if qid not in wide:
            continue
        column = wide[qid]
        keep = column.map(lambda v: isinstance(v, str) and v.strip() != "")
        frames.append(pd.DataFrame({"response_id": column.index[keep].astype(int), "qid": qid,
                                    "text": column[keep].astype(str).to_numpy()}))
    if not frames:
        return pd.DataFrame({"response_id": pd.Series(dtype=int), "qid": pd.Series(dtype=str),
                             "text": pd.Series(dtype=str)})
    return pd.concat(frames, ignore_index=True)


class ExcerptWarning(UserWarning):
    """A decision's excerpt is not part of its answer: the decision counts, nothing is quoted."""


def check_decisions(decisions: pd.DataFrame, answers: pd.DataFrame, where: str) -> pd.DataFrame:
    """Check the decisions against the answers of the export in use.

    A decision about an answer the export does not hold is an error (a wrong response id or
    question). An excerpt that does not occur in its answer (the export changed, or the
    screen redacted part of it) is a record, not a crash: the decision still counts, it is not
    quoted, and an :class:`ExcerptWarning` names the lines.

    Returns
    -------
    pandas.DataFrame
        The decisions, with ``quote`` False and ``excerpt`` "" where the excerpt is not found.

    Raises
    ------
    CodingError
        ``<where>, line <n>: response <id> gave no answer to <qid> in the export in use``.
    """
    texts = {(r.response_id, r.qid): r.text for r in answers.itertuples()}
    lost = []
    for row in decisions.itertuples():
        text = texts.get((row.response_id, row.qid))
        if text is None:
            raise CodingError(f"{where}, line {row.line}: response {row.response_id} gave no "
                              f"answer to {row.qid} in the export in use")
        if row.excerpt and row.excerpt not in text:
            lost.append(row.Index)
    if not lost:
        return decisions
    lines = ", ".join(str(n) for n in decisions.loc[lost, "line"])
    warnings.warn(f"{where}, lines {lines}, column excerpt: not part of the answer in the "
                  "export in use; these decisions count but are not quoted",
                  ExcerptWarning, stacklevel=2)
    decisions = decisions.copy()
    decisions.loc[lost, "quote"] = False
    decisions.loc[lost, "excerpt"] = ""
    return decisions


def book_decisions(decisions: pd.DataFrame) -> pd.DataFrame:
    """The decisions the book follows: per answer, those of :data:`CONSENSUS` if that coder
    coded it, else those of the coder who comes first in the file for that answer."""
    if decisions.empty:
        return decisions
    first = decisions.groupby(["response_id", "qid"], sort=False)["coder"].first()
    agreed = decisions.loc[decisions["coder"] == CONSENSUS, ["response_id", "qid"]]
    chosen = first.to_dict()
    chosen.update({key: CONSENSUS for key in agreed.itertuples(index=False, name=None)})
    keep = [chosen[(r, q)] == c for r, q, c in
            zip(decisions["response_id"], decisions["qid"], decisions["coder"], strict=True)]
    return decisions[keep]


def code_counts(codebook: Codebook, decisions: pd.DataFrame, qid: str) -> pd.DataFrame:
    """Answers per code of one question, in codebook order.

    Returns
    -------
    pandas.DataFrame
        One row per code (not :data:`NO_CONTENT`): ``code``, ``label``, ``polarity`` (or None)
        and ``count`` (answers the book's decisions give that code; an answer with several
        codes counts once in each).
    """
    chosen = book_decisions(decisions)
    counts = Counter(chosen.loc[chosen["qid"] == qid, "code"])
    return pd.DataFrame([{"code": c.id, "label": c.label, "polarity": c.polarity,
                          "count": counts.get(c.id, 0)} for c in codebook.question(qid).codes],
                        columns=["code", "label", "polarity", "count"])


def code_quotes(codebook: Codebook, decisions: pd.DataFrame, answers: pd.DataFrame,
                qid: str) -> dict[str, list[tuple[str, int]]]:
    """Per code of a question, the texts the book may quote and how often each occurs.

    A decision marked ``quote`` contributes its excerpt, or the whole answer when it has none;
    identical texts are merged with their number (the report's "(2)"), in file order.
    """
    chosen = book_decisions(decisions)
    texts = {(r.response_id, r.qid): r.text for r in answers.itertuples()}
    out: dict[str, Counter] = {c.id: Counter() for c in codebook.question(qid).codes}
    for row in chosen[(chosen["qid"] == qid) & chosen["quote"]].itertuples():
        if row.code in out:
            out[row.code][row.excerpt or texts[(row.response_id, row.qid)]] += 1
    return {code: list(counter.items()) for code, counter in out.items()}


def status(codebook: Codebook, decisions: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """Per question of the codebook: answers, coded, uncoded, without content, double coded.

    ``coded`` counts answers with at least one decision, ``without_content`` those the book's
    decisions code :data:`NO_CONTENT`, ``double_coded`` those coded by two or more coders.
    """
    rows = []
    for qid in codebook.questions:
        given = answers[answers["qid"] == qid]
        mine = decisions[decisions["qid"] == qid]
        coders = mine.groupby("response_id")["coder"].nunique()
        chosen = book_decisions(mine)
        coded = set(mine["response_id"]) & set(given["response_id"])
        rows.append({"qid": qid, "answers": len(given), "coded": len(coded),
                     "uncoded": len(given) - len(coded),
                     "without_content": int(chosen.loc[chosen["code"] == NO_CONTENT,
                                                       "response_id"].nunique()),
                     "double_coded": int((coders >= 2).sum())})
    return pd.DataFrame(rows, columns=["qid", "answers", "coded", "uncoded", "without_content",
                                       "double_coded"])
