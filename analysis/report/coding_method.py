"""The method chapter's account of the free-text coding: who coded, how much, and how well two
coders (and the suggestion model) agree -- all computed from ``data/coding/<year>/``."""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING

import pandas as pd

from analysis import coding as cd
from analysis import fmt
from analysis.display import Text
from analysis.report.free_text import answers_of, wave_coding

if TYPE_CHECKING:
    from analysis.bundle import SurveyBundle


def _status(bundle: SurveyBundle) -> pd.DataFrame:
    c = wave_coding(bundle)
    return cd.status(c.codebook, c.decisions, answers_of(bundle))


def source_sentence(bundle: SurveyBundle) -> Text:
    """Says that the coding is reconstructed from the report, when it is; else empty."""
    if not wave_coding(bundle).codebook.reconstructed:
        return Text("")
    return Text("Kodingen i denne utgaven er rekonstruert fra rapportens kategorier, antall og "
                "sitater over de rekonstruerte svarene; den er ikke en "
                "ny koding av de virkelige svarene.")


def coded_total(bundle: SurveyBundle) -> Text:
    """Free-text answers with at least one decision, all questions (formatted)."""
    return fmt.num(int(_status(bundle)["coded"].sum()))


def answers_total(bundle: SurveyBundle) -> Text:
    """Free-text answers of the codebook's questions (formatted)."""
    return fmt.num(int(_status(bundle)["answers"].sum()))


def awaiting_total(bundle: SurveyBundle) -> Text:
    """Free-text answers no one has coded yet (formatted)."""
    return fmt.num(int(_status(bundle)["uncoded"].sum()))


def codes_total(bundle: SurveyBundle) -> Text:
    """Codes in the codebook, all questions (formatted)."""
    book = wave_coding(bundle).codebook
    return fmt.num(sum(len(q.codes) for q in book.questions.values()))


def agreement(bundle: SurveyBundle) -> Text:
    """A sentence on double coding: alpha per question and the range of kappa per code, or
    that no answer has been coded by two people yet."""
    from analysis.coding.agreement import alpha_per_question, kappa_per_code

    c = wave_coding(bundle)
    table = _status(bundle)
    double = table[table["double_coded"] > 0]
    if double.empty:
        return Text("Ingen svar er ennå kodet av to personer, så samsvaret mellom kodere er "
                    "ikke målt.")
    parts, kappas = [], []
    for r in double.itertuples():
        alpha, n = alpha_per_question(c.decisions, r.qid)
        parts.append(f"spørsmål {int(r.qid[1:])}: α = "
                     f"{'–' if math.isnan(alpha) else fmt.num(alpha, 2)} ({fmt.num(n)} svar)")
        kappas += [k for k in kappa_per_code(c.codebook, c.decisions, r.qid)["kappa"]
                   if not math.isnan(k)]
    tail = (f" Cohens kappa per kode ligger mellom {fmt.num(min(kappas), 2)} og "
            f"{fmt.num(max(kappas), 2)}." if kappas else "")
    coded_twice = fmt.num(int(double["double_coded"].sum()))
    return Text(f"{coded_twice} svar er kodet av to personer uavhengig av hverandre. "
                "Krippendorffs alfa: "
                f"{fmt.join(parts)}.{tail}")


@cache
def _model(bundle: SurveyBundle) -> pd.DataFrame:
    from analysis.coding.suggest import cross_validated_kappa
    from analysis.freetext import is_placeholder

    c = wave_coding(bundle)
    answers = answers_of(bundle)
    real = answers[[not is_placeholder(t) for t in answers["text"]]]
    return cross_validated_kappa(c.codebook, c.decisions, real)


def model_answers(bundle: SurveyBundle) -> Text:
    """Answers (real texts, not placeholders) the suggestion model was checked on."""
    cv = _model(bundle)
    return fmt.num(int(cv["answers"].iloc[-1]) if not cv.empty else 0)


def model_kappa(bundle: SurveyBundle) -> Text:
    """The suggestion model's cross-validated kappa against the people, pooled ("–" if none)."""
    cv = _model(bundle)
    value = cv["kappa"].iloc[-1] if not cv.empty else math.nan
    return Text("–") if math.isnan(value) else Text(fmt.num(float(value), 2))
