"""The chapter linter finds what it promises, on small hand-written chapters."""

from pathlib import Path

from analysis.qa.chapter_lint import lint_chapter

GOOD = '''# Kjennskap {#sec-kjennskap}

```{python}
#| label: kjennskap-setup
from analysis import report
bundle = report.load()
```

{year} svarte `{python} report.view(bundle, "q03").n()` på spørsmål 3 (se @fig-kjennskap-q03).

```{python}
#| label: fig-kjennskap-q03
#| fig-cap: "Kjennskap"
report.view(bundle, "q03").figure()
```
'''


def _lint(tmp_path: Path, text: str):
    path = tmp_path / "chapters" / "x.qmd"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return lint_chapter(path, tmp_path)


def test_a_clean_chapter_has_no_findings(tmp_path):
    assert _lint(tmp_path, GOOD.replace("{year}", "I år")) == []


def test_a_typed_figure_in_prose_is_found_with_its_line(tmp_path):
    text = GOOD.replace("{year}", "I år") + "\nHele 42 % kjenner NorCRIN godt.\n"
    findings = _lint(tmp_path, text)
    assert [(f.rule, f.line) for f in findings] == [("typed-number", text.count("\n", 0,
                                                     text.index("Hele 42")) + 1)]


def test_question_numbers_and_references_are_allowed(tmp_path):
    text = GOOD.replace("{year}", "I år") + "\nSe spørsmål 20–22 og kapittel 4.\n"
    assert _lint(tmp_path, text) == []


def test_logic_imports_and_file_reads_in_a_chapter_are_found(tmp_path):
    text = GOOD.replace("{year}", "I år").replace(
        "bundle = report.load()",
        "import pandas as pd\ndef f():\n    return 1\ndf = pd.read_csv('data/x.csv')",
    )
    rules = sorted(f.rule for f in _lint(tmp_path, text))
    assert rules == ["logic-in-chapter"] * 3  # the import, the def, the file read


def test_a_typed_alt_text_is_found(tmp_path):
    text = GOOD.replace("{year}", "I år").replace(
        '#| fig-cap: "Kjennskap"\n', '#| fig-cap: "Kjennskap"\n#| fig-alt: "Liggende søyler"\n')
    assert [(f.rule, f.message.split(":")[0]) for f in _lint(tmp_path, text)] == [
        ("typed-alt", "fig-kjennskap-q03")]


def test_figure_without_caption_and_bad_labels_are_found(tmp_path):
    text = GOOD.replace("{year}", "I år").replace('#| fig-cap: "Kjennskap"\n', "")
    text += '\n```{python}\n#| label: tbl-other-q01\nreport.view(bundle, "q01").table()\n```\n'
    found = {(f.rule, f.message.split(":")[0]) for f in _lint(tmp_path, text)}
    assert ("caption", "fig-kjennskap-q03") in found
    assert any(rule == "label" for rule, _ in found)
    assert ("caption", "tbl-other-q01") in found


def test_a_missing_setup_cell_is_found(tmp_path):
    text = GOOD.replace("{year}", "I år").replace("kjennskap-setup", "kjennskap-start")
    assert [f.rule for f in _lint(tmp_path, text)] == ["setup"]


def _year_findings(tmp_path: Path, text: str) -> list[tuple[str, int]]:
    return [(f.rule, f.line) for f in _lint(tmp_path, text)]


def _line_of(text: str, needle: str) -> int:
    return text.count("\n", 0, text.index(needle)) + 1


def test_a_year_about_the_current_wave_in_prose_is_found(tmp_path):
    text = GOOD.replace("{year}", "I 2025")
    assert _year_findings(tmp_path, text) == [("year-literal", _line_of(text, "I 2025"))]


def test_a_year_in_an_inline_expression_is_found_even_in_a_history_div(tmp_path):
    text = GOOD.replace("{year}", "I år") + (
        "\n::: {.history}\n\n"
        "Forrige gang: `{python} report.view(bundle, \"q03\").n(2023)`.\n\n:::\n"
    )
    assert _year_findings(tmp_path, text) == [("year-literal", _line_of(text, "Forrige gang"))]


