"""Overlapping findings merge into the one that starts first, so no fragment is left."""

from analysis.freetext.findings import Finding, Kind, first_wins


def test_enclosed_finding_goes_with_the_enclosing_one():
    assert first_wins([Finding(4, 9, Kind.EMAIL), Finding(0, 12, Kind.URL)]) == [
        Finding(0, 12, Kind.URL)]


def test_overhanging_finding_stretches_the_first():
    assert first_wins([Finding(0, 5, Kind.PHONE), Finding(3, 9, Kind.PHONE)]) == [
        Finding(0, 9, Kind.PHONE)]


def test_disjoint_findings_stay_in_order():
    found = [Finding(6, 8, Kind.NAME), Finding(0, 2, Kind.PHONE), Finding(2, 4, Kind.URL)]
    assert first_wins(found) == sorted(found)
    assert first_wins([]) == []
