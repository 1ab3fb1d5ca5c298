"""Free-text questions in the chapters: categories, counts and quotes from the coding decisions.

Categories are the codes of ``data/coding/<year>/codebook.yaml``; counts and quotes are
computed from ``decisions.csv`` over the answers of the export in use (already screened for
personal data by the bundle; every quote is screened again on its own before it is shown).
What the published report *states* about its coding (``answered``, ``not_useful``,
``concrete``) still comes from ``data/published/free-text-<year>.yaml`` where there is one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from analysis import coding as cd
from analysis import compute, fmt, freetext
from analysis.display import Block, Table, Text, as_text, compose

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle


def wave_coding(bundle: SurveyBundle) -> cd.WaveCoding:
    """The current wave's codebook and decisions.

    Raises
    ------
    analysis.coding.CodingError
        When the wave has no ``data/coding/<year>/codebook.yaml``.
    """
    if bundle.coding is None:
        raise cd.CodingError(
            f"data/coding/{bundle.current.year}/codebook.yaml: no codebook for the current wave "
            "(`python -m analysis new-wave` copies the previous wave's)")
    return bundle.coding


def coding(bundle: SurveyBundle):
    """What the published report says about its coding (``data/published/free-text-<year>.yaml``).

    Raises
    ------
    freetext.FreeTextError
        When the bundle holds none.
    """
    if bundle.free_text is None:
        raise freetext.FreeTextError(
            "no coded free text in the bundle: the current wave has no "
            "data/published/free-text-<year>.yaml")
    return bundle.free_text


def answers_of(bundle: SurveyBundle) -> pd.DataFrame:
    return cd.answers_frame(bundle.current.export.wide, wave_coding(bundle).codebook.questions)


def _status(bundle: SurveyBundle, qid: str):
    c = wave_coding(bundle)
    table = cd.status(c.codebook, c.decisions, answers_of(bundle))
    return table.set_index("qid").loc[qid]


def answered(bundle: SurveyBundle, qid: str, words: bool = False) -> Text:
    """How many wrote an answer, from the export in use (formatted; ``words=True``: in
    running text, "åtte" under 13)."""
    count = compute.respondents_answering(bundle.current.long, qid)
    return fmt.number_word(count) if words else fmt.num(count)


def without_content(bundle: SurveyBundle, qid: str) -> Text:
    """Answers the decisions code «uten innhold» (formatted)."""
    return fmt.num(int(_status(bundle, qid)["without_content"]))


def with_content(bundle: SurveyBundle, qid: str) -> Text:
    """Answers coded, and not «uten innhold» (formatted)."""
    row = _status(bundle, qid)
    return fmt.num(int(row["coded"] - row["without_content"]))


def concrete(bundle: SurveyBundle, qid: str, words: bool = False) -> Text:
    """Answers not coded «uten innhold», coded or still awaiting coding (formatted;
    ``words=True``: in running text)."""
    row = _status(bundle, qid)
    count = int(row["answers"] - row["without_content"])
    return fmt.number_word(count) if words else fmt.num(count)


def awaiting(bundle: SurveyBundle, qid: str) -> Text:
    """Answers no one has coded yet (formatted)."""
    return fmt.num(int(_status(bundle, qid)["uncoded"]))


def stated(bundle: SurveyBundle, qid: str, field: str) -> Text:
    """A number the report states about its coding (``answered``, ``not_useful``,
    ``concrete``); without a published account, the same figure from the decisions."""
    if bundle.free_text is not None and qid in bundle.free_text.questions:
        value = getattr(bundle.free_text.question(qid), field)
        return fmt.num(value) if value is not None else Text("–")
    row = _status(bundle, qid)
    value = {"answered": row["answers"], "not_useful": row["without_content"],
             "concrete": row["coded"] - row["without_content"]}[field]
    return fmt.num(int(value))


def _counted(bundle: SurveyBundle, qid: str) -> bool:
    """True when some answer of ``qid`` has a code other than «uten innhold»."""
    c = wave_coding(bundle)
    return int(cd.code_counts(c.codebook, c.decisions, qid)["count"].sum()) > 0


def _counts(bundle: SurveyBundle, qid: str) -> pd.DataFrame:
    c = wave_coding(bundle)
    return cd.code_counts(c.codebook, c.decisions, qid)


def category_count(bundle: SurveyBundle, qid: str, category: str, words: bool = False) -> Text:
    """Answers coded ``category`` (a code's label) from the decisions (formatted; ``words=True``
    for a count in a sentence: a word below 13, neuter as for "svar")."""
    counts = _counts(bundle, qid)
    row = counts[counts["label"] == category]
    if row.empty:
        raise KeyError(f"{qid} has no category {category!r}; categories: "
                       f"{', '.join(counts['label'])}")
    n = int(row["count"].iloc[0])
    return fmt.number_word(n, neuter=True) if words else fmt.num(n)


def category_total(bundle: SurveyBundle, qid: str) -> Text:
    """Codes given in all (an answer with two codes counts twice), formatted."""
    return fmt.num(int(_counts(bundle, qid)["count"].sum()))


def _quotes(bundle: SurveyBundle, qid: str) -> dict[str, list[str]]:
    """Per code, its quotable answers formatted «…» with "(2)" multipliers, each screened."""
    c = wave_coding(bundle)
    quotes = cd.code_quotes(c.codebook, c.decisions, answers_of(bundle), qid)
    return {code: [freetext.screen(fmt.quote(text) + (f" ({n})" if n > 1 else "")).text
                   for text, n in items] for code, items in quotes.items()}


def categories(bundle: SurveyBundle, qid: str, with_examples: bool = False) -> Table:
    """Display table, one row per code: ``Kategori``, ``Antall`` (and examples).

    ``Antall`` is left out when no answer of the question is coded with a category (the
    chapter says so in a sentence, :func:`coding_note`), never a column of «–».
    """
    counts = _counts(bundle, qid)
    out = pd.DataFrame()
    if counts["polarity"].notna().any():
        out["Ris/ros"] = [p.capitalize() if p else "" for p in counts["polarity"]]
    out["Kategori"] = counts["label"].astype(str)
    if _counted(bundle, qid):
        out["Antall"] = [fmt.num(int(v)) for v in counts["count"]]
    if with_examples:  # screened quote by quote: a withheld one must not take the others along
        quotes = _quotes(bundle, qid)
        out["Eksempler på svar"] = ["; ".join(quotes[code]) for code in counts["code"]]
    return Table(out, left=[col for col in out.columns if col != "Antall"])


def coding_note(bundle: SurveyBundle, qid: str) -> Text:
    """A sentence on what the counts rest on: how many answers await coding, that the
    categories are themes without counts, or that every answer is coded."""
    row = _status(bundle, qid)
    uncoded = int(row["uncoded"])
    if uncoded == 0:  # never empty: an inline value always says something (trace test)
        return Text(f"Alle de {fmt.num(int(row['answers']))} svarene er kodet.")
    n = fmt.num(uncoded)
    if not _counted(bundle, qid):
        if wave_coding(bundle).codebook.reconstructed:
            return Text(f"Rapporten oppgir temaene, men ikke hvor mange innspill som hører til "
                        f"hvert av dem. De {n} innspillene er derfor ikke kodet svar for svar, "
                        "og tabellen har ingen kolonne for antall.")
        return Text(f"Ingen av de {n} svarene er kodet ennå, så kategoriene vises "
                    "uten antall.")
    return Text(f"{n} av svarene venter ennå på koding; antallene gjelder de kodede svarene.")


def examples(bundle: SurveyBundle, qid: str) -> Block:
    """Each category in bold with its quoted answers (or, without quotes, the secretariat's
    summary points) as a bullet list. Names, quotes and points are inserted as text, never as
    Markdown.

    A quote is in «…» (marks inside it as ‹…›, :func:`analysis.fmt.quote`); a summary point has
    no quotation marks and no «Tema:» label: the chapter says above the list that the points
    are summaries (style sheet, section 4)."""
    c = wave_coding(bundle)
    counts = _counts(bundle, qid)
    counted = _counted(bundle, qid)
    quotes = _quotes(bundle, qid)
    lines = []
    for code, row in zip(c.codebook.question(qid).codes, counts.itertuples(), strict=True):
        if counted:
            lines.append(compose("**{name}** ({count})\n", name=code.label,
                                 count=fmt.num(int(row.count))))
        else:
            lines.append(compose("**{name}**\n", name=code.label))
        if quotes[code.id]:
            lines.extend(compose("- {quote}", quote=q) for q in quotes[code.id])
        else:
            lines.extend(compose("- {theme}", theme=fmt.guillemets(t)) for t in code.summary)
        lines.append("")
    return Block("\n".join(lines))


def category_names(bundle: SurveyBundle, qid: str, polarity: str | None = None) -> list[str]:
    """Labels of a question's codes in codebook order (``polarity``: "ris" or "ros" only)."""
    return [code.label for code in wave_coding(bundle).codebook.question(qid).codes
            if polarity is None or code.polarity == polarity]


