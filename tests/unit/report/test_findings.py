"""Key findings on a tiny hand-made bundle: values, intervals, verdicts, filled placeholders,
and located errors for what the data do not have; and the verdicts of the given file on the
bundled data, derived from the published figures and the rule.

The rule (analysis/report/findings.py): one option of a question is judged as its chapter
judges it (Fisher, Holm within the question); a sum of options or scores is one Fisher test of
its own (raw p). The words are the chapters' comparison table's. The p-values in the comments
are computed by hand from the hypergeometric distribution: for two waves of ten, with K
"yes" in all, P(k) = C(10, k) C(10, K - k) / C(20, K), and the two-sided p sums every P(k) no
larger than the observed one.
"""

from __future__ import annotations

import math
import re
from types import MappingProxyType, SimpleNamespace

import pandas as pd
import pytest
from scipy.stats import fisher_exact

from analysis import report
from analysis.bundle import SurveyBundle, Wave
from analysis.compute.change import ALPHA
from analysis.display import to_plain
from analysis.paths import project_root
from analysis.questionnaire.schema import Questionnaire
from analysis.report import findings, trends
from analysis.report.findings_file import findings_path, load_findings_file

NBSP = "\u00a0"


def _questionnaire(year):
    raw = {
        "year": year, "title": "t", "source": "hand-made",
        "questions": [
            {"id": "q01", "number": 1, "text": "Kjenner du oss?", "type": "single",
             "options": [{"label": "Ja"}, {"label": "Nei"}]},
            {"id": "q02", "number": 2, "text": "Hvor lett?", "type": "rating",
             "scale": {"low_label": "Svært vanskelig", "high_label": "Svært lett"}},
            {"id": "q03", "number": 3, "text": "Hvor godt?", "type": "single",
             "options": [{"label": "Godt"}, {"label": "Litt"}, {"label": "Nei"}]},
        ],
    }
    if year == 2023:
        raw["compare_to"] = {"target_year": 2025,
                             "questions": {"q01": "q01", "q02": "q02", "q03": "q03"}}
    return Questionnaire.model_validate(raw)


def _wave(year, yes, no, scores, how_well):
    rows = [(i, "q01", "Ja", pd.NA) for i in range(yes)]
    rows += [(yes + i, "q01", "Nei", pd.NA) for i in range(no)]
    rows += [(i, "q02", pd.NA, s) for i, s in enumerate(scores)]
    answers = [o for o, k in zip(("Godt", "Litt", "Nei"), how_well, strict=True) for _ in range(k)]
    rows += [(i, "q03", o, pd.NA) for i, o in enumerate(answers)]
    long = pd.DataFrame(rows, columns=["respondent", "question", "option", "score"])
    long["score"] = long["score"].astype("Int64")
    long["text"] = pd.NA
    export = SimpleNamespace(long=long, wide=None, respondents=yes + no)
    return Wave(year, _questionnaire(year), export, None, False, None)


def _bundle(yes_before=2, yes_now=8):
    # q01: yes_before of 10 say yes in 2023, yes_now of 10 in 2025.
    # q02: ratings 1, 2, 2 in 2023; 4, 5, 5 in 2025.
    # q03 (Godt, Litt, Nei): 0, 0, 10 in 2023; 3, 2, 5 in 2025.
    waves = {2023: _wave(2023, yes_before, 10 - yes_before, [1, 2, 2], (0, 0, 10)),
             2025: _wave(2025, yes_now, 10 - yes_now, [4, 5, 5], (3, 2, 5))}
    return SurveyBundle(waves=MappingProxyType(waves), ledger=pd.DataFrame(), root=None)


INDICATORS = """\
indicators:
  - {id: ja, label: Sier ja, question: q01, options: [Ja]}
  - {id: lett, label: Synes det er lett, question: q02, options: [4, 5]}
"""


