"""What respondents typed under "Annet" in a choice question, when the book may print it.

Respondents' own words are printed only when the secretariat opts in for the wave
(``publish_text: true`` in the manifest) and only answers the personal-data screen kept whole
(:mod:`analysis.freetext.screen`): a redacted or withheld answer is not quoted. Every text is
inserted as text (:mod:`analysis.display`), never as Markdown.

Examples
--------
>>> from analysis import report
>>> from analysis.report import other_answers
>>> other_answers.sentence(report.load(), "q18")  # doctest: +SKIP
'Blant det de skrev, er «Gjennom NorTrials».'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis import fmt
from analysis.display import Text

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle


def texts(bundle: SurveyBundle, qid: str, year: int | None = None) -> list[str]:
    """Distinct non-empty texts typed under an "other" option that may be printed, in order
    of appearance: none unless the wave publishes text, and only answers the screen kept.

    Parameters
    ----------
    bundle
        The survey bundle (:func:`analysis.report.load`).
    qid
        Question id, e.g. ``"q18"``.
    year
        Wave; None for the current one.
    """
    wave = bundle.current if year is None else bundle.waves[year]
    if not wave.publish_text:
        return []
    long = wave.long
    rows = long[(long["question"] == qid) & long["text"].notna()]
    held = wave.held_back(qid)
    cleaned = (str(t).strip() for r, t in zip(rows["respondent"], rows["text"], strict=True)
               if r not in held)
    return list(dict.fromkeys(t for t in cleaned if t))


def quoted(bundle: SurveyBundle, qid: str, year: int | None = None) -> Text:
    """The printable texts in Norwegian quotation marks joined as prose (``«a», «b» og «c»``);
    empty when there are none."""
    return fmt.join([fmt.quote(t) for t in texts(bundle, qid, year)])


def sentence(bundle: SurveyBundle, qid: str, year: int | None = None) -> Text:
    """A whole sentence on what was typed under "Annet", true whatever may be printed.

    ``"Blant det de skrev, er «Gjennom NorTrials»."``, or a sentence saying that the answers
    are not printed, or that nobody wrote anything.
    """
    wave = bundle.current if year is None else bundle.waves[year]
    long = wave.long
    typed = long[(long["question"] == qid) & long["text"].notna()]
    if typed.empty:
        return Text("Ingen skrev noe i fritekstfeltet.")
    shown = texts(bundle, qid, year)
    if not wave.publish_text:
        return Text("Hva de skrev, gjengis ikke: respondentenes egne ord trykkes bare når "
                    "sekretariatet har valgt det for denne runden.")
    if not shown:
        return Text("Hva de skrev, gjengis ikke, fordi svarene kan identifisere personer.")
    return Text(f"Blant det de skrev, er {fmt.join([fmt.quote(t) for t in shown])}.")
