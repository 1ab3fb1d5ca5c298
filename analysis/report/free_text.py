"""Free-text questions in the chapters: the report's categories, counts and quoted answers.

Categories and quotes come from ``data/published/free-text-<year>.yaml`` (the report's coding);
how many answered comes from the export in use. Quotes are screened for personal data before
they are shown, even though the report already published them.
"""

from __future__ import annotations

import pandas as pd

from analysis import compute, fmt, freetext
from analysis.display import Block, Table, Text, as_text, compose


def coding(bundle):
    """The coded free text of the current wave (categories, counts, quotes).

    Raises
    ------
    freetext.FreeTextError
        When the bundle holds none (no ``data/published/free-text-<year>.yaml``).
    """
    if bundle.free_text is None:
        raise freetext.FreeTextError(
            "no coded free text in the bundle: the current wave has no "
            "data/published/free-text-<year>.yaml")
    return bundle.free_text


def answered(bundle, qid: str) -> Text:
    """How many wrote an answer, from the export in use (formatted)."""
    return fmt.num(compute.respondents_answering(bundle.current.long, qid))


def stated(bundle, qid: str, field: str) -> Text:
    """A number the report states about the coding (``answered``, ``not_useful``, ``concrete``)."""
    value = getattr(coding(bundle).question(qid), field)
    return fmt.num(value) if value is not None else Text("–")


def category_count(bundle, qid: str, category: str, words: bool = False) -> Text:
    """The report's count for one category (formatted; "–" when it gives none; ``words=True``
    for a count in a sentence: a word below 13, neuter as for "svar")."""
    for c in coding(bundle).question(qid).categories:
        if c.name == category:
            if c.count is None:
                return Text("–")
            return fmt.number_word(c.count, neuter=True) if words else fmt.num(c.count)
    raise KeyError(f"{qid} has no category {category!r}")


def categories(bundle, qid: str, with_examples: bool = False) -> Table:
    """Display table, one row per category: ``Kategori``, ``Antall`` (and examples/themes)."""
    table = freetext.category_table(coding(bundle), qid)
    out = pd.DataFrame()
    if "polaritet" in table:
        out["Ris/ros"] = table["polaritet"]
    out["Kategori"] = table["kategori"]
    out["Antall"] = [fmt.num(v) if not pd.isna(v) else "–" for v in table["antall"]]
    if with_examples:  # screened quote by quote: a withheld one must not take the others along
        out["Eksempler på svar"] = [
            "; ".join(freetext.screen(freetext.format_quote(q)).text for q in c.quotes)
            for c in coding(bundle).question(qid).categories
        ]
    return Table(out, left=[c for c in out.columns if c != "Antall"])


def examples(bundle, qid: str) -> Block:
    """Each category in bold with its quoted answers (or, for Q20-22, the summarised themes)
    as a bullet list. Names, quotes and themes are inserted as text, never as Markdown.

    A quote is in «…» (marks inside it as ‹…›, :func:`analysis.fmt.quote`); a theme, the
    secretariat's own summary, has no quotation marks and no «Tema:» label: the chapter says
    above the list that the points are summaries (style sheet, section 4)."""
    question = coding(bundle).question(qid)
    lines = []
    for c in question.categories:
        if c.count is not None:
            lines.append(compose("**{name}** ({count})\n", name=c.name, count=fmt.num(c.count)))
        else:
            lines.append(compose("**{name}**\n", name=c.name))
        quotes = [freetext.screen(freetext.format_quote(q)).text for q in c.quotes]
        if quotes:
            lines.extend(compose("- {quote}", quote=q) for q in quotes)
        else:
            lines.extend(compose("- {theme}", theme=fmt.guillemets(t)) for t in c.themes)
        lines.append("")
    return Block("\n".join(lines))


def category_names(bundle, qid: str, polarity: str | None = None) -> list[str]:
    """Names of a question's categories in report order (``polarity``: "ris" or "ros" only)."""
    return [c.name for c in coding(bundle).question(qid).categories
            if polarity is None or c.polarity == polarity]


@as_text
def themes(bundle, qid: str, polarity: str | None = None) -> str:
    """A question's themes as running text, in report order, each in guillemets (theme names
    contain «og»): ``"«Infrastruktur», «Finansiering og ressurser» og «Samarbeid»"``
    (``polarity`` as :func:`category_names`; a theme named twice is said once)."""
    names = list(dict.fromkeys(category_names(bundle, qid, polarity)))
    return fmt.join([f"«{name}»" for name in names])
