"""The self-check is labelled honestly wherever it is described (issue 10, point 5).

(a) consistency of the published figures, proven from the ledger alone, and (b) reproduction by
the data in use, which on reconstructed data is true by construction and never presented as a
check. The two halves are shown apart in the audit command and the appendix.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.commands.audit import summary_lines
from analysis.paths import project_root
from analysis.report import audit_view as av

AUDIT = pd.DataFrame({
    "status": ["reproduced", "reproduced", "within-rounding", "not-reproducible",
               "not-derivable"],
    "inconsistent": [False, False, False, True, False],
})


@pytest.fixture
def fake_audit(monkeypatch):
    monkeypatch.setattr(av, "audit", lambda bundle: AUDIT)


def test_on_reconstructed_data_reproduction_is_no_evidence_and_gives_no_counts(fake_audit):
    sentence = av.reproduction_sentence(SimpleNamespace(any_reconstructed=True))
    assert "sier ingenting om tallene er riktige" in sentence
    assert "reell kontroll først når den ekte eksporten" in sentence
    assert not re.search(r"\d", sentence)


def test_on_a_real_export_reproduction_gives_the_counts(fake_audit):
    sentence = av.reproduction_sentence(SimpleNamespace(any_reconstructed=False))
    assert "den ekte eksporten" in sentence
    assert "gjenskapes 2 eksakt, 1 innenfor avrundingen og 1 ikke" in sentence


def test_consistency_half_counts_only_the_solver(fake_audit):
    rows = dict(av.consistency(None).rows())
    assert rows["Kan prøves mot hverandre"] == "4"
    assert rows["Kan være riktige samtidig"] == "3"
    assert av.consistency_count(None, "untested") == "1"


def test_audit_command_prints_the_two_halves_apart():
    consistency = {"tested": 4, "consistent": 3, "inconsistent": 1, "untested": 1}
    statuses = {"reproduced": 2, "within-rounding": 1}
    lines = summary_lines(AUDIT, consistency, statuses, reconstructed=True)
    a = next(i for i, line in enumerate(lines) if line.startswith("(a) Consistency"))
    b = next(i for i, line in enumerate(lines) if line.startswith("(b) Reproduction"))
    assert a < b
    assert "ledger and the questionnaires alone" in lines[a]
    assert "true by construction, no evidence" in lines[b]
    real = summary_lines(AUDIT, consistency, statuses, reconstructed=False)
    assert not any("construction" in line for line in real)


@pytest.mark.parametrize("source", ["index.qmd", "chapters/02-bakgrunn-metode.qmd"])
def test_summary_and_method_never_print_reproduction_counts(source):
    text = (project_root() / source).read_text(encoding="utf-8")
    for status in ("reproduced", "within-rounding", "not-reproducible"):
        assert f'av.count(bundle, "{status}")' not in text, (source, status)
    if source == "index.qmd":
        return  # the one-page Sammendrag leaves the self-check to the method and the appendix
    assert "av.reproduction_sentence(bundle)" in text
    assert 'av.consistency_count(bundle, "inconsistent", words=True)' in text


def test_appendix_shows_reproduction_only_in_its_second_half():
    text = (project_root() / "chapters/a1-etterproving.qmd").read_text(encoding="utf-8")
    first = text.index("## Første del: Kan de publiserte tallene være riktige samtidig?")
    second = text.index("## Andre del: Gjenskaper dataene i bruk tallene?")
    assert first < second
    for call in ('av.count(bundle, "not-reproducible"', "av.summary(bundle)",
                 "av.not_reproduced(bundle)"):
        assert text.index(call) > second, call
    assert text.index("av.consistency(bundle)") < second


def test_a_count_in_running_text_is_a_word_under_thirteen(monkeypatch):
    monkeypatch.setattr(av, "consistency_counts", lambda audit: {"inconsistent": 6})
    monkeypatch.setattr(av, "audit", lambda bundle: None)
    assert av.consistency_count(None, "inconsistent", words=True) == "seks"
    assert av.consistency_count(None, "inconsistent") == "6"
