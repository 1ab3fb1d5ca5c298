"""The audit takes the consistency half from the stored record and never solves."""

from types import MappingProxyType, SimpleNamespace

import pandas as pd
import pytest

from analysis.audit import audit_figures
from analysis.ledger import Figure, Ledger
from analysis.ledger.consistency import ConsistencyError, LedgerConsistency


def _bundle(consistency):
    long = pd.DataFrame({"respondent": [1, 2], "question": ["q01", "q01"], "option": ["A", "B"],
                         "score": pd.array([pd.NA, pd.NA], dtype="Int64"), "text": [None, None]})
    wave = SimpleNamespace(questionnaire=None, long=long, respondents=2)
    figure = Figure("f-a", "count", 1, year=2025, question=1, option=("A",), section="1",
                    quote="1")
    return SimpleNamespace(waves=MappingProxyType({2025: wave}), ledger=Ledger((figure,)),
                           contradictions=(), root=None, consistency=consistency)


def test_a_figure_in_the_stored_minimal_set_is_inconsistent_with_its_arithmetic(monkeypatch):
    import analysis.audit.audit as module

    monkeypatch.setattr(module, "recompute", lambda *a: None)
    monkeypatch.setattr(module, "classify", lambda *a: ("not-reproducible", None, None, "x"))
    stored = LedgerConsistency((2025,), {"f-a": "n"}, {"f-a": "1 + 1 != 3"})
    row = audit_figures(_bundle(stored)).iloc[0]
    assert bool(row["inconsistent"]) and row["inconsistency"] == "1 + 1 != 3"


def test_a_wave_in_use_the_record_does_not_cover_is_an_error():
    with pytest.raises(ConsistencyError, match="2025.*analysis reconstruct"):
        audit_figures(_bundle(LedgerConsistency((2023,), {}, {})))
    with pytest.raises(ConsistencyError, match="2025"):
        audit_figures(_bundle(None))
