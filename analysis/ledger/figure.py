"""A published figure, and the ledger of them: the one type ledger, audit and solver share.

A ledger file's entries are validated as :class:`~analysis.ledger.schema.FigureEntry`; the
loader turns each into a frozen :class:`Figure` (the entry plus the id of its source) and
gathers them in a :class:`Ledger`. The audit, the reconstruction and the report read these
objects; :meth:`Ledger.frame` gives a fresh pandas view for code that filters and joins.
Hand-made figures (tests of the solver) need only ``id``, ``kind`` and ``value``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import asdict, dataclass, field, fields
from types import MappingProxyType

import pandas as pd

from analysis.ledger.schema import Basis, FigureEntry, FigureKind, OptionValue, Qualifier


@dataclass(frozen=True)
class Figure:
    """One figure as printed in a published report.

    ``option`` holds option labels (choice questions) or scores (ratings); several entries mean
    the figure is a sum ("godt eller litt", "score 4 eller 5"); it is empty for n, mean, median.
    ``basis`` is None (the report does not say what a share is of; the solver picks the
    denominator) or a :class:`~analysis.ledger.schema.Basis`, with ``of`` (the stated number
    of respondents), ``from_wave`` (basis change) or ``what`` (basis context) beside it.
    ``kind``, ``basis`` and ``qualifier`` accept their enum values as strings.
    """

    id: str
    kind: FigureKind
    value: float
    decimals: int = 0
    option: tuple[OptionValue, ...] = ()
    basis: Basis | None = None
    year: int | None = None
    question: int | None = None
    qualifier: Qualifier | None = None  #: "over", "under" or "about" ("ca.", "rundt"); None: plain
    section: str | None = None  #: report section ("1" is the summary)
    quote: str | None = None
    note: str | None = None
    source: str | None = None  #: id of the ledger file's source
    of: int | None = None
    from_wave: int | None = None
    what: str | None = None

    def __post_init__(self) -> None:
        try:
            kind = FigureKind(self.kind)
            basis = None if self.basis is None else Basis(self.basis)
            qualifier = None if self.qualifier is None else Qualifier(self.qualifier)
        except ValueError as exc:
            raise ValueError(f"figure {self.id}: {exc}") from exc
        # Normalise to the enums and a tuple once, so equality and hashing never depend on
        # whether a caller passed "percent" or FigureKind.PERCENT.
        object.__setattr__(self, "kind", kind)
        object.__setattr__(self, "basis", basis)
        object.__setattr__(self, "qualifier", qualifier)
        object.__setattr__(self, "option", tuple(self.option))
        object.__setattr__(self, "value", float(self.value))

    @classmethod
    def from_entry(cls, entry: FigureEntry, source: str) -> Figure:
        """The figure a validated ledger-file entry describes."""
        data = entry.model_dump(exclude={"option"})
        return cls(**data, option=entry.options, source=source)

    @property
    def qid(self) -> str | None:
        """The question id (``"q04"``), None for a report-level figure."""
        return None if self.question is None else f"q{self.question:02d}"

    @property
    def printed(self) -> str:
        """The value as printed, e.g. ``4.17`` or ``45 %``."""
        text = f"{self.value:.{self.decimals}f}"
        return f"{text} %" if self.kind is FigureKind.PERCENT else text


#: Columns of :meth:`Ledger.frame`, in order.
COLUMNS = tuple(f.name for f in fields(Figure))


@dataclass(frozen=True)
class Ledger:
    """Every published figure, in file order, and the documents they were transcribed from.

    Iterating gives the :class:`Figure` objects; ids are unique.
    """

    figures: tuple[Figure, ...]
    sources: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def __iter__(self) -> Iterator[Figure]:
        return iter(self.figures)

    def __len__(self) -> int:
        return len(self.figures)

    def figure(self, figure_id: str) -> Figure:
        """The figure with this id.

        Raises
        ------
        KeyError
            Naming the id when the ledger has no such figure.
        """
        for fig in self.figures:
            if fig.id == figure_id:
                return fig
        raise KeyError(f"no published figure {figure_id!r} in the ledger")

    def of_year(self, year: int) -> tuple[Figure, ...]:
        """The figures describing one wave."""
        return tuple(f for f in self.figures if f.year == year)

    def about(self, year: int, question: int) -> tuple[Figure, ...]:
        """The figures about one question (by number) of one wave."""
        return tuple(f for f in self.figures if f.year == year and f.question == question)

    def frame(self) -> pd.DataFrame:
        """A fresh frame, one row per figure, columns :data:`COLUMNS`.

        ``question``, ``qualifier``, ``basis`` and the other optional fields are object
        columns holding None (not NaN) when absent; ``option`` holds tuples.

        Examples
        --------
        >>> Ledger((Figure("a", "n", 186, year=2025, basis="respondents"),)).frame()[
        ...     ["id", "kind", "value", "question"]].to_dict("records")
        [{'id': 'a', 'kind': <FigureKind.N: 'n'>, 'value': 186.0, 'question': None}]
        """
        rows = [asdict(f) for f in self.figures]
        frame = pd.DataFrame(rows, columns=list(COLUMNS), dtype=object)
        return frame.astype({"year": int, "decimals": int, "value": float})
