"""The ledger of figures stated in published reports (``data/published/``), and its checks."""

from analysis.ledger.check import normalise_whitespace, option_problems, quote_problems
from analysis.ledger.figure import Figure, Ledger
from analysis.ledger.load import (
    LedgerError,
    load_contradictions,
    load_ledger,
    load_sources,
)
from analysis.ledger.rounding import stated_interval
from analysis.ledger.schema import (
    Basis,
    Contradiction,
    FigureEntry,
    FigureKind,
    LedgerFile,
    Qualifier,
    Source,
)
from analysis.ledger.totals import wave_respondents, wave_totals

__all__ = [
    "Basis",
    "Contradiction",
    "Figure",
    "FigureEntry",
    "FigureKind",
    "Ledger",
    "LedgerError",
    "LedgerFile",
    "Qualifier",
    "Source",
    "load_contradictions",
    "load_ledger",
    "load_sources",
    "normalise_whitespace",
    "option_problems",
    "quote_problems",
    "stated_interval",
    "wave_respondents",
    "wave_totals",
]
