"""Hovedfunn's bottleneck sentence: the themes from the codebook, or, before the wave is coded,
one sentence that says so (a wave renders before its coding is done)."""

from __future__ import annotations

from types import SimpleNamespace

from analysis.report import free_text as ft


def test_without_a_codebook_the_sentence_says_the_themes_await_coding():
    bundle = SimpleNamespace(coding=None, current=SimpleNamespace(year=2027))
    text = ft.bottlenecks(bundle)
    assert "ikke kodet ennå" in text
    assert "«" not in text


def test_with_the_bundled_codebook_the_themes_are_named(monkeypatch):
    names = {"q20": ["Infrastruktur", "Finansiering"], "q21": ["Samarbeid"],
             "q22": ["Kommunikasjon"]}
    monkeypatch.setattr(ft, "category_names",
                        lambda bundle, qid, polarity=None: names[qid])
    text = ft.bottlenecks(SimpleNamespace(coding=object()))
    assert "«Infrastruktur» og «Finansiering»" in text
    assert "«Samarbeid»" in text and "«Kommunikasjon»" in text
