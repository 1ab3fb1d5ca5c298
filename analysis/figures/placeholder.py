"""A figure that says there is nothing to draw, so a figure cell never shows a fake chart."""

from __future__ import annotations

from matplotlib.figure import Figure

from analysis.figures.style import apply_style, freeze_layout


def no_data(message: str = "Ingen kjente tall å vise") -> Figure:
    """A small blank figure with ``message`` in the middle (used when no wave is known).

    Examples
    --------
    >>> no_data().axes[0].texts[0].get_text()
    'Ingen kjente tall å vise'
    """
    apply_style()
    fig = Figure(figsize=(6.5, 1.2), layout="constrained")
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.text(0.5, 0.5, message, ha="center", va="center", fontsize=11, color="#555555")
    return freeze_layout(fig)  # fixed layout: saves are byte-identical
