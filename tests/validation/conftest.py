"""Shared, expensive fixtures of the validation tier: the bundle and its audit, built once."""

from __future__ import annotations

import pytest

from analysis.audit import audit_figures
from analysis.bundle import load_bundle


@pytest.fixture(scope="session")
def bundle():
    """The bundled data as the book uses them."""
    return load_bundle()


@pytest.fixture(scope="session")
def audit(bundle):
    """The audit of every published figure against the bundled data."""
    return audit_figures(bundle)
