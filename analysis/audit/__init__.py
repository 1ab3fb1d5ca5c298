"""The audit of published figures against the data in use (``python -m analysis audit``)."""

from analysis.audit.audit import (
    COLUMNS,
    audit_figures,
    consistency_counts,
    status_counts,
)
from analysis.audit.classify import (
    NOT_DERIVABLE,
    NOT_REPRODUCIBLE,
    REPRODUCED,
    STATUSES,
    WITHIN_ROUNDING,
    classify,
)
from analysis.audit.recompute import Recomputed, recompute

__all__ = [
    "COLUMNS",
    "NOT_DERIVABLE",
    "NOT_REPRODUCIBLE",
    "REPRODUCED",
    "STATUSES",
    "WITHIN_ROUNDING",
    "Recomputed",
    "audit_figures",
    "classify",
    "consistency_counts",
    "recompute",
    "status_counts",
]