def _file(tmp_path, text, title="Gjør noe.", finding="ja", indicators=INDICATORS):
    path = tmp_path / "recommendations.yaml"
    path.write_text(indicators + "recommendations:\n"
                    f"  - id: tiltak\n    title: {title}\n    text: '{text}'\n"
                    f"    finding: {finding}\n    section: sec-x\n", encoding="utf-8")
    return path


def _key(tmp_path, text="Hele {indicator:ja} sier ja.", bundle=None, **kw):
    return findings.key_findings(bundle or _bundle(), _file(tmp_path, text, **kw))


def test_indicators_are_shares_of_those_who_answered_in_both_waves(tmp_path):
    key = _key(tmp_path)
    ja, lett = key.value("ja"), key.value("lett")
    assert (ja.count_prev, ja.n_prev, ja.count, ja.n) == (2, 10, 8, 10)
    assert (lett.count_prev, lett.n_prev, lett.count, lett.n) == (0, 3, 3, 3)
    # Wilson 95 % for 8/10, by hand: centre (8 + 1.9208) / 13.8416 = 0.7167,
    # half-width 1.96 / 13.8416 * sqrt(1.6 + 0.9604) = 0.2266
    low, high = ja.interval()
    assert low == pytest.approx(0.4902, abs=1e-3) and high == pytest.approx(0.9433, abs=1e-3)


# q01 has two options, Ja and Nei; in a single-choice question of two options both rows test
# the same 2x2 table, so both have the same p and Holm doubles it (capped at 1).
@pytest.mark.parametrize(("before", "now", "verdict"), [
    # K = 10: P(0) + P(1) + P(2) = (1 + 100 + 2025) / 184756, twice: p = 0.0230, Holm 0.046
    (2, 8, "trolig reell økning"),
    (8, 2, "trolig reell nedgang"),  # the same table mirrored
    (0, 10, "trolig reell økning"),  # p = 2 / C(20, 10) = 1.1e-5: no stronger word for it
    (4, 6, "kan skyldes tilfeldigheter"),  # p = 1 - P(5) = 1 - 63504 / 184756 = 0.656
    (5, 5, "ingen endring"),  # no change at all
    # K = 5: P(0) = P(5) = 252 / 15504, p = 0.0325 < 0.05, but Holm 0.065: may be chance
    (0, 5, "kan skyldes tilfeldigheter"),
])
def test_one_option_is_judged_by_the_holm_adjusted_test(tmp_path, before, now, verdict):
    key = _key(tmp_path, bundle=_bundle(before, now))
    assert key.value("ja").verdict == verdict


def test_raw_p_below_the_level_is_not_enough_for_one_option(tmp_path):
    ja = _key(tmp_path, bundle=_bundle(0, 5)).value("ja")
    assert ja.adjusted
    assert ja.test["p_value"] == pytest.approx(504 / 15504)
    assert ja.test["p_holm"] == pytest.approx(2 * 504 / 15504)
    assert findings.table(_key(tmp_path, bundle=_bundle(0, 5))).rows()[0][1:] == [
        f"0{NBSP}%", f"50{NBSP}%", "+50", "kan skyldes tilfeldigheter"]


GROUPS = """\
indicators:
  - {id: ja, label: Sier ja, question: q01, options: [Ja]}
  - {id: godt-litt, label: Godt eller litt, question: q03, options: [Godt, Litt]}
  - {id: nei, label: Nei, question: q03, options: [Nei]}
  - {id: lett, label: Synes det er lett, question: q02, options: [4, 5]}
"""


