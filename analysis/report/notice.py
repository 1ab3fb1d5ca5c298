"""The notice every chapter shows when the book is rendered on reconstructed data."""

from __future__ import annotations

from analysis.display import Block, div, empty, paragraph

_TEXT = (
    "**Rekonstruerte data.** Svardataene for {years} i denne utgaven er rekonstruert fra "
    "tallene i den publiserte rapporten, fordi svarene på enkeltpersonnivå ikke er offentlige. "
    "Tallene per spørsmål stemmer med rapporten der rapporten er konsistent med seg selv; "
    "sammenhenger mellom spørsmål (hvem som svarte hva på flere spørsmål) er ikke kjent og "
    "vises ikke.{see}"
)


def reconstruction_notice(bundle, refer: bool = True) -> Block:
    """A visible Markdown block when any wave is a reconstruction; empty with real exports.

    The chapters display it from their setup cell (``output: asis``), so both real Quarto and
    the built-in engine show it on every chapter page of the HTML and at the start of every
    chapter in the PDF. ``refer=False`` leaves out the pointer to the audit appendix (for the
    appendix itself, which would otherwise send the reader to where they are).
    """
    waves = [str(y) for y, w in bundle.waves.items() if w.reconstructed]
    if not waves:
        return empty()
    template = _TEXT.replace("{see}", " Se @sec-etterproving." if refer else "")
    return div(".reconstruction-notice", paragraph(template, years=" og ".join(waves)))
