"""A figure together with its alt text, computed from the data the figure draws.

A chapter's figure cell returns :func:`described`; displayed, it shows the figure (SVG, as any
matplotlib figure) and prints a marker ``[]{.figure-alt hex="..."}`` holding the alt text
hex-encoded (printed: a stream output, since a second display output would make real Quarto
treat the cell as subfigures). The pandoc Lua filter ``figure_alt.lua`` beside this module
(listed in ``_quarto.yml``, so both engines run it) moves that text onto the figure's image as its
``fig-alt``/``alt`` attribute and removes the marker: real Quarto then writes the HTML ``alt``
and the Typst ``image(alt: ...)``, and the built-in engine does the same through
``analysis/engine/typst_images.lua``. No chapter types a ``fig-alt`` (the chapter linter
refuses one), so the alt text always states the numbers the figure shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from matplotlib.figure import Figure

#: The pandoc Lua filter that moves a figure's alt text onto its image.
FILTER = Path(__file__).with_name("figure_alt.lua")


def alt_marker(alt: str) -> str:
    """The Markdown marker carrying ``alt`` to :data:`FILTER` (hex, so never read as markup).

    Examples
    --------
    >>> alt_marker("Ja 42 %")
    '[]{.figure-alt hex="4a612034322025"}'
    """
    text = " ".join(str(alt).split())
    if not text:
        raise ValueError("a figure's alt text is empty: every figure needs one")
    return f'[]{{.figure-alt hex="{text.encode("utf-8").hex()}"}}'


@dataclass(frozen=True)
class DescribedFigure:
    """A matplotlib figure and the alt text describing it (see the module docstring)."""

    figure: Figure
    alt: str

    def __getattr__(self, name: str):
        """Everything else is the figure's (``axes``, ``savefig``, ...)."""
        if name == "figure":  # not yet set (copying, unpickling): no recursion
            raise AttributeError(name)
        return getattr(self.figure, name)

    def _ipython_display_(self) -> None:
        from IPython.display import display

        print(alt_marker(self.alt), flush=True)
        display(self.figure)


def described(figure: Figure, alt: str) -> DescribedFigure:
    """``figure`` with its computed alt text ``alt`` (one or more Norwegian sentences).

    Examples
    --------
    >>> from analysis.figures.placeholder import no_data
    >>> described(no_data(), "Ingen tall.").alt
    'Ingen tall.'
    """
    alt_marker(alt)  # refuse an empty alt text early, where the figure is made
    return DescribedFigure(figure, str(alt))