def test_a_sum_of_options_is_one_test_of_its_own(tmp_path):
    key = _key(tmp_path, indicators=GROUPS)
    both, nei, lett = key.value("godt-litt"), key.value("nei"), key.value("lett")
    # Godt or Litt: 0 of 10 -> 5 of 10, the K = 5 table: p = 504 / 15504 = 0.0325, not adjusted
    assert not both.adjusted
    assert both.test["p_value"] == pytest.approx(504 / 15504)
    assert both.verdict == "trolig reell økning"
    # Nei alone: 10 -> 5 of 10, the same table and p, but in q03's family of three: Godt
    # 0 -> 3 (K = 3: P(0) = P(3) = 120 / 1140, p = 0.2105) and Litt 0 -> 2 (K = 2: P(0) = P(2)
    # = 45 / 190, p = 0.4737). Nei has the smallest p, so Holm = 3 * 0.0325 = 0.0975.
    assert nei.adjusted
    assert nei.test["p_holm"] == pytest.approx(3 * 504 / 15504)
    assert nei.verdict == "kan skyldes tilfeldigheter"
    # a rating's scores 4 or 5: 0 of 3 -> 3 of 3, P(0) = P(3) = 1 / C(6, 3): p = 0.1
    assert not lett.adjusted
    assert lett.test["p_value"] == pytest.approx(0.1)
    assert lett.verdict == "kan skyldes tilfeldigheter"


def test_one_option_reads_as_in_the_chapters_comparison_table(tmp_path):
    bundle = _bundle(0, 5)
    key = _key(tmp_path, bundle=bundle, indicators=GROUPS)
    for ind in ("ja", "nei"):
        v = key.value(ind)
        qview = report.view(bundle, v.indicator.question)
        chapter = trends.change_table([("x", qview, v.indicator.options[0])])
        assert chapter.frame["Vurdering"].tolist() == [v.verdict], ind


def test_a_new_question_and_an_unknown_previous_figure_have_their_own_words(tmp_path):
    new = findings.IndicatorValue(None, 10, 5, None, None, asked_before=False)
    unknown = findings.IndicatorValue(None, 10, 5, 10, None, asked_before=True)
    now_unknown = findings.IndicatorValue(None, 10, None, 10, 5, asked_before=True)
    assert (new.verdict, unknown.verdict) == ("nytt spørsmål", "forrige tall ukjent")
    assert now_unknown.verdict == "kan ikke testes"


def test_placeholders_are_filled_with_computed_values(tmp_path):
    text = ("Hele {indicator:ja} sier ja, mot {indicator:ja:previous} i {previous_year} "
            "({indicator:ja:change}, {indicator:ja:verdict}); {share:q02:4|5} av "
            "{n:q02} gir fire eller fem i {year}, snitt {mean:q02}, {count:q01:Ja} sier ja.")
    plain = to_plain(findings.recommendations(_key(tmp_path, text)).markdown)
    assert plain.strip().replace(NBSP, " ").split(None, 1)[1] == (
        "Gjør noe. Hele 80 % sier ja, mot 20 % i 2023 (+60 prosentpoeng, trolig reell "
        "økning); 100 % av 3 gir fire eller fem i 2025, snitt 4,67, 8 sier ja. (@sec-x)")


def test_recommendation_text_reaches_the_page_as_data_text(tmp_path):
    markdown = findings.recommendations(_key(tmp_path, "*Fet* <b>{indicator:ja}</b>")).markdown
    assert "<b>" not in markdown and "*Fet*" not in markdown
    assert markdown.startswith("1. **[]{.data-text") and markdown.rstrip().endswith("(@sec-x)")


def test_an_unknown_placeholder_names_file_and_entry(tmp_path):
    with pytest.raises(ValueError) as caught:
        _key(tmp_path, "Hele {kjennskap} sier ja, {indicator:ja}.")
    message = str(caught.value)
    assert str(tmp_path / "recommendations.yaml") in message
    assert "recommendations[0] id='tiltak'.text" in message
    assert "unknown placeholder '{kjennskap}'" in message


def test_a_placeholder_naming_no_indicator_names_file_and_entry(tmp_path):
    with pytest.raises(ValueError, match=r"recommendations\[0\] id='tiltak': placeholder "
                                         r"'\{indicator:nei\}' names no indicator"):
        _key(tmp_path, "Hele {indicator:nei} og {indicator:ja}.")


