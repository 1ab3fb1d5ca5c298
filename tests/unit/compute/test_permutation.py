"""The vectorised chi-square permutation test gives scipy's own p-value, resample for resample.

The oracle is scipy's ``chi2_contingency(..., method=PermutationMethod(...))``, which
evaluates the statistic one resample at a time; a different permutation, pairing or
statistic would change the p-value of at least one of these tables.
"""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from analysis.compute.change import PERMUTATION_SEED
from analysis.compute.permutation import chi2_permutation_pvalue, untabulate

#: Fewer resamples than the book's 9 999 keep scipy's slow path quick; the code path is the same.
RESAMPLES = 999


def _tables() -> list[np.ndarray]:
    rng = np.random.default_rng(7)
    tables = [np.array([[3, 0], [1, 4], [0, 2]]), np.array([[1, 1], [1, 1], [9, 2]]),
              np.array([[12, 3], [4, 11]]), np.array([[2, 5, 1], [0, 3, 7]])]
    while len(tables) < 16:
        rows = int(rng.integers(2, 7))
        a = rng.multinomial(int(rng.integers(8, 60)), rng.dirichlet(np.ones(rows)))
        b = rng.multinomial(int(rng.integers(8, 60)), rng.dirichlet(np.ones(rows)))
        table = np.column_stack([a, b])
        table = table[table.sum(axis=1) > 0]
        if table.shape[0] >= 2:
            tables.append(table)
    return tables


@pytest.mark.parametrize("table", _tables(), ids=lambda t: "x".join(map(str, t.shape)) + ":"
                         + "-".join(map(str, t.ravel())))
def test_same_p_value_as_scipys_one_resample_at_a_time(table):
    method = stats.PermutationMethod(n_resamples=RESAMPLES,
                                     rng=np.random.default_rng(PERMUTATION_SEED))
    expected = stats.chi2_contingency(table, correction=False, method=method).pvalue
    assert chi2_permutation_pvalue(table, RESAMPLES, PERMUTATION_SEED) == expected


def test_another_seed_gives_another_p_value():
    """The seed is used (a test that ignored it could still match scipy for one seed)."""
    table = np.array([[3, 0], [1, 4], [0, 2], [2, 2]])
    values = {chi2_permutation_pvalue(table, RESAMPLES, seed) for seed in range(5)}
    assert len(values) > 1


def test_untabulate_counts_back_to_the_table():
    table = np.array([[2, 0, 1], [1, 3, 0]])
    x, y = untabulate(table)
    again = np.zeros_like(table)
    np.add.at(again, (x, y), 1)
    assert (again == table).all()


def test_an_empty_row_is_refused():
    with pytest.raises(ValueError, match="positive total"):
        chi2_permutation_pvalue(np.array([[1, 2], [0, 0]]), RESAMPLES, 1)
