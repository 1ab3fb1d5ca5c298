"""The consistency record `reconstruct` stores: what it keeps, and a stale file is refused."""

from types import MappingProxyType, SimpleNamespace

import pytest

from analysis.ledger.consistency import (
    ConsistencyError,
    LedgerConsistency,
    consistency_path,
    from_solutions,
    read_consistency,
    write_consistency,
)

LEDGER = "source: {title: T}\nfigures: []\n"


def _project(tmp_path):
    (tmp_path / "data" / "published").mkdir(parents=True)
    (tmp_path / "data" / "questionnaires").mkdir()
    (tmp_path / "data" / "published" / "report-2025.yaml").write_text(LEDGER, encoding="utf-8")
    (tmp_path / "data" / "questionnaires" / "2025.yaml").write_text("q: 1\n", encoding="utf-8")
    return tmp_path


def _solution(basis, dropped=(), explanations=None):
    return SimpleNamespace(basis=basis, dropped=dropped, explanations=explanations or {})


def test_the_record_keeps_basis_and_the_arithmetic_of_dropped_figures_of_its_years():
    solutions = {(2025, "q01"): _solution({"a": "n", "b": "n"}, ("b",), {"b": "2 + 3 != 6"}),
                 (2018, "q01"): _solution({"old": "n"}, ("old",))}
    record = from_solutions(solutions, [2025])
    assert record.years == (2025,)
    assert dict(record.basis) == {"a": "n", "b": "n"}
    assert dict(record.inconsistency) == {"b": "2 + 3 != 6"}


def test_written_and_read_back_unchanged(tmp_path):
    root = _project(tmp_path)
    record = LedgerConsistency((2025,), MappingProxyType({"a": "n"}),
                               MappingProxyType({"a": "æ ≠ ø"}))
    write_consistency(record, root)
    assert read_consistency(root) == LedgerConsistency((2025,), {"a": "n"}, {"a": "æ ≠ ø"})


def test_no_file_reads_as_none(tmp_path):
    assert read_consistency(_project(tmp_path)) is None


@pytest.mark.parametrize("change", ["ledger", "questionnaire", "new ledger file"])
def test_a_changed_input_makes_the_file_stale_with_a_clear_error(tmp_path, change):
    root = _project(tmp_path)
    write_consistency(LedgerConsistency((2025,), {}, {}), root)
    if change == "ledger":
        (root / "data/published/report-2025.yaml").write_text(LEDGER + "# edited\n")
        name = "data/published/report-2025.yaml"
    elif change == "questionnaire":
        (root / "data/questionnaires/2025.yaml").write_text("q: 2\n")
        name = "data/questionnaires/2025.yaml"
    else:
        (root / "data/published/report-2027.yaml").write_text(LEDGER)
        name = "data/published/report-2027.yaml"
    with pytest.raises(ConsistencyError, match=rf"stale: {name} changed.*analysis reconstruct"):
        read_consistency(root)


def test_a_file_of_another_format_is_refused(tmp_path):
    root = _project(tmp_path)
    consistency_path(root).parent.mkdir(parents=True)
    consistency_path(root).write_text("format: 0\n", encoding="utf-8")
    with pytest.raises(ConsistencyError, match="format 1"):
        read_consistency(root)
