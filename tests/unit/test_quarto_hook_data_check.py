"""Quarto's pre-render hook skips its data check only when ``render`` checked this very tree
before starting Quarto; a plain ``quarto render`` (nothing set) or a tree changed since (another
fingerprint) is checked again."""

from __future__ import annotations

from analysis.engine.quarto import VALIDATED_ENV
from analysis.engine.quarto_hooks import validated_by_render


def test_the_data_check_is_skipped_only_for_the_tree_render_checked(monkeypatch):
    monkeypatch.delenv(VALIDATED_ENV, raising=False)
    assert not validated_by_render("abc")  # plain quarto render
    monkeypatch.setenv(VALIDATED_ENV, "abc")
    assert validated_by_render("abc")
    assert not validated_by_render("abd")  # data or code changed after render's check
    monkeypatch.setenv(VALIDATED_ENV, "")
    assert not validated_by_render("")