def test_an_option_the_data_do_not_have_names_file_entry_and_placeholder(tmp_path):
    with pytest.raises(findings.FindingsError) as caught:
        findings.recommendations(_key(tmp_path, "{indicator:ja}, {share:q01:Kanskje}."))
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'recommendations.yaml'}: recommendations[0] "
                              "id='tiltak': placeholder '{share:q01:Kanskje}'")
    assert "no option 'Kanskje'" in message


def test_an_indicator_on_a_missing_option_names_its_entry(tmp_path):
    bad = INDICATORS.replace("options: [Ja]", "options: [Kanskje]")
    with pytest.raises(findings.FindingsError, match=r"indicators\[0\] id='ja': .*Kanskje"):
        _key(tmp_path, indicators=bad)


@pytest.mark.parametrize(("text", "title", "finding", "expected"), [
    ("Hele 42 % sier ja, {indicator:ja}.", "Gjør noe.", "ja", "a number typed into"),
    ("{indicator:ja} i 2025.", "Gjør noe.", "ja", "a number typed into"),
    ("{indicator:ja}.", "Gjør tre ting innen 2027.", "ja", "a number typed into"),
    ("Ingen tall her.", "Gjør noe.", "ja", "cites no computed value"),
    ("{indicator:lett} bare.", "Gjør noe.", "ja", "does not cite its finding 'ja'"),
    ("{indicator:ja}.", "Gjør noe.", "nei", "'nei' is neither an indicator"),
    ("{share:Q1:Ja} og {indicator:ja}.", "Gjør noe.", "ja", "is not a question id"),
    ("{indicator:ja:forrige}.", "Gjør noe.", "ja", "is not one of previous, change"),
    ("{indicator:ja} {.", "Gjør noe.", "ja", "a brace outside a placeholder"),
])
def test_the_schema_rejects_what_would_not_stay_computed(tmp_path, text, title, finding,
                                                        expected):
    with pytest.raises(ValueError, match=re.escape(expected)):
        load_findings_file(_file(tmp_path, text, title=title, finding=finding))


def test_a_finding_may_be_a_table_or_figure_label(tmp_path):
    spec = load_findings_file(_file(tmp_path, "{share:q01:Ja}.", finding="tbl-x-q01"))
    assert spec.recommendations[0].finding == "tbl-x-q01"


def test_the_table_words_each_indicator(tmp_path):
    table = findings.table(_key(tmp_path))
    assert table.columns == ["Indikator", "2023", "2025", "Endring (pp)", "Vurdering"]
    assert [r[0] for r in table.rows()] == ["Sier ja", "Synes det er lett"]
    # Ja 2 -> 8 of 10: p = 0.0230, Holm 0.046; scores 4 or 5: 0 of 3 -> 3 of 3, p = 0.1
    assert table.rows()[0][1:] == [f"20{NBSP}%", f"80{NBSP}%", "+60", "trolig reell økning"]
    assert table.rows()[1][1:] == [f"0{NBSP}%", f"100{NBSP}%", "+100",
                                   "kan skyldes tilfeldigheter"]


def test_number_words_below_thirteen():
    assert [findings.number_word(n) for n in (3, 7, 12, 13)] == ["tre", "sju", "tolv", "13"]


# --- the given file -------------------------------------------------------------------------

def _book_labels(root):
    text = "\n".join(p.read_text(encoding="utf-8") for p in
                     [root / "index.qmd", *sorted((root / "chapters").glob("*.qmd"))])
    return set(re.findall(r"\{#(sec-[\w-]+)", text)), set(
        re.findall(r"#\| label: ((?:fig|tbl)-[\w-]+)", text))


