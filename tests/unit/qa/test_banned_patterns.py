"""The ``banned-pattern`` rule: each style-sheet phrasing is found in prose (hit) and left
alone where it is not the banned use (non-hit), on hand-written snippets."""

from __future__ import annotations

from pathlib import Path

import pytest

from analysis.qa import chapter_lint
from analysis.qa.banned_patterns import BANNED_PATTERNS
from analysis.qa.chapter_lint import RULES_PENDING_PROSE_REWRITE, lint_book, lint_chapter

HEAD = '''# Kjennskap {#sec-kjennskap}

```{python}
#| label: kjennskap-setup
from analysis import report
bundle = report.load()
```

'''

# pattern name -> (a hit, a non-hit)
CASES = {
    "om-sammenlikningen-bare-si": (
        "Om sammenlikningen med Mann–Whitney-testen kan vi derfor\nbare si dette: noe.",
        "Sammenlikningen med forrige runde viser ingen tydelig endring."),
    "konklusjonen-denne": (
        "Sammenlikner vi hele fordelingene, blir\nkonklusjonen denne: ingen endring.",
        "Konklusjonen er at tilfredsheten er uendret."),
    "har-fatt-prosentpoeng": (
        'Nasjonale maler har fått `{python} q04.change("Maler")`, mens kurs har økt.',
        'Nasjonale maler har økt med `{python} q04.change("Maler")`, og flere har fått hjelp.'),
    "statistisk-signifikant": (
        "Av radene viser `{python} n` en statistisk\nsignifikant endring.",
        "Endringen er større enn tilfeldigheter gir (@tbl-kjennskap-q03)."),
    "trolig-reell": (
        "Endringen er trolig\nreell (@tbl-kjennskap-q03).",
        "Endringen kan skyldes hvem som svarte (@tbl-kjennskap-q03)."),
    "intervals-overlap": (
        "Jo mindre intervallene\noverlapper, desto sikrere er endringen.",
        "Ligger endringens intervall over null, er den større enn tilfeldig."),
    "mens-n-ikke-kan-testes": (
        "To viser en endring, mens\n`{python} fmt.num(k)` ikke kan testes fordi tall mangler.",
        "For ECRIN-spørsmålet mangler tallene, så endringen kan ikke testes."),
    "tema-prefiks": (
        "- **Tema: Kapasitet.** For få folk.",
        "- **Kapasitet.** Temaet går igjen: for få folk."),
    "sammenligne": (
        "Tallene kan ikke sammenlignes direkte.",
        "Tallene kan ikke sammenliknes direkte."),
    "boka": (
        "Boka regner alle tall fra svarene.",
        "Boken regner alle tall fra svarene, også for bokaktige tabeller."),
    "sop-uten-bindestrek": (
        "Flere finner SOPene selv.",
        'Flere finner SOP-ene selv, også `{python} q04.share("Nasjonale SOPer og maler")`.'),
    "metodebok-navn": (
        "Prosedyrene ligger i Metodebok.",
        "Prosedyrene ligger på metodebok.no, i metodeboken."),
    "typed-reconstruction": (
        "Dataene er rekonstruert fra den publiserte rapporten.",
        'Dataene er hentet fra eksporten. `{python} notice.sentence(bundle, "no-crossing")`'),
    "seksjon": (
        "Se Seksjon 6.4 for tallene.",
        "Se avsnitt 6.4 (@sec-nettsider-q08) for tallene."),
    "file-path": (
        "Registeret ligger i `data/published/`.",
        "Registeret over publiserte tall ligger i prosjektet, med forskningsdata/-analyser."),
    "rette-anforselstegn": (
        'Mange skrev "ved behov".',
        'Mange skrev «ved behov», og én skrev «han sa \'aldri\'» {.small key="v"}.'),
}


def _lint(tmp_path: Path, prose: str, name: str = "x.qmd"):
    path = tmp_path / "chapters" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HEAD + prose + "\n", encoding="utf-8")
    return [f for f in lint_chapter(path, tmp_path) if f.rule == "banned-pattern"]


def test_every_pattern_has_a_case_and_a_message_saying_what_to_write():
    assert sorted(CASES) == sorted(p.name for p in BANNED_PATTERNS)
    assert all(len(p.message) > 20 for p in BANNED_PATTERNS)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_banned_phrasing_is_found_at_the_line_it_starts_on(tmp_path, name):
    hit, _ = CASES[name]
    findings = _lint(tmp_path, "Første linje.\n\n" + hit)
    assert [f.message.split(":")[0] for f in findings] == [name]
    assert findings[0].line == HEAD.count("\n") + 3


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_allowed_phrasing_is_not_found(tmp_path, name):
    assert _lint(tmp_path, CASES[name][1]) == []


def test_code_cells_and_fenced_code_are_not_prose(tmp_path):
    prose = ("```{python}\n#| label: kjennskap-boka\nx = 'boka er statistisk signifikant'\n```\n\n"
             "```\nboka \"sitat\"\n```\n")
    assert _lint(tmp_path, prose) == []


def test_statistisk_signifikant_is_allowed_in_the_method_text(tmp_path):
    prose = CASES["statistisk-signifikant"][0]
    assert _lint(tmp_path, prose, name="02-bakgrunn-metode.qmd") == []
    assert len(_lint(tmp_path, prose, name="04-2-kjennskap.qmd")) == 1


def _book(tmp_path: Path, prose: str) -> Path:
    (tmp_path / "_quarto.yml").write_text("book:\n  chapters: [chapters/x.qmd]\n",
                                          encoding="utf-8")
    _lint(tmp_path, prose)
    return tmp_path


def test_pending_rules_stay_out_of_the_book_check_but_are_printed(tmp_path, monkeypatch,
                                                                  capsys):
    root = _book(tmp_path, CASES["boka"][0])
    monkeypatch.setattr(chapter_lint, "RULES_PENDING_PROSE_REWRITE",
                        frozenset({"banned-pattern"}))
    assert lint_book(root) == []
    assert [f.rule for f in lint_book(root, include_pending=True)] == ["banned-pattern"]
    monkeypatch.setattr("analysis.paths.project_root", lambda: root)
    assert chapter_lint.main() == 0
    assert "banned-pattern: boka" in capsys.readouterr().out


def test_banned_patterns_fail_the_book(tmp_path, monkeypatch):
    # the prose rewrite is done: the rule is no longer pending, so a hit fails the book check
    assert "banned-pattern" not in RULES_PENDING_PROSE_REWRITE
    root = _book(tmp_path, CASES["boka"][0])
    assert [f.rule for f in lint_book(root)] == ["banned-pattern"]
    monkeypatch.setattr("analysis.paths.project_root", lambda: root)
    assert chapter_lint.main() == 1
