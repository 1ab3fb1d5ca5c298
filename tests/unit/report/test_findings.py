"""Key findings on a tiny hand-made bundle: values, intervals, verdicts, filled placeholders,
and located errors for what the data do not have."""

from __future__ import annotations

import re
from types import MappingProxyType, SimpleNamespace

import pandas as pd
import pytest

from analysis.bundle import SurveyBundle, Wave
from analysis.display import to_plain
from analysis.paths import project_root
from analysis.questionnaire.schema import Questionnaire
from analysis.report import findings
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
        ],
    }
    if year == 2023:
        raw["compare_to"] = {"target_year": 2025, "questions": {"q01": "q01", "q02": "q02"}}
    return Questionnaire.model_validate(raw)


def _wave(year, yes, no, scores):
    rows = [(i, "q01", "Ja", pd.NA) for i in range(yes)]
    rows += [(yes + i, "q01", "Nei", pd.NA) for i in range(no)]
    rows += [(i, "q02", pd.NA, s) for i, s in enumerate(scores)]
    long = pd.DataFrame(rows, columns=["respondent", "question", "option", "score"])
    long["score"] = long["score"].astype("Int64")
    long["text"] = pd.NA
    export = SimpleNamespace(long=long, wide=None, respondents=yes + no)
    return Wave(year, _questionnaire(year), export, None, False, None)


def _bundle(yes_before=2, yes_now=8):
    # q01: yes_before of 10 say yes in 2023, yes_now of 10 in 2025.
    # q02: ratings 1, 2, 2 in 2023; 4, 5, 5 in 2025.
    waves = {2023: _wave(2023, yes_before, 10 - yes_before, [1, 2, 2]),
             2025: _wave(2025, yes_now, 10 - yes_now, [4, 5, 5])}
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


@pytest.mark.parametrize(("before", "now", "verdict"), [
    (2, 8, "trolig en reell økning"),  # Fisher p = 0.023 (hand: 2 * 0.0115)
    (8, 2, "trolig en reell nedgang"),  # the same table mirrored
    (0, 10, "tydelig økning"),  # p = 2 / C(20, 10) = 1.1e-5
    (4, 6, "ingen tydelig endring"),  # p = 1 - P(5) = 1 - 63504 / 184756 = 0.656
    (5, 5, "omtrent uendret"),  # no change at all
])
def test_the_verdict_follows_the_direction_and_the_test(tmp_path, before, now, verdict):
    key = _key(tmp_path, bundle=_bundle(before, now))
    assert key.value("ja").verdict == verdict


def test_verdict_words_at_the_thresholds():
    assert findings.verdict_words(0.2, 0.009) == "tydelig økning"
    assert findings.verdict_words(0.2, 0.011) == "trolig en reell økning"
    assert findings.verdict_words(-0.2, 0.049) == "trolig en reell nedgang"
    assert findings.verdict_words(0.2, 0.05) == "ingen tydelig endring"
    assert findings.verdict_words(0.004, 0.001) == "omtrent uendret"


def test_placeholders_are_filled_with_computed_values(tmp_path):
    text = ("Hele {indicator:ja} sier ja, mot {indicator:ja:previous} i {previous_year} "
            "({indicator:ja:change}, {indicator:ja:verdict}); {share:q02:4|5} av "
            "{n:q02} gir fire eller fem i {year}, snitt {mean:q02}, {count:q01:Ja} sier ja.")
    plain = to_plain(findings.recommendations(_key(tmp_path, text)).markdown)
    assert plain.strip().replace(NBSP, " ").split(None, 1)[1] == (
        "Gjør noe. Hele 80 % sier ja, mot 20 % i 2023 (+60 prosentpoeng, trolig en reell "
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
    assert table.rows()[0][1:] == [f"20{NBSP}%", f"80{NBSP}%", "+60", "trolig en reell økning"]


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
