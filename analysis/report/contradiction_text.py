"""The appendix's contradiction explanations with their numbers read, not typed.

``data/published/contradictions.yaml`` words each explanation; where it needs a number it
writes a placeholder instead, filled here from the same views the chapters print from, or
from the ledger when the number is the published report's own:

- ``{q08 share 1,2}``, ``{q08 count 1,2}``: :meth:`QuestionView.share`/``count`` of the
  options or scores (labels or scores separated by commas); a last word ``prev`` reads the
  previous wave;
- ``{q08 n}``, ``{q07 mean}``, ``{q07 median}`` (also with ``prev``);
- ``{fig r25-q08-y2025-s12-pct}``: a ledger figure as the report printed it;
  ``{year r25-q08-y2025-s12-pct}``: the survey year that figure belongs to;
- ``{calc FORMAT EXPR}``: arithmetic on ledger figures, for the explanation's own sums
  ("57 + 34 = 91", "239/60 = 3,98"). EXPR is ledger ids and numbers joined by ``+ - * / ( )``
  with spaces around each operator (ids contain hyphens); a percentage figure counts as its
  printed number (87, not 0.87). FORMAT is ``int``, ``num1``/``num2`` (decimals), ``pct``/
  ``pct1`` (EXPR a share, 0.16 -> "16 %") or ``words`` (a count in running text: "ingen",
  "tre", "12").

So an explanation cannot print 28 % where the chapters print 27 % for the same fact, and no
figure of the published report is typed twice.
"""

from __future__ import annotations

import ast
import operator
import re
from typing import TYPE_CHECKING

from analysis import fmt
from analysis.display import Text

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle

_PLACEHOLDER = re.compile(r"\{([a-z]+[0-9]*|fig) ([^{}]+?)\}")
_METHODS = {"share", "count", "n", "mean", "median"}
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul,
              ast.Div: operator.truediv}
_FORMATS = {"int": lambda x: fmt.num(x, 0), "num1": lambda x: fmt.num(x, 1),
            "num2": lambda x: fmt.num(x, 2), "pct": lambda x: fmt.pct(x, 0),
            "pct1": lambda x: fmt.pct(x, 1),
            "words": lambda n: "ingen" if n == 0 else fmt.number_word(n)}


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


def _evaluate(node: ast.AST, values: list[float]) -> float:
    """The value of a parsed arithmetic expression (numbers, ``v0``… names, + - * /)."""
    if isinstance(node, ast.Expression):
        return _evaluate(node.body, values)
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return node.value
    if isinstance(node, ast.Name) and node.id.startswith("v"):
        return values[int(node.id[1:])]
    if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
        return _OPERATORS[type(node.op)](_evaluate(node.left, values),
                                         _evaluate(node.right, values))
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        return -_evaluate(node.operand, values)
    raise ValueError(f"not arithmetic: {ast.unparse(node)!r}")


def _calc_value(bundle: SurveyBundle, words: list[str]) -> str:
    """``{calc FORMAT EXPR}``: EXPR's ledger ids read, evaluated, written in FORMAT."""
    if len(words) < 2 or words[0] not in _FORMATS:
        raise ValueError(f"calc needs a format ({', '.join(_FORMATS)}) and an expression")
    values: list[float] = []
    tokens = []
    for token in " ".join(words[1:]).replace("(", " ( ").replace(")", " ) ").split():
        if token[0].isalpha():  # a ledger id
            values.append(float(bundle.ledger.figure(token).value))
            tokens.append(f"v{len(values) - 1}")
        else:
            tokens.append(token)
    try:
        tree = ast.parse(" ".join(tokens), mode="eval")
    except SyntaxError as exc:
        raise ValueError(f"not arithmetic: {' '.join(words[1:])!r}") from exc
    result = _evaluate(tree, values)
    if words[0] == "words":
        if abs(result - round(result)) > 1e-9:
            raise ValueError(f"words needs a whole number, not {result}")
        result = round(result)
    return _FORMATS[words[0]](result)


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
            if head == "year":
                return str(bundle.ledger.figure(" ".join(rest)).year)
            if head == "calc":
                return _calc_value(bundle, rest)
            return _view_value(bundle, head, rest)
        except (KeyError, ValueError, TypeError, ZeroDivisionError) as exc:
            raise ValueError(f"{where}: placeholder {match.group(0)!r}: {exc}") from exc

    return Text(_PLACEHOLDER.sub(value, text))
