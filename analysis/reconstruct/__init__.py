"""Rebuild integer answer counts that fit every published figure, and audit those that cannot.

See ``docs/reconstruction.md`` for the method. Entry points: :func:`solve_question` for one
(year, question), ``ledger_solve.solve_ledger`` for the whole ledger, :func:`mean_feasible`
for GRIM.
"""

from analysis.reconstruct.constraints import ReconstructionError
from analysis.reconstruct.figures import Figure, printed_interval
from analysis.reconstruct.grim import GrimResult, mean_feasible
from analysis.reconstruct.solve import Solution, solve_question

__all__ = [
    "Figure",
    "GrimResult",
    "ReconstructionError",
    "Solution",
    "mean_feasible",
    "printed_interval",
    "solve_question",
]
