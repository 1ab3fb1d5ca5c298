"""Errors of the render engine; their text names the file and line a reader must fix."""

from __future__ import annotations


class RenderError(RuntimeError):
    """A chapter could not be rendered (a cell raised, pandoc or typst failed)."""


class UnsupportedError(RenderError):
    """The source uses a Quarto construct the built-in engine does not implement.

    Raised instead of dropping the construct silently, so a chapter never renders differently
    from what its author wrote without anyone noticing.
    """

    def __init__(self, path: str, line: int, what: str) -> None:
        super().__init__(f"{path}:{line}: unsupported by the built-in engine: {what}")
        self.path = path
        self.line = line
