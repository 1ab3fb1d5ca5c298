"""Summed options: the Fisher test of a group, worked out by hand.

The bounds of a sum are the reconstruction's (tests/unit/reconstruct/
test_reconstruct_group_ranges.py); whether a sum is data is the bundle's
(tests/unit/test_bundle.py).
"""

from analysis.report.option_groups import compare_counts


def test_compare_counts_by_hand():
    # 5 of 10 in both waves: no change, Fisher p = 1
    same = compare_counts(5, 10, 5, 10)
    assert same["diff"] == 0 and same["p_value"] == 1.0 and not same["significant"]
    # 0 of 10 -> 10 of 10: only the observed and the mirrored table are as extreme,
    # each with probability 1 / C(20, 10) = 1 / 184756, so p = 2 / 184756
    jump = compare_counts(0, 10, 10, 10)
    assert jump["diff"] == 1.0
    assert abs(jump["p_value"] - 2 / 184756) < 1e-12
    assert jump["significant"]
