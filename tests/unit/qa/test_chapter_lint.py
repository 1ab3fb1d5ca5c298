"""The chapter linter finds what it promises, on small hand-written chapters."""

from pathlib import Path

from analysis.qa.chapter_lint import lint_chapter

GOOD = '''# Kjennskap {#sec-kjennskap}

```{python}
#| label: kjennskap-setup
from analysis import report
bundle = report.load()
```

I {year} svarte `{python} report.view(bundle, "q03").n()` på spørsmål 3 (se @fig-kjennskap-q03).

```{python}
#| label: fig-kjennskap-q03
#| fig-cap: "Kjennskap"
#| fig-alt: "Liggende søyler"
report.view(bundle, "q03").figure()
```
'''


def _lint(tmp_path: Path, text: str):
    path = tmp_path / "chapters" / "x.qmd"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return lint_chapter(path, tmp_path)


def test_a_clean_chapter_has_no_findings(tmp_path):
    assert _lint(tmp_path, GOOD.replace("{year}", "2025")) == []


def test_a_typed_figure_in_prose_is_found_with_its_line(tmp_path):
    text = GOOD.replace("{year}", "2025") + "\nHele 42 % kjenner NorCRIN godt.\n"
    findings = _lint(tmp_path, text)
    assert [(f.rule, f.line) for f in findings] == [("typed-number", text.count("\n", 0,
                                                     text.index("Hele 42")) + 1)]


def test_years_question_numbers_and_references_are_allowed(tmp_path):
    text = GOOD.replace("{year}", "2023 og 2025") + "\nSe spørsmål 20–22 og kapittel 4.\n"
    assert _lint(tmp_path, text) == []


def test_logic_imports_and_file_reads_in_a_chapter_are_found(tmp_path):
    text = GOOD.replace("{year}", "2025").replace(
        "bundle = report.load()",
        "import pandas as pd\ndef f():\n    return 1\ndf = pd.read_csv('data/x.csv')",
    )
    rules = sorted(f.rule for f in _lint(tmp_path, text))
    assert rules == ["logic-in-chapter"] * 3  # the import, the def, the file read


def test_figure_without_alt_text_and_bad_labels_are_found(tmp_path):
    text = GOOD.replace("{year}", "2025").replace('#| fig-alt: "Liggende søyler"\n', "")
    text += '\n```{python}\n#| label: tbl-other-q01\nreport.view(bundle, "q01").table()\n```\n'
    found = {(f.rule, f.message.split(":")[0]) for f in _lint(tmp_path, text)}
    assert ("caption", "fig-kjennskap-q03") in found
    assert any(rule == "label" for rule, _ in found)
    assert ("caption", "tbl-other-q01") in found


def test_a_missing_setup_cell_is_found(tmp_path):
    text = GOOD.replace("{year}", "2025").replace("kjennskap-setup", "kjennskap-start")
    assert [f.rule for f in _lint(tmp_path, text)] == ["setup"]