def test_a_year_in_code_and_in_a_caption_is_found(tmp_path):
    text = GOOD.replace("{year}", "I år").replace(
        "bundle = report.load()", "bundle = report.load()\nold = bundle.waves[2023]  # not 2020"
    ).replace('#| fig-cap: "Kjennskap"', '#| fig-cap: "Kjennskap i 2025"')
    findings = [f for f in _lint(tmp_path, text) if f.rule == "year-literal"]
    assert len(findings) == 2  # the code (not its comment) and the caption
    assert {f.line for f in findings} == {_line_of(text, "old = "), _line_of(text, "#| fig-cap")}


def test_years_inside_a_history_div_are_allowed_and_only_there(tmp_path):
    text = GOOD.replace("{year}", "I år") + (
        "\n::: {.history}\n\nTidligere runder ble gjennomført i 2018, 2020 og 2023.\n\n"
        "::: {.note}\nI 2019 kom rapporten.\n:::\n\n"  # nested div: still history
        "Kurset våren 2025 var i Bergen.\n\n:::\n\nI 2025 svarte flere.\n"
    )
    assert _year_findings(tmp_path, text) == [("year-literal", _line_of(text, "I 2025 svarte"))]


def test_another_div_is_not_a_history_marker(tmp_path):
    text = GOOD.replace("{year}", "I år") + "\n::: {.note}\n\nI 2018 svarte 149.\n\n:::\n"
    assert [f.rule for f in _lint(tmp_path, text)] == ["typed-number", "year-literal"]


def test_an_unclosed_history_div_is_found(tmp_path):
    text = GOOD.replace("{year}", "I år") + "\n::: {.history}\n\nI 2018 svarte mange.\n"
    assert _year_findings(tmp_path, text) == [("year-literal", 1)]


def test_numbers_that_are_not_years_are_no_year_literal(tmp_path):
    text = GOOD.replace("{year}", "I år") + (
        "\nSe @sec-kjennskap-q03 og `{python} bundle.ledger_id(\"r25-q07-y2023-mean\")`"
        " og spørsmål 20.\n"
    )
    assert [f for f in _lint(tmp_path, text) if f.rule == "year-literal"] == []


def test_every_chapter_of_the_book_is_clean():
    """The rules hold on the real chapters (``python -m analysis.qa``)."""
    from analysis.paths import project_root
    from analysis.qa import lint_book

    assert [str(f) for f in lint_book(project_root())] == []


QUESTION_CHAPTER = '''# Kjennskap {#sec-kjennskap}

```{python}
#| label: kjennskap-setup
#| output: asis
from analysis import report
bundle = report.load()
report.asked_marker(bundle)
```

Se @fig-kjennskap-q03 og @sec-kjennskap-q03.

::: {.question qid="q03"}

## Kjennskap {#sec-kjennskap-q03}

Se @fig-kjennskap-q03.

```{python}
#| label: fig-kjennskap-q03
#| fig-cap: "Kjennskap"
report.view(bundle, "q03").figure()
```

:::

::: {.question}
:::
'''


def _question_findings(text: str):
    from analysis.engine.qmd import parse_qmd
    from analysis.qa.chapter_lint import question_sections

    doc = parse_qmd(text, "chapters/x.qmd")
    return [(f.line, f.message.split(";")[0]) for f in question_sections([("x.qmd", doc)])]


def test_a_reference_into_a_question_section_from_outside_it_is_found():
    findings = _question_findings(QUESTION_CHAPTER)
    expected = [_line_of(QUESTION_CHAPTER, "::: {.question}"),  # the div without qid
                _line_of(QUESTION_CHAPTER, "Se @fig-kjennskap-q03 og")]  # the ref from outside
    assert [line for line, _ in findings] == expected
    assert "without qid" in findings[0][1]
    assert "@fig-kjennskap-q03 is inside the section about q03" in findings[1][1]


def test_question_divs_without_the_marker_are_found():
    text = QUESTION_CHAPTER.replace("report.asked_marker(bundle)\n", "")
    assert any("asked_marker" in message for _, message in _question_findings(text))


def test_a_div_close_without_an_open_div_is_found(tmp_path):
    # what a merge left in the method chapter: a history div's paragraph deleted, its ':::' kept
    text = GOOD.replace("{year}", "I år") + "\n::: {.history}\n\nFør.\n\n:::\n\nEtter.\n\n:::\n"
    lines = text.splitlines()
    stray = lines.index(":::", lines.index("Etter.")) + 1  # 1-based line of the second ':::'
    assert [(f.rule, f.line) for f in _lint(tmp_path, text)] == [("fenced-div", stray)]