def test_the_given_file_fits_the_schema_and_points_at_real_sections():
    root = project_root()
    spec = load_findings_file(findings_path(root))
    sections, labels = _book_labels(root)
    cited = [r.section for r in spec.recommendations] + [
        i.section for i in spec.indicators if i.section]
    assert not [s for s in cited if s not in sections]
    assert not [r.finding for r in spec.recommendations
                if r.finding.startswith(("fig-", "tbl-")) and r.finding not in labels]
    assert 5 <= len(spec.indicators) <= 8 and 3 <= len(spec.recommendations) <= 7


def test_a_question_the_data_do_not_have_names_file_entry_and_placeholder(tmp_path):
    with pytest.raises(findings.FindingsError, match=r"recommendations\[0\] id='tiltak': "
                                                     r"placeholder '\{n:q99\}'"):
        findings.recommendations(_key(tmp_path, "{indicator:ja} av {n:q99}."))


# --- the given file on the bundled data: verdicts from the published figures and the rule ---

N_2023, N_2025 = 155, 186  # respondents (data/published/report-2025.yaml, section 1)


def _fisher(k_a, n_a, k_b, n_b) -> float:
    return fisher_exact([[k_a, n_a - k_a], [k_b, n_b - k_b]])[1]


def _counts_printing(percent, n):
    """Every count of n that prints as ``percent`` (whole percent, half up)."""
    return [k for k in range(n + 1) if math.floor(100 * k / n + 0.5) == percent]


@pytest.fixture(scope="module")
def given():
    return findings.key_findings(report.load())


def test_a_single_option_below_the_level_only_before_holm_may_be_chance(given):
    # q10, published counts (section 4.4): Ingen kontakt 47 -> 37, Forskningsveiledning og
    # koordinering 20 -> 33. Raw p of Ingen kontakt is below the level; the other option's p is
    # larger, so in Holm's step-down Ingen kontakt is multiplied by at least two.
    p_none, p_guidance = _fisher(47, N_2023, 37, N_2025), _fisher(20, N_2023, 33, N_2025)
    assert p_none < ALPHA <= 2 * p_none and p_none < p_guidance
    assert given.value("ingen-kontakt").verdict == "kan skyldes tilfeldigheter"
    assert given.value("ingen-kontakt").adjusted


def test_the_given_indicators_follow_the_published_figures(given):
    # q14 GCP-kurs 87 -> 133 (section 4.4): Holm never exceeds the number of options times p.
    q14_options = len(report.view(given.bundle, "q14").question.options)
    assert q14_options * _fisher(87, N_2023, 133, N_2025) < ALPHA
    assert given.value("gcp-kurs").verdict == "trolig reell økning"
    # q15 Har aldri hørt om ECRIN 39 % -> 34 % (section 4.5): not below the level even raw,
    # whichever counts print so; Holm only raises p.
    assert min(_fisher(a, N_2023, b, N_2025) for a in _counts_printing(39, N_2023)
               for b in _counts_printing(34, N_2025)) >= ALPHA
    assert given.value("ecrin-aldri-hort").verdict == "kan skyldes tilfeldigheter"
    # q03 godt eller litt 75 % -> 87 % (section 4.2): a sum, one test of its own, below the
    # level for every pair of counts that prints so.
    assert max(_fisher(a, N_2023, b, N_2025) for a in _counts_printing(75, N_2023)
               for b in _counts_printing(87, N_2025)) < ALPHA
    assert given.value("kjenner-norcrin").verdict == "trolig reell økning"
    assert not given.value("kjenner-norcrin").adjusted
    # q08 was not asked in 2023
    assert given.value("metodebok-vanskelig").verdict == "nytt spørsmål"


def test_single_option_indicators_read_as_in_the_comparison_table(given):
    singles = [v for v in given.values if v.adjusted]
    assert len(singles) >= 3
    for v in singles:
        qview = report.view(given.bundle, v.indicator.question)
        chapter = trends.change_table([("x", qview, v.indicator.options[0])])
        assert chapter.frame["Vurdering"].tolist() == [v.verdict], v.indicator.id
