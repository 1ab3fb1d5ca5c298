"""Count the answers of one export per question: the contract of ``summarize --json``.

Free-text questions report only how many answered: their texts may hold personal data.
"""

from __future__ import annotations

from analysis.ingest.reader import SurveyExport
from analysis.questionnaire.schema import QuestionType


def summarize_export(export: SurveyExport) -> dict:
    """Summarise an export as a JSON-ready dict.

    Parameters
    ----------
    export
        A read export.

    Returns
    -------
    dict
        ``respondents`` (responses with an answer), then per question id (questionnaire
        order) a dict with ``n`` (respondents who answered) and, for choice questions,
        ``counts`` (every option label in questionnaire order -> respondents choosing it,
        zeros included); for ratings ``counts`` (score as a string, ``"1"``..``"5"``, ->
        count), ``mean`` and ``median`` (floats, ``None`` when nobody answered). Free text
        gives ``n`` only.

    Examples
    --------
    >>> summarize_export(export)["q04"]  # doctest: +SKIP
    {'n': 3, 'counts': {'1': 0, '2': 0, '3': 1, '4': 1, '5': 1}, 'mean': 4.0, 'median': 4.0}
    """
    long = export.long
    summary: dict = {"respondents": int(export.respondents)}
    grouped = dict(tuple(long.groupby("question", sort=False)))
    for q in export.questionnaire.questions:
        rows = grouped.get(q.id, long.iloc[0:0])
        entry: dict = {"n": int(rows["respondent"].nunique())}
        if q.type in (QuestionType.SINGLE, QuestionType.MULTIPLE):
            counts = rows.groupby("option")["respondent"].nunique()
            entry["counts"] = {o.label: int(counts.get(o.label, 0)) for o in q.options}
        elif q.type is QuestionType.RATING:
            scores = rows["score"].astype("float64")
            counts = scores.value_counts()
            entry["counts"] = {str(p): int(counts.get(float(p), 0)) for p in q.rating_scale.points}
            entry["mean"] = float(scores.mean()) if len(scores) else None
            entry["median"] = float(scores.median()) if len(scores) else None
        summary[q.id] = entry
    return summary


def summary_table(summary: dict, export: SurveyExport) -> str:
    """Render a summary as a plain-text table for the terminal."""
    lines = [f"{export.path.name}: {summary['respondents']} respondents", ""]
    for q in export.questionnaire.questions:
        entry = summary[q.id]
        lines.append(f"{q.id}  {q.text}  (n = {entry['n']})")
        for key, count in entry.get("counts", {}).items():
            share = f"{100 * count / entry['n']:5.1f} %" if entry["n"] else "    - "
            lines.append(f"    {key[:50]:<50} {count:>7}  {share}")
        if "mean" in entry and entry["mean"] is not None:
            lines.append(f"    {'mean / median':<50} {entry['mean']:>7.2f}  {entry['median']:g}")
        lines.append("")
    return "\n".join(lines)


