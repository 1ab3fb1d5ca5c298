"""The presentation file after pandoc: native charts, alt text, checks, and the PDF handout.

Pandoc's pptx writer (under Quarto or the built-in engine) writes the slides' text into the
template's placeholders; :func:`finish` then replaces each chart marker
(:func:`analysis.report.deck.chart_marker`) by a native PowerPoint chart of the data it
carries, with computed alt text, and refuses a picture whose alt text is a file path
(pandoc#11208). :func:`handout` converts the deck to PDF with LibreOffice.
"""

from analysis.slides.charts import DeckError, finish
from analysis.slides.handout import handout, soffice
from analysis.slides.inspect import SlideInfo, read_deck

__all__ = ["DeckError", "SlideInfo", "finish", "handout", "read_deck", "soffice"]
