"""The chi-square permutation test of a contingency table, vectorised.

``scipy.stats.chi2_contingency(table, method=PermutationMethod(...))`` evaluates its statistic
one resample at a time (a ``crosstab`` per resample: about two seconds for 9 999 resamples of
a table of 60 answers), and the book runs it in several chapters. This module hands scipy's
own :func:`scipy.stats.permutation_test` the same data, the same kind of permutation
(``pairings``), the same generator and number of resamples, with a statistic that counts a
whole batch of resampled tables at once. The resamples are scipy's, so the p-value is
scipy's: ``tests/unit/compute/test_permutation.py`` compares the two on many tables.
"""

from __future__ import annotations

import numpy as np
from scipy import stats


def untabulate(table: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The observations behind ``table``: row index and column index of each, row by row and
    within a row column by column (the order scipy's ``chi2_contingency`` permutes).

    >>> x, y = untabulate(np.array([[1, 2], [0, 1]]))
    >>> x.tolist(), y.tolist()
    ([0, 0, 0, 1], [0, 1, 1, 1])
    """
    rows, cols = table.shape
    counts = table.ravel()
    return (np.repeat(np.repeat(np.arange(rows), cols), counts),
            np.repeat(np.tile(np.arange(cols), rows), counts))


def chi2_permutation_pvalue(table: np.ndarray, n_resamples: int, seed: int) -> float:
    """p-value of Pearson's chi-square (no continuity correction) for ``table`` under
    permutation of the row labels against the column labels, ``n_resamples`` draws from
    ``numpy.random.default_rng(seed)``: the value ``chi2_contingency(table, correction=False,
    method=PermutationMethod(n_resamples, rng=default_rng(seed))).pvalue`` gives.

    Every row and every column of ``table`` must have a positive total.
    """
    table = np.asarray(table, dtype=int)
    if (table.sum(axis=0) == 0).any() or (table.sum(axis=1) == 0).any():
        raise ValueError("every row and column of the table needs a positive total")
    rows, cols = table.shape
    expected = stats.contingency.expected_freq(table)
    x, y = untabulate(table)
    cells = rows * cols

    def statistic(resampled: np.ndarray, axis: int = -1) -> np.ndarray:
        resampled = np.moveaxis(np.asarray(resampled), axis, -1)
        batch = resampled.reshape(-1, resampled.shape[-1])
        codes = batch * cols + y + (np.arange(len(batch)) * cells)[:, None]
        counts = np.bincount(codes.ravel(), minlength=len(batch) * cells)
        counts = counts.reshape(len(batch), rows, cols)
        chi2 = ((counts - expected) ** 2 / expected).sum(axis=(1, 2))
        return chi2.reshape(resampled.shape[:-1])

    result = stats.permutation_test((x,), statistic, permutation_type="pairings",
                                    alternative="greater", vectorized=True,
                                    n_resamples=n_resamples,
                                    rng=np.random.default_rng(seed))
    return float(result.pvalue)
