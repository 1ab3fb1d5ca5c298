"""A question the current wave did not ask: a view that never raises, and the chapter marker.

The chapters are written once for every wave. Each question's section is a fenced div,
``::: {.question qid="q06"}`` ... ``:::``; the setup cell of the chapter displays
:func:`asked_marker`, an empty span that names the questions the current wave asked and
carries, hex-encoded like every data text, the sentence to show instead of the section of
each question an earlier wave asked and the current one did not. The book's Lua filter
(``analysis/display/data_text.lua``, run by real Quarto and the built-in engine alike) keeps
the section of an asked question; of the other it keeps the heading (so section numbers and
``@sec-`` references stay) and puts the sentence in place of the rest.

The section's inline expressions are still evaluated before the filter runs, so
``report.view(bundle, "q06")`` returns a :class:`NotAskedView` for such a question: every
value is "–" (a :class:`~analysis.display.Text`), a table is the sentence as a
:class:`~analysis.display.Block`, a figure a blank figure with the sentence.

Examples
--------
>>> print(asked_marker_markdown(["q01", "q02"], {"q06": "Ikke stilt."}))
[]{.asked qids="q01 q02" q06="496b6b65207374696c742e"}
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from analysis.display import Block, Text, paragraph

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle
    from analysis.questionnaire import Question


def questions_not_asked_now(bundle: SurveyBundle) -> dict[str, Question]:
    """Questions an earlier wave of the bundle asked and the current one did not: id ->
    the question as the latest wave that asked it worded it, in that questionnaire's order."""
    current = {q.id for q in bundle.current.questionnaire.questions}
    latest: dict[str, tuple[int, Question]] = {}
    for year in bundle.years[:-1]:
        for q in bundle.waves[year].questionnaire.questions:
            if q.id not in current:
                latest[q.id] = (year, q)
    return {qid: q for qid, (_, q) in sorted(latest.items(), key=lambda i: (i[1][0], i[0]))}


def section_left_out(bundle: SurveyBundle, qid: str) -> Text:
    """«Spørsmål 6 («…») ble ikke stilt i 2027, så her er ingen resultater å vise.»

    Raises
    ------
    KeyError
        If no earlier wave of the bundle asked ``qid``, or the current one did.
    """
    missing = questions_not_asked_now(bundle)
    if qid not in missing:
        raise KeyError(f"{qid} is asked in {bundle.current.year} or in no wave of the bundle")
    q = missing[qid]
    return Text(f"Spørsmål {q.number} («{q.text}») ble ikke stilt i {bundle.current.year}, "
                "så her er ingen resultater å vise.")


def asked_marker_markdown(asked: list[str], left_out: dict[str, str]) -> str:
    """The marker span (see the module docstring); question ids are ``q`` and digits."""
    attrs = " ".join(f'{qid}="{text.encode("utf-8").hex()}"' for qid, text in left_out.items())
    return f'[]{{.asked qids="{" ".join(asked)}"{" " + attrs if attrs else ""}}}'


def asked_marker(bundle: SurveyBundle) -> Block:
    """What a chapter's setup cell displays so the filter knows which sections to keep."""
    asked = [q.id for q in bundle.current.questionnaire.questions]
    left_out = {qid: str(section_left_out(bundle, qid)) for qid in questions_not_asked_now(bundle)}
    return Block(asked_marker_markdown(asked, left_out) + "\n")


class _Blank(Text):
    """The dash "–", a text that can also be called or indexed (``q.n()``, ``q.headers[0]``).

    Not empty: an empty value has no representation for Quarto's inline expressions."""

    __slots__ = ()

    def __call__(self, *args, **kwargs) -> _Blank:
        return BLANK

    def __getitem__(self, key) -> _Blank:
        return BLANK

    def __iter__(self):
        return iter(())

    def __getattr__(self, name: str) -> _Blank:
        if name.startswith("__"):
            raise AttributeError(name)
        return BLANK


BLANK = _Blank("–")


class NotAskedView:
    """The view of a question the current wave did not ask: nothing here ever raises.

    ``year`` is the current wave's; ``compared`` is False, ``prev_year`` None, as for a new
    question. Anything else (``share(...)``, ``n()``, ``verdict(...)``, ``text``) is
    "–", the dash the tables show for a value that does not apply; :meth:`table` gives the
    sentence, :meth:`figure` a blank figure with it.
    """

    compared = False
    prev_year = None

    def __init__(self, bundle: SurveyBundle, qid: str):
        self.bundle = bundle
        self.qid = qid
        self.sentence = section_left_out(bundle, qid)

    @property
    def year(self) -> int:
        return self.bundle.current.year

    def table(self, *args, **kwargs) -> Block:
        return paragraph("{sentence}", sentence=self.sentence)

    def figure(self, *args, **kwargs):
        from analysis import figures

        return figures.no_data(str(self.sentence))

    def __getattr__(self, name: str) -> _Blank:
        if name.startswith("__"):
            raise AttributeError(name)
        return BLANK
