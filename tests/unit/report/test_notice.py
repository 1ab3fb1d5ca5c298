"""Sentences about how the data were made follow the manifest (analysis.report.notice)."""

from types import SimpleNamespace

import pytest

from analysis.display.markup import to_plain
from analysis.report import notice


def _bundle(**reconstructed):
    return SimpleNamespace(waves={int(y[1:]): SimpleNamespace(reconstructed=r)
                                  for y, r in reconstructed.items()})


def test_reconstructed_wording_only_with_a_reconstructed_wave():
    recon, real = _bundle(y2023=True, y2025=True), _bundle(y2023=False, y2025=False)
    for key in notice._SENTENCES:
        assert "rekonstru" not in notice.sentence(real, key).markdown.lower()
    assert "rekonstruert" in notice.sentence(recon, "no-crossing").markdown
    assert notice.sentence(real, "audit-no-check").markdown == ""


def test_method_account_names_the_reconstructed_and_the_real_years():
    mixed = _bundle(y2025=True, y2027=False)
    origin = to_plain(notice.data_origin(mixed).markdown)
    assert "for 2025 er ikke offentlige" in origin
    assert "Tallene for 2027 er regnet direkte fra eksporten" in origin
    assert "begrensninger" in notice.data_limits(mixed).markdown


def test_real_exports_only():
    real = _bundle(y2023=False, y2025=False)
    origin = to_plain(notice.data_origin(real).markdown)
    assert origin.startswith("Tallene for 2023 og 2025 er regnet")
    assert notice.data_limits(real).markdown == ""
    assert notice.reconstruction_notice(real).markdown == ""


def test_unknown_key_is_an_error():
    with pytest.raises(KeyError):
        notice.sentence(_bundle(y2025=True), "no-such-sentence")
