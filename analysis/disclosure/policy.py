"""The disclosure policy (``data/disclosure.yaml``), read and validated like every given file."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from analysis.paths import data_dir
from analysis.yaml_files import read_yaml, validate


class DisclosureError(ValueError):
    """``data/disclosure.yaml`` is missing or does not fit :class:`Policy` (file and entry)."""


class Policy(BaseModel):
    """One disclosure policy for every table a partner pack shows.

    Attributes
    ----------
    threshold
        Counts from 1 to ``threshold - 1`` are never published (0 is).
    min_base
        A percentage is printed only when its base is at least this.
    secondary
        Suppress the next-lowest count of a row group that has exactly one suppressed count.
    protect_differences
        Suppress a region's count when the rest of the country (national minus region) is small.
    """

    model_config = ConfigDict(extra="forbid", frozen=True)

    threshold: int = Field(ge=2, le=50)
    min_base: int = Field(ge=1, le=1000)
    secondary: bool = True
    protect_differences: bool = True

    def small(self, count: int) -> bool:
        """True for a count that may not be published: ``1 <= count < threshold``.

        Examples
        --------
        >>> p = Policy(threshold=5, min_base=10)
        >>> [p.small(c) for c in (0, 1, 4, 5)]
        [False, True, True, False]
        """
        return 1 <= count < self.threshold


def policy_path(root: Path | None = None) -> Path:
    """``data/disclosure.yaml`` of the project at ``root``."""
    return data_dir(root) / "disclosure.yaml"


def load_policy(root: Path | None = None) -> Policy:
    """Read ``data/disclosure.yaml``.

    Raises
    ------
    DisclosureError
        Naming the file and the entry that is wrong.
    """
    path = policy_path(root)
    return validate(Policy, read_yaml(path, DisclosureError, "disclosure policy"), path,
                    DisclosureError, "disclosure policy schema")
