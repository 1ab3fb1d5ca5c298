"""Parse one cell value of a question column into answer elements.

An *element* is ``(option index, score, text)``: an option index (or -1) for choice questions,
a score for ratings, and text for free-text answers or the typed "Annet" text. The reader
parses each distinct cell value once per column and maps the result onto the rows.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re

from analysis.ingest.headers import normalise_value
from analysis.ingest.limits import MAX_CELL_CHARS
from analysis.questionnaire.schema import Question, QuestionType

Element = tuple[int, int | None, str | None]
_CODE = re.compile(r"-?\d+")


class CellError(ValueError):
    """A cell value a question does not allow: ``message`` and ``expected`` (what is allowed)."""

    def __init__(self, message: str, expected: str, kind: str = "invalid_answer"):
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.kind = kind


def is_blank(value) -> bool:
    """Whether a raw cell means "not answered": empty, whitespace or NaN."""
    if value is None:
        return True
    if isinstance(value, float):
        return math.isnan(value)
    return isinstance(value, str) and not value.strip()


class CellParser:
    """Parses the cells of one question.

    Parameters
    ----------
    question
        The questionnaire item whose column is parsed.
    codes
        Also accept each option's ``code`` (Nettskjema exports hold option codes, not labels).

    Examples
    --------
    >>> from analysis.questionnaire.schema import Question
    >>> q = Question(id="q01", number=1, text="Frukt?", type="multiple",
    ...              options=[{"label": "Eple, rødt"}, {"label": "Pære"}])
    >>> CellParser(q).parse("Pære;Eple, rødt;")
    ((0, None, None), (1, None, None))
    """

    def __init__(self, question: Question, *, codes: bool = False):
        self.question = question
        self.labels = {normalise_value(o.label): i for i, o in enumerate(question.options)}
        self.use_codes = codes
        self.codes = {o.code: i for i, o in enumerate(question.options)
                      if codes and o.code is not None}
        other = question.other_option
        self.other = question.options.index(other) if other is not None else None
        # Longest label (in ';'-separated pieces) bounds how many pieces one option can span.
        self.span = max((o.label.count(";") + 1 for o in question.options), default=1)
        # Pieces of multiple-choice cells repeat across distinct cells: normalise each once.
        self._normalise = functools.lru_cache(maxsize=4096)(normalise_value)

    def parse(self, value) -> tuple[Element, ...] | None:
        """Return the elements of a cell, or ``None`` when the cell is blank.

        Raises
        ------
        CellError
            For an unknown option, a rating off the scale, a wrong number of choices, or text
            longer than Excel's cell limit.
        """
        if is_blank(value):
            return None
        if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
            raise CellError(f"the cell holds {len(value):,} characters",
                            f"at most {MAX_CELL_CHARS:,} characters (Excel's limit for one "
                            "cell)", kind="too_large")
        kind = self.question.type
        if kind is QuestionType.SINGLE:
            return (self._single(_as_text(value)),)
        if kind is QuestionType.MULTIPLE:
            return self._multiple(_as_text(value))
        if kind is QuestionType.RATING:
            return ((-1, self._rating(value), None),)
        return ((-1, None, _as_text(value).strip()),)

    def _allowed(self) -> str:
        labels = ", ".join(repr(o.label) for o in self.question.options)
        if self.codes:
            labels += " or their codes " + ", ".join(
                repr(o.code) for o in self.question.options if o.code is not None)
        if self.other is not None:
            labels += " (or any other text, for the 'other' option)"
        if self.use_codes and not self.codes:
            labels += (" (a Nettskjema export holds option codes: give each option its `code:`"
                       " in the questionnaire)")
        return f"one of {labels}"

    def _single(self, text: str) -> Element:
        index = self.codes.get(text.strip()) if self.codes else None
        if index is not None:
            return (index, None, None)
        index = self.labels.get(normalise_value(text))
        if index is not None:
            return (index, None, None)
        if self.use_codes and _CODE.fullmatch(text.strip()):
            # An unknown code is never "other" text: it means the codebook is missing or wrong.
            raise CellError("unknown option code", self._allowed())
        if self.other is not None:
            return (self.other, None, text.strip())
        raise CellError("unknown option", self._allowed())

    def _multiple(self, text: str) -> tuple[Element, ...]:
        pieces = text.split(";")
        if pieces and not pieces[-1].strip():
            pieces.pop()  # Forms ends every choice with ';'
        chosen: dict[int, str | None] = {}
        typed: list[str] = []
        start = 0
        while start < len(pieces):
            for stop in range(min(len(pieces), start + self.span), start, -1):
                index = self.labels.get(self._normalise(";".join(pieces[start:stop])))
                if index is not None:
                    chosen.setdefault(index, None)
                    start = stop
                    break
            else:
                if pieces[start].strip():
                    typed.append(pieces[start].strip())
                start += 1
        if typed:
            if self.other is None:
                raise CellError(f"unknown option {';'.join(typed)!r}", self._allowed())
            chosen[self.other] = ";".join(typed)
        self.check_count(len(chosen))
        return tuple((i, None, chosen[i]) for i in sorted(chosen))

    def check_count(self, count: int) -> None:
        """Raise :class:`CellError` when ``count`` choices break ``min_choices``/``max_choices``."""
        low, high = self.question.min_choices, self.question.max_choices
        if (high is not None and count > high) or (low is not None and count < low):
            if low is not None and high is not None:
                allowed = f"{low} to {high} choices"
            elif high is not None:
                allowed = f"at most {high} choices"
            else:
                allowed = f"at least {low} choices"
            raise CellError(f"{count} choices", allowed)

    def _rating(self, value) -> int:
        scale = self.question.rating_scale
        expected = f"an integer from {scale.min} to {scale.max}"
        number = _as_number(value)
        if number is None or not float(number).is_integer():
            raise CellError("not an integer rating", expected)
        if not scale.min <= number <= scale.max:
            raise CellError("rating outside the scale", expected)
        return int(number)


def _as_text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    return str(value)


def _as_number(value) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            return None
        return None if math.isnan(number) or math.isinf(number) else number
    return None
