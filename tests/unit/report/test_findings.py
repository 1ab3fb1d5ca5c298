"""Key findings on a tiny hand-made bundle: values, intervals, verdicts, filled placeholders,
and located errors for what the data do not have; and the verdicts of the given file on the
bundled data, derived from the published figures and the rule.

The rule (analysis/report/findings.py): a key figure takes its question's verdict
(analysis/compute/verdict.py). q01 of the hand-made bundle has two options: a binary item, one
test, its 95 % Newcombe interval (no Holm). The intervals in the comments are Newcombe's method
10 (the hand computation is in tests/unit/compute/test_compute_verdict.py); the Fisher
p-values are computed by hand from the hypergeometric distribution: for two waves of ten, with
K "yes" in all, P(k) = C(10, k) C(10, K - k) / C(20, K).
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
                    "    who: Sekretariatet\n"
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


# q01 has two options, Ja and Nei: one hypothesis, one test (no Holm over the complements).
# The share of "Ja" is itself the only marginal that moved, so its break-even difference is
# |change| / |change| = 1 > 0.5: the composition rule does not apply.
@pytest.mark.parametrize(("before", "now", "verdict"), [
    (2, 8, "økning utover tilfeldig variasjon"),   # Newcombe [0.1618, 0.8027]
    (8, 2, "nedgang utover tilfeldig variasjon"),  # the same table mirrored
    (0, 10, "økning utover tilfeldig variasjon"),  # [0.6075, 1.0]
    (4, 6, "kan skyldes tilfeldigheter"),          # [−0.2063, 0.5278] covers 0
    (5, 5, "ingen endring"),                        # no change at all
    # K = 5: p = 504 / 15504 = 0.0325; Holm over Ja and Nei would double it to 0.065 and call
    # it chance. One binary item is one test: [0.1174, 0.7634] excludes 0.
    (0, 5, "økning utover tilfeldig variasjon"),
])
def test_a_binary_item_is_one_test_judged_by_its_interval(tmp_path, before, now, verdict):
    key = _key(tmp_path, bundle=_bundle(before, now))
    assert key.value("ja").verdict == verdict


def test_a_binary_item_is_not_halved_by_holm(tmp_path):
    ja = _key(tmp_path, bundle=_bundle(0, 5)).value("ja")
    assert ja.adjusted
    assert ja.test["p_value"] == pytest.approx(504 / 15504)
    assert ja.test["p_holm"] == pytest.approx(504 / 15504)
    assert findings.table(_key(tmp_path, bundle=_bundle(0, 5))).rows()[0][1:] == [
        f"0{NBSP}%", f"50{NBSP}%", "+50", "+12 til +76", "økning utover tilfeldig variasjon"]


GROUPS = """\
indicators:
  - {id: ja, label: Sier ja, question: q01, options: [Ja]}
  - {id: godt-litt, label: Godt eller litt, question: q03, options: [Godt, Litt]}
  - {id: nei, label: Nei, question: q03, options: [Nei]}
  - {id: lett, label: Synes det er lett, question: q02, options: [4, 5]}
"""


def test_a_sum_of_options_and_a_rating_take_their_questions_rule(tmp_path):
    key = _key(tmp_path, indicators=GROUPS)
    both, nei, lett = key.value("godt-litt"), key.value("nei"), key.value("lett")
    # Godt or Litt: 0 of 10 -> 5 of 10, a comparison of its own: [0.1174, 0.7634] excludes 0
    assert not both.adjusted
    assert both.verdict == "økning utover tilfeldig variasjon"
    # Nei alone: 10 -> 5 of 10, the same table, but q03 is a nominal item of three options:
    # Holm within q03 (Godt 0 -> 3: p = 0.2105; Litt 0 -> 2: p = 0.4737) gives 3 · 0.0325 =
    # 0.0975, so it may be chance.
    assert nei.adjusted
    assert nei.test["p_holm"] == pytest.approx(3 * 504 / 15504)
    assert nei.verdict == "kan skyldes tilfeldigheter"
    # a rating takes the rating's verdict: 1, 2, 2 against 4, 5, 5 is three answers a wave,
    # the rank test cannot reach the level (exact p = 0.1)
    assert not lett.adjusted
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
        "Gjør noe. Hele 80 % sier ja, mot 20 % i 2023 (+60 prosentpoeng, økning utover "
        "tilfeldig variasjon); 100 % av 3 gir fire eller fem i 2025, snitt 4,67, 8 sier ja. "
        "(@sec-x)")


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
    assert table.columns == ["Indikator", "2023", "2025", "Endring (pp)", f"95{NBSP}% KI (pp)",
                             "Vurdering"]
    assert [r[0] for r in table.rows()] == ["Sier ja", "Synes det er lett"]
    # Ja 2 -> 8 of 10: Newcombe [0.1618, 0.8027]; scores 4 or 5: 0 of 3 -> 3 of 3,
    # Newcombe [0.2059, 1.0], but the rating's verdict is the question's (rank test p = 0.1)
    assert table.rows()[0][1:] == [f"20{NBSP}%", f"80{NBSP}%", "+60", "+16 til +80",
                                   "økning utover tilfeldig variasjon"]
    assert table.rows()[1][1:] == [f"0{NBSP}%", f"100{NBSP}%", "+100", "+21 til +100",
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


def test_ingen_kontakt_is_a_break_not_a_test(given):
    # q10 «Ingen kontakt» 47 -> 37 (section 4.4): the new option «Jobber selv i
    # forskningsstøtte» may draw its answers, so it is a break in the series: both shares, no
    # change, no test.
    v = given.value("ingen-kontakt")
    assert v.verdict == "brudd i serien" and v.change is None
    row = findings.table(given).frame.set_index("Indikator").loc[v.indicator.label]
    assert row["Endring (pp)"] == "–" and row[f"95{NBSP}% KI (pp)"] == "–"
    assert (row["2023"], row["2025"]) == (f"30{NBSP}%", f"20{NBSP}%")
    frame = findings.indicator_frame(given).set_index("label").loc[v.indicator.label]
    assert math.isnan(frame["change"]) and frame["note"] == "brudd i serien"


def test_the_given_indicators_follow_the_published_figures(given):
    # q14 GCP-kurs 87 -> 133 (section 4.4): Holm never exceeds the number of options times p,
    # and the Newcombe interval lies above 0.
    q14_options = len(report.view(given.bundle, "q14").question.options)
    assert q14_options * _fisher(87, N_2023, 133, N_2025) < ALPHA
    assert given.value("gcp-kurs").verdict == "økning utover tilfeldig variasjon"
    # q03 godt eller litt 75 % -> 87 % (section 4.2) takes Q3's verdict: an ordered item.
    q03 = report.view(given.bundle, "q03")
    assert given.value("kjenner-norcrin").verdict == q03.verdict_word("Kjenner godt").value
    # q11 fornøyd (4 or 5) takes Q11's verdict, the same as the chapter's.
    q11 = report.view(given.bundle, "q11")
    assert given.value("fornoyd-hjelp").verdict == q11.verdict_word().value
    # q08 was not asked in 2023
    assert given.value("metodebok-vanskelig").verdict == "nytt spørsmål"


def test_single_option_indicators_read_as_in_the_comparison_table(given):
    singles = [v for v in given.values if v.adjusted and not v.is_break]
    assert len(singles) >= 2
    for v in singles:
        qview = report.view(given.bundle, v.indicator.question)
        chapter = trends.change_table([("x", qview, v.indicator.options[0])])
        assert chapter.frame["Vurdering"].tolist() == [v.verdict], v.indicator.id
