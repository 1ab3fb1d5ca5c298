"""The one reconstruction notice: a box in the Sammendrag and the method chapter, and the
marker that turns on the PDF's running footer (assets/typst/reconstruction-footer.typ)."""

from __future__ import annotations

from analysis.display import Block, div, empty, paragraph
from analysis.report.values import CHOSEN_MARK

_TEXT = (
    "**Rekonstruerte data.** Svardataene for {years} i denne utgaven er rekonstruert fra "
    "tallene i den publiserte rapporten, fordi svarene på enkeltpersonnivå ikke er offentlige. "
    "Tallene per spørsmål stemmer med rapporten der rapporten er konsistent med seg selv; "
    "sammenhenger mellom spørsmål (hvem som svarte hva på flere spørsmål) er ikke kjent og "
    "vises ikke. Et tall rapporten ikke bestemmer, står som «ukjent». Et tall merket {mark} er "
    "rekonstruksjonens valg innenfor det de publiserte tallene tillater, for eksempel hvor mange "
    "som svarte på et spørsmål når rapporten bare gir andeler. Se @sec-etterproving."
)
#: Raw Typst (ignored by the HTML writer): the label the PDF footer looks for.
_FOOTER_MARKER = "```{=typst}\n#metadata(none) <norcrin-reconstructed>\n```\n"


def reconstruction_notice(bundle) -> Block:
    """A visible box when any wave is a reconstruction; empty with real exports.

    Shown once in the Sammendrag (``index.qmd``) and once in the method chapter, from their
    setup cells (``output: asis``); the other chapters rely on the PDF's running footer and the
    per-table mark :data:`~analysis.report.values.CHOSEN_MARK`.
    """
    waves = [str(y) for y, w in bundle.waves.items() if w.reconstructed]
    if not waves:
        return empty()
    box = div(".reconstruction-notice",
              paragraph(_TEXT, years=" og ".join(waves), mark=CHOSEN_MARK))
    return Block(box.markdown + "\n" + _FOOTER_MARKER)
