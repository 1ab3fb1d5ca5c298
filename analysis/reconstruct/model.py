"""A tiny mixed-integer linear model with figure-owned, droppable rows, solved by HiGHS.

Rows belong to a published figure (or to the questionnaire's structure). A row may carry a
*guard*: a binary variable that switches the row on (the chosen percent denominator). In drop
mode each figure gets a binary "drop" variable that switches all its rows off. Both switches
are big-M relaxations whose M is computed per row from the variable bounds, so it is as small
as it can be and HiGHS stays numerically comfortable.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp

INF = math.inf


@dataclass
class Row:
    """``lo <= sum(coef * var) <= hi``, owned by ``figure`` and enforced only if ``guard`` = 1."""

    coefs: dict[int, float]
    lo: float = -INF
    hi: float = INF
    figure: str | None = None
    guard: int | None = None


@dataclass
class Model:
    """Variables (all bounded), rows and a linear objective to minimise."""

    names: list[str] = field(default_factory=list)
    lbs: list[float] = field(default_factory=list)
    ubs: list[float] = field(default_factory=list)
    integer: list[bool] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    objective: dict[int, float] = field(default_factory=dict)

    def var(self, name: str, lb: float, ub: float, integer: bool = True) -> int:
        """Add a bounded variable and return its index."""
        self.names.append(name)
        self.lbs.append(lb)
        self.ubs.append(ub)
        self.integer.append(integer)
        return len(self.names) - 1

    def row(self, coefs: dict[int, float], lo: float = -INF, hi: float = INF,
            figure: str | None = None, guard: int | None = None) -> None:
        """Add ``lo <= coefs · x <= hi`` (skipping zero coefficients)."""
        self.rows.append(Row({k: v for k, v in coefs.items() if v}, lo, hi, figure, guard))

    def activity_range(self, coefs: dict[int, float]) -> tuple[float, float]:
        """Smallest and largest value ``coefs · x`` can take within the variable bounds."""
        low = sum(c * (self.lbs[i] if c > 0 else self.ubs[i]) for i, c in coefs.items())
        high = sum(c * (self.ubs[i] if c > 0 else self.lbs[i]) for i, c in coefs.items())
        return low, high

    def solve(self, drop: dict[str, int] | None = None, extra: list[Row] | None = None,
              time_limit: float = 5.0) -> np.ndarray | None:
        """Solve; ``drop`` maps figure ids to their drop variables (relaxing their rows).

        Returns
        -------
        numpy.ndarray or None
            Variable values (integers rounded), or None when infeasible.
        """
        n_var = len(self.names)
        a_rows, lows, highs = [], [], []
        for row in [*self.rows, *(extra or [])]:
            switches = []  # (variable, +1: row off when var=1 / -1: row off when var=0)
            if row.guard is not None:
                switches.append((row.guard, -1))
            if drop and row.figure in drop:
                switches.append((drop[row.figure], +1))
            act_lo, act_hi = self.activity_range(row.coefs)
            for bound, sign in ((row.lo, 1), (row.hi, -1)):
                if math.isinf(bound):
                    continue
                # sign=1: coefs·x >= lo; sign=-1: coefs·x <= hi, written as -coefs·x >= -hi.
                big_m = max(0.0, bound - act_lo) if sign == 1 else max(0.0, act_hi - bound)
                coefs = {k: sign * v for k, v in row.coefs.items()}
                rhs = sign * bound
                for var, off in switches:
                    # off=+1: add M·var; off=-1: add M·(1-var) = M - M·var.
                    coefs[var] = coefs.get(var, 0.0) + (big_m if off == 1 else -big_m)
                    rhs -= 0.0 if off == 1 else big_m
                vec = np.zeros(n_var)
                for k, v in coefs.items():
                    vec[k] = v
                a_rows.append(vec)
                lows.append(rhs)
                highs.append(INF)
        cost = np.zeros(n_var)
        for k, v in self.objective.items():
            cost[k] = v
        constraints = [LinearConstraint(np.array(a_rows), lows, highs)] if a_rows else []
        with _quiet_native_stdout():
            res = milp(
                cost, constraints=constraints, integrality=np.array(self.integer, dtype=int),
                bounds=Bounds(self.lbs, self.ubs), options={"time_limit": time_limit},
            )
        if res.x is None or res.status not in (0, 1):
            return None
        values = res.x.copy()
        mask = np.array(self.integer)
        values[mask] = np.round(values[mask])
        return values


@contextlib.contextmanager
def _quiet_native_stdout():
    """Silence HiGHS, which sometimes prints a debug line straight to file descriptor 1.

    ``disp=False`` does not reach that line, and it would corrupt ``audit --json`` output.
    """
    sys.stdout.flush()
    try:
        saved = os.dup(1)
    except OSError:  # no real stdout (e.g. some test runners): nothing to protect
        yield
        return
    try:
        with open(os.devnull, "wb") as devnull:
            os.dup2(devnull.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)