@as_text
def themes(bundle: SurveyBundle, qid: str, polarity: str | None = None) -> str:
    """A question's themes as running text, in report order, each in guillemets (theme names
    contain «og»): ``"«Infrastruktur», «Finansiering og ressurser» og «Samarbeid»"``
    (``polarity`` as :func:`category_names`; a theme named twice is said once)."""
    names = list(dict.fromkeys(category_names(bundle, qid, polarity)))
    return fmt.join([f"«{name}»" for name in names])


@as_text
def bottlenecks(bundle: SurveyBundle) -> str:
    """Hovedfunn's sentences on the themes of the bottleneck questions (Q20-22), from the
    codebook; before the wave has a codebook with those themes, one sentence saying they await
    coding (a wave renders before its coding is done)."""
    try:
        named = all(category_names(bundle, qid) for qid in ("q20", "q21", "q22"))
    except (cd.CodingError, KeyError):
        named = False
    if not named:
        return ("Fritekstsvarene om flaskehalser og andre innspill (spørsmål 20–22) er ikke "
                "kodet ennå, så temaene er ikke kjent.")
    return (f"Hindringene respondentene nevner for kliniske studier i Norge, er samlet i "
            f"temaene {themes(bundle, 'q20')}. For internasjonale studier er temaene "
            f"{themes(bundle, 'q21')}. Kritikken av NorCRIN er samlet i "
            f"{themes(bundle, 'q22', 'ris')}.")
