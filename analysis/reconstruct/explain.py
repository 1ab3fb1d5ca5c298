"""The arithmetic, in Norwegian, for a figure the solver had to drop.

Each explanation compares what the printed figure needs with what the *other* figures of the
question allow. Ranges come from two small solves (minimise and maximise the quantity under the
kept figures), so "the other figures force A = 3" is a statement about every solution, not
about one reconstruction. Means are explained with the GRIM test. The text is bokmål with
decimal commas, as the book's appendix prints it (the CLI prints the same text).
"""

from __future__ import annotations

import math
from fractions import Fraction

from analysis.questionnaire.schema import Question
from analysis.reconstruct.constraints import build_model
from analysis.reconstruct.figures import Figure, printed_interval, round_half_up
from analysis.reconstruct.grim import mean_feasible


def explain_dropped(fig: Figure, kept: list[Figure], question: Question, respondents: int,
                    solution) -> str:
    """Explain why ``fig`` conflicts with the ``kept`` figures of the same question.

    Parameters
    ----------
    fig
        The dropped figure.
    kept
        The figures that remain after dropping the minimal set.
    question, respondents
        As for :func:`~analysis.reconstruct.solve.solve_question`.
    solution
        The repaired :class:`~analysis.reconstruct.solve.Solution` (counts, n).

    Returns
    -------
    str
        One paragraph (the figure's id and printed value are not repeated: the appendix and
        the CLI print them beside it), e.g. ``"Av n = 35 som svarte, trengs et antall i
        [28,175; 28,525], som ikke rommer noe heltall; ..."``.
    """
    if fig.kind == "mean":
        return _sentence(_mean_text(fig, kept, question, solution))
    if fig.kind == "median":
        return _sentence(f"de andre tallene gir antallene {_counts(solution.counts)}, med "
                         f"median {_median(solution.counts)}")
    n_lo, n_hi = _range(kept, question, respondents, "n", fig)
    n_text = f"n = {n_lo}" if n_lo == n_hi else f"n mellom {n_lo} og {n_hi}"
    if fig.kind == "n":
        return _sentence(f"de andre tallene tillater bare {n_text}")
    s_lo, s_hi = _range(kept, question, respondents, "sum", fig)
    label = " + ".join(map(str, fig.option))
    s_text = f"{label} = {s_lo}" if s_lo == s_hi else f"{label} mellom {s_lo} og {s_hi}"
    if fig.kind == "count":
        return _sentence(f"de andre tallene tillater bare {s_text}")
    # the kept figures are the solution's own, so the model bounding n is feasible
    assert n_lo is not None and n_hi is not None
    return _sentence(f"{_percent_need(fig, n_lo, n_hi, respondents)}; de andre tallene "
                     f"tillater bare {s_text} med {n_text}" + _implied(fig, solution))


def _sentence(text: str) -> str:
    """Capital first letter and a full stop."""
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def _mean_text(fig: Figure, kept: list[Figure], question: Question, solution) -> str:
    fixed = {
        int(f.option[0]): int(f.value) for f in kept if f.kind == "count" and len(f.option) == 1
    }
    n_fig = [f for f in kept if f.kind == "n"]
    n = int(n_fig[0].value) if n_fig else solution.n
    scale = question.rating_scale
    grim = mean_feasible(fig.value, fig.decimals, n, scale.min, scale.max, fixed=fixed)
    text = grim.explanation
    if grim.feasible:
        total = sum(s * c for s, c in solution.counts.items())
        mean = round_half_up(Fraction(total, solution.n), fig.decimals)
        text += f"; men med de andre tallene er antallene {_counts(solution.counts)}, " \
                f"summen {total} og gjennomsnittet {_comma(str(mean))}"
    return text


def _percent_need(fig: Figure, n_lo: int, n_hi: int, respondents: int) -> str:
    lo, hi = printed_interval(fig.value, fig.decimals, fig.qualifier)
    parts = []
    for name, base in (("n", n_lo), ("respondents", respondents)):
        if name == "respondents" and base == n_lo == n_hi:
            continue
        of = f"av n = {base} som svarte" if name == "n" else f"av alle {base} respondenter"
        a, b = lo * base / 100, hi * base / 100
        if b > base:  # "over x %": only a lower bound (the upper end is the open cap)
            parts.append(f"{of} trengs et antall på minst {math.ceil(a)}")
            continue
        if a < 0:  # "under x %": only an upper bound
            parts.append(f"{of} trengs et antall på høyst {math.floor(b)}")
            continue
        whole = list(range(math.ceil(a), math.floor(b) + 1))
        fit = f"altså {' eller '.join(map(str, whole))}" if whole \
            else "som ikke rommer noe heltall"
        parts.append(f"{of} trengs et antall i [{_num(a)}; {_num(b)}], {fit}")
    return "; ".join(parts)


def _implied(fig: Figure, solution) -> str:
    count = sum(solution.counts.get(_key(o, list(solution.counts)), 0) for o in fig.option)
    if not solution.n:
        return ""
    pct = round_half_up(Fraction(100 * count, solution.n), 1)
    return f" (verktøyets løsning: {count} av {solution.n} = {_comma(str(pct))}\u00a0%)"


def _key(item, keys: list):
    # Ratings are keyed by int score; a ledger may still spell a score as "5".
    return int(item) if keys and isinstance(keys[0], int) and isinstance(item, str) else item


def _range(kept, question, respondents, what, fig) -> tuple[int | None, int | None]:
    """Smallest and largest n (or option sum of ``fig``) the kept figures allow."""
    model, h = build_model(kept, question, respondents)
    if what == "n":
        expr = {h.n: 1.0}
    else:
        expr = {h.x[_key(o, h.keys)]: 1.0 for o in fig.option}
    out = []
    for sign in (1.0, -1.0):
        model.objective = {k: sign * v for k, v in expr.items()}
        values = model.solve()
        out.append(int(round(sum(values[k] for k in expr))) if values is not None else None)
    return out[0], out[1]


def _counts(counts: dict) -> str:
    return ", ".join(f"{k}: {v}" for k, v in counts.items())


def _median(counts: dict) -> str:
    scores = sorted(s for s, c in counts.items() for _ in range(c))
    if not scores:
        return "udefinert"
    mid = len(scores) // 2
    value = scores[mid] if len(scores) % 2 else Fraction(scores[mid - 1] + scores[mid], 2)
    return _comma(str(float(value)))


def _num(value: Fraction) -> str:
    """Up to three decimals, trailing zeros dropped, decimal comma: ``12,495``."""
    return _comma(f"{float(value):.3f}".rstrip("0").rstrip("."))


def _comma(text: str) -> str:
    return text.replace(".", ",")
