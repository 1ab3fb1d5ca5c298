"""The appendix's contradiction explanations with their numbers read, not typed.

``data/published/contradictions.yaml`` words each explanation; where it needs a number it
writes a placeholder instead, filled here from the same views the chapters print from, or
from the ledger when the number is the published report's own:

- ``{q08 share 1,2}``, ``{q08 count 1,2}``: :meth:`QuestionView.share`/``count`` of the
  options or scores (labels or scores separated by commas); a last word ``prev`` reads the
  previous wave;
- ``{q08 n}``, ``{q07 mean}``, ``{q07 median}`` (also with ``prev``);
- ``{fig r25-q08-y2025-s12-pct}``: a ledger figure as the report printed it.

So an explanation cannot print 28 % where the chapters print 27 % for the same fact.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from analysis import fmt
from analysis.display import Text

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

_PLACEHOLDER = re.compile(r"\{([a-z]+[0-9]*|fig) ([^{}]+?)\}")
_METHODS = {"share", "count", "n", "mean", "median"}


def _key(arg: str):
    parts = [p.strip() for p in arg.split(",")]
    keys = [int(p) if p.isdigit() else p for p in parts]
    return keys[0] if len(keys) == 1 else keys


def _ledger_value(bundle: SurveyBundle, figure_id: str) -> str:
    figure = bundle.ledger.figure(figure_id)
    kind = getattr(figure.kind, "value", figure.kind)
    if kind == "percent":
        return fmt.pct(figure.value / 100, figure.decimals)
    return fmt.num(figure.value, figure.decimals)


def _view_value(bundle: SurveyBundle, qid: str, words: list[str]) -> str:
    from analysis.report.views import view

    method, *args = words
    if method not in _METHODS:
        raise ValueError(f"{method!r} is not one of {sorted(_METHODS)}")
    v = view(bundle, qid)
    year = None
    if args and args[-1] == "prev":
        args, year = args[:-1], v.prev_year
    if method in ("share", "count"):
        if len(args) != 1:
            raise ValueError(f"{method} needs one option list, e.g. 'share 1,2'")
        return str(getattr(v, method)(_key(args[0]), year))
    if args:
        raise ValueError(f"{method} takes no option")
    return str(getattr(v, method)(year))


def fill(bundle: SurveyBundle, text: str, where: str = "contradictions.yaml") -> Text:
    """``text`` with every placeholder replaced by its value (see the module docstring).

    Raises
    ------
    ValueError
        Naming ``where`` and the placeholder when one cannot be read.
    """
    def value(match: re.Match) -> str:
        head, rest = match.group(1), match.group(2).split()
        try:
            if head == "fig":
                return _ledger_value(bundle, " ".join(rest))
            return _view_value(bundle, head, rest)
        except (KeyError, ValueError, TypeError) as exc:
            raise ValueError(f"{where}: placeholder {match.group(0)!r}: {exc}") from exc

    return Text(_PLACEHOLDER.sub(value, text))
