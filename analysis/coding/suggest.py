"""Suggested codes for uncoded answers: the codebook's keyword rules and a small offline model.

The model is per question: character n-grams (2-5, within word boundaries, so Norwegian
inflections share features without a stemmer) weighted by TF-IDF, and one logistic regression
per code trained on the answers people have coded (fixed ``random_state``; scikit-learn only,
no network, no downloaded weights). Suggestions are never decisions: a person accepts them
(:func:`accept`), which writes them as that person's decisions.
"""

from __future__ import annotations

import datetime as dt
import math
import re

import numpy as np
import pandas as pd
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import cohen_kappa_score
from sklearn.model_selection import KFold

from analysis.coding.schema import NO_CONTENT, Codebook
from analysis.coding.tally import book_decisions

SEED = 20250901
#: Columns of ``suggestions.csv``.
SUGGESTION_COLUMNS = ("response_id", "qid", "code", "source", "version", "confidence")
#: Below this probability the model suggests only its single best code.
THRESHOLD = 0.5


def model_version(seed: int = SEED) -> str:
    """What produced a model suggestion, written beside it."""
    return f"tfidf-char_wb-2-5+logreg/scikit-learn-{sklearn.__version__}/seed-{seed}"


def _matches(keyword: str, text: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(keyword.lower()), text.lower()) is not None


def rule_suggestions(codebook: Codebook, answers: pd.DataFrame) -> pd.DataFrame:
    """One suggestion per (answer, code) whose keyword occurs at the start of a word.

    ``confidence`` is NaN: a rule has no probability; :func:`suggest` fills in its precision
    on the answers already coded.
    """
    rows = []
    for r in answers.itertuples():
        if r.qid not in codebook.questions:
            continue
        for code in codebook.question(r.qid).codes:
            hit = next((k for k in code.keywords if _matches(k, r.text)), None)
            if hit:
                rows.append({"response_id": r.response_id, "qid": r.qid, "code": code.id,
                             "source": "rule", "version": f"keyword:{hit}",
                             "confidence": math.nan})
    return pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)


def _labels(decisions: pd.DataFrame, answers: pd.DataFrame, qid: str):
    chosen = book_decisions(decisions)
    chosen = chosen[chosen["qid"] == qid]
    sets = chosen.groupby("response_id")["code"].agg(lambda s: set(s)).to_dict()
    coded = answers[(answers["qid"] == qid) & answers["response_id"].isin(sets)]
    return coded, [sets[r] for r in coded["response_id"]]


class _Model:
    """TF-IDF + one logistic regression per code seen with both outcomes."""

    def __init__(self, texts: list[str], labels: list[set[str]], seed: int) -> None:
        self.vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5),
                                          lowercase=True, sublinear_tf=True)
        x = self.vectorizer.fit_transform(texts)
        self.codes: list[str] = []
        self.models: list[LogisticRegression | None] = []
        for code in sorted({c for s in labels for c in s}):
            y = np.array([code in s for s in labels])
            if y.all():
                self.codes.append(code)
                self.models.append(None)  # every answer had it: predict it always
            elif y.any():
                self.codes.append(code)
                self.models.append(LogisticRegression(C=10.0, max_iter=2000,
                                                      random_state=seed).fit(x, y))

    def proba(self, texts: list[str]) -> np.ndarray:
        x = self.vectorizer.transform(texts)
        cols = [np.ones(x.shape[0]) if m is None else m.predict_proba(x)[:, 1]
                for m in self.models]
        return np.column_stack(cols) if cols else np.zeros((x.shape[0], 0))


def model_suggestions(codebook: Codebook, decisions: pd.DataFrame, answers: pd.DataFrame,
                      seed: int = SEED) -> pd.DataFrame:
    """Per uncoded answer, the codes the model gives a probability of at least
    :data:`THRESHOLD` (at least its best code), trained per question on the coded answers."""
    rows = []
    coded_keys = set(zip(decisions["response_id"], decisions["qid"], strict=True))
    for qid in codebook.questions:
        coded, labels = _labels(decisions, answers, qid)
        fresh = np.array([(r, qid) not in coded_keys for r in answers["response_id"]], bool)
        todo = answers[(answers["qid"] == qid).to_numpy() & fresh]
        if len(coded) < 2 or todo.empty:
            continue
        model = _Model(coded["text"].tolist(), labels, seed)
        if not model.codes:
            continue
        proba = model.proba(todo["text"].tolist())
        for i, r in enumerate(todo.itertuples()):
            best = int(np.argmax(proba[i]))
            for j, code in enumerate(model.codes):
                if j == best or proba[i, j] >= THRESHOLD:
                    rows.append({"response_id": r.response_id, "qid": qid, "code": code,
                                 "source": "model", "version": model_version(seed),
                                 "confidence": round(float(proba[i, j]), 3)})
    return pd.DataFrame(rows, columns=SUGGESTION_COLUMNS)


