"""The presentation file after pandoc: native charts, alt text, checks, and the PDF handout.

Pandoc's pptx writer (under Quarto or the built-in engine) writes the slides' text into the
template's placeholders; :func:`finish` then replaces each chart marker
(:func:`analysis.report.deck.chart_marker`) by a native PowerPoint chart of the data it
carries, with computed alt text, and refuses a picture whose alt text is a file path
(pandoc#11208). :func:`handout` converts the deck to PDF with LibreOffice.
"""

from analysis.slides.handout import handout, soffice

__all__ = ["DeckError", "SlideInfo", "finish", "handout", "read_deck", "soffice"]


def __getattr__(name: str):
    """The charts (:func:`finish`, :class:`DeckError`, which need the report's views) and the
    reader (:func:`read_deck`, :class:`SlideInfo`, which need python-pptx) are imported when
    first asked for: finding the handout's converter (a render that reuses the built deck)
    needs neither."""
    if name in ("DeckError", "finish"):
        from analysis.slides import charts

        return getattr(charts, name)
    if name in ("SlideInfo", "read_deck"):
        from analysis.slides import inspect

        return getattr(inspect, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
