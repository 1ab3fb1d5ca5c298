"""Free-text coding in the open: a codebook and coding decisions as data, per wave.

``data/coding/<year>/codebook.yaml`` (:mod:`~analysis.coding.schema`) lists each question's
codes; ``decisions.csv`` records who gave which answer which code, and when
(:mod:`~analysis.coding.load`). From them the book counts and quotes
(:mod:`~analysis.coding.tally`), coders' agreement is measured
(:mod:`~analysis.coding.agreement`), codes are suggested for uncoded answers
(:mod:`~analysis.coding.suggest`), answers are routed to local support or work packages
(:mod:`~analysis.coding.routes`) and everything is exported as REFI-QDA
(:mod:`~analysis.coding.refiqda`). Heavy imports (scikit-learn, pyrefiqda) stay in their modules.
"""

from analysis.coding.load import (
    DECISION_COLUMNS,
    CodingError,
    WaveCoding,
    coding_dir,
    load_codebook,
    load_coding,
    load_decisions,
)
from analysis.coding.schema import NO_CONTENT, NO_CONTENT_LABEL, Code, Codebook, CodedQuestion
from analysis.coding.tally import (
    CONSENSUS,
    answers_frame,
    book_decisions,
    check_decisions,
    code_counts,
    code_quotes,
    status,
)

__all__ = [
    "CONSENSUS",
    "DECISION_COLUMNS",
    "NO_CONTENT",
    "NO_CONTENT_LABEL",
    "Code",
    "CodedQuestion",
    "Codebook",
    "CodingError",
    "WaveCoding",
    "answers_frame",
    "book_decisions",
    "check_decisions",
    "code_counts",
    "code_quotes",
    "coding_dir",
    "load_codebook",
    "load_coding",
    "load_decisions",
    "status",
]