def suggest(codebook: Codebook, decisions: pd.DataFrame, answers: pd.DataFrame,
            seed: int = SEED) -> pd.DataFrame:
    """Rule and model suggestions for every answer no one has coded yet.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SUGGESTION_COLUMNS`, sorted by question, response and code; a rule's
        ``confidence`` is its precision on the answers already coded (NaN if it matched none).
    """
    coded_keys = set(zip(decisions["response_id"], decisions["qid"], strict=True))
    todo = answers[[(r, q) not in coded_keys
                    for r, q in zip(answers["response_id"], answers["qid"], strict=True)]]
    rules = rule_suggestions(codebook, todo)
    if not rules.empty:
        done = answers[[k in coded_keys for k in
                        zip(answers["response_id"], answers["qid"], strict=True)]]
        hits = rule_suggestions(codebook, done)
        chosen = book_decisions(decisions)
        truth = set(zip(chosen["response_id"], chosen["qid"], chosen["code"], strict=True))
        precision = {}
        for (version, code), group in hits.groupby(["version", "code"]):
            right = sum((r, q, code) in truth for r, q in zip(group["response_id"], group["qid"],
                                                               strict=True))
            precision[(version, code)] = round(right / len(group), 3)
        rules["confidence"] = [precision.get((v, c), math.nan)
                               for v, c in zip(rules["version"], rules["code"], strict=True)]
    out = pd.concat([x for x in (rules, model_suggestions(codebook, decisions, answers, seed))
                     if not x.empty] or [rules], ignore_index=True)
    return out.sort_values(["qid", "response_id", "code", "source"], kind="stable",
                           ignore_index=True)


def accept(suggestions: pd.DataFrame, coder: str, date: dt.date) -> pd.DataFrame:
    """Turn the suggestions a person accepted into that person's decisions (one per answer and
    code, no quote), with the columns of ``decisions.csv``."""
    rows = suggestions.drop_duplicates(["response_id", "qid", "code"])
    return pd.DataFrame({"response_id": rows["response_id"], "qid": rows["qid"],
                         "code": rows["code"], "coder": coder, "date": date.isoformat(),
                         "quote": "", "excerpt": ""}).reset_index(drop=True)


def cross_validated_kappa(codebook: Codebook, decisions: pd.DataFrame, answers: pd.DataFrame,
                          folds: int = 5, seed: int = SEED) -> pd.DataFrame:
    """How far the model agrees with the people, on answers it was not trained on.

    Per question, the coded answers are split into ``folds`` (shuffled with ``seed``); the
    model trained on the other folds names its best code for each held-out answer, and Cohen's
    kappa compares that with the people's first code (:data:`NO_CONTENT` included).

    Returns
    -------
    pandas.DataFrame
        One row per question with coded answers, then ``alle`` pooling them: ``qid``,
        ``answers``, ``agree`` (share of best codes that match), ``kappa`` (NaN if undefined).
    """
    rows, pooled_truth, pooled_guess = [], [], []
    for qid in codebook.questions:
        coded, labels = _labels(decisions, answers, qid)
        if len(coded) < 4:
            continue
        firsts = book_decisions(decisions)
        firsts = firsts[firsts["qid"] == qid].drop_duplicates("response_id")
        first = dict(zip(firsts["response_id"], firsts["code"], strict=True))
        truth = [first[r] for r in coded["response_id"]]
        guess = [""] * len(coded)
        texts = coded["text"].tolist()
        splitter = KFold(n_splits=min(folds, len(coded)), shuffle=True, random_state=seed)
        for train, test in splitter.split(texts):
            model = _Model([texts[i] for i in train], [labels[i] for i in train], seed)
            if not model.codes:
                continue
            proba = model.proba([texts[i] for i in test])
            for k, i in enumerate(test):
                guess[i] = model.codes[int(np.argmax(proba[k]))]
        rows.append({"qid": qid, "answers": len(coded), **_agreement(truth, guess)})
        pooled_truth += [f"{qid}:{t}" for t in truth]
        pooled_guess += [f"{qid}:{g}" for g in guess]
    if rows:
        rows.append({"qid": "alle", "answers": len(pooled_truth),
                     **_agreement(pooled_truth, pooled_guess)})
    return pd.DataFrame(rows, columns=["qid", "answers", "agree", "kappa"])


def _agreement(truth: list[str], guess: list[str]) -> dict:
    agree = sum(t == g for t, g in zip(truth, guess, strict=True)) / len(truth)
    kappa = math.nan if len(set(truth) | set(guess)) < 2 else float(
        cohen_kappa_score(truth, guess))
    return {"agree": round(agree, 3), "kappa": kappa}


__all__ = ["NO_CONTENT", "SEED", "SUGGESTION_COLUMNS", "accept", "cross_validated_kappa",
           "model_suggestions", "rule_suggestions", "suggest"]
