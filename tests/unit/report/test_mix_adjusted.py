"""The comparison chapter's change table with the change standardised to the previous wave's
mix of main roles and the within-group (CMH) test: on hand-made export pairs whose
standardised change is computed by hand, and absent (with its sentence) on reconstructions."""

from __future__ import annotations

from types import SimpleNamespace

import pandas as pd
import pytest

from analysis.compute.verdict import Verdict
from analysis.report import mix_adjusted, notice, trends

NURSE, OTHER, ANNET = "Studiesykepleier", "Forsker", "Annet"


def _question(qid, labels):
    options = [SimpleNamespace(label=lb, other=lb == ANNET) for lb in labels]
    return SimpleNamespace(id=qid, options=options)


def _wave(year, groups, yes, role_labels):
    """A respondent-level export: ``groups`` and ``yes`` per respondent (q01 main role, q05
    «Ja»/«Nei»); every nurse also ticks «Annet», which the main-role rule passes over."""
    rows = []
    for rid, (g, y) in enumerate(zip(groups, yes, strict=True)):
        rows.append((rid, "q01", g))
        if g == role_labels[0]:
            rows.append((rid, "q01", ANNET))
        rows.append((rid, "q05", "Ja" if y else "Nei"))
    long = pd.DataFrame(rows, columns=["respondent", "question", "option"])
    questions = {"q01": _question("q01", [*role_labels, ANNET]),
                 "q05": _question("q05", ["Ja", "Nei"])}
    return SimpleNamespace(year=year, long=long, reconstructed=False,
                           questionnaire=SimpleNamespace(question=questions.__getitem__))


class _View:
    """What adjusted_changes reads of a view; the 2023 role «Sykepleier» is the 2025 nurse."""

    def __init__(self, bundle, qid):
        self.compared = True
        self.prev_question = bundle.previous.questionnaire.question(qid)
        self.option_map = {"Sykepleier": NURSE} if qid == "q01" else {}

    def verdict_word(self, key):
        return Verdict.CHANCE

    def _labels(self, key):
        return [key]


def _bundle(monkeypatch, a, b):
    """Wave 2023 from (nurses, nurses_yes, others, others_yes) ``a``; 2025 from ``b``."""
    def groups_yes(spec, nurse):
        n, ny, o, oy = spec
        return ([nurse] * n + [OTHER] * o,
                [True] * ny + [False] * (n - ny) + [True] * oy + [False] * (o - oy))

    before = _wave(2023, *groups_yes(a, "Sykepleier"), ["Sykepleier", OTHER])
    now = _wave(2025, *groups_yes(b, NURSE), [NURSE, OTHER])
    monkeypatch.setattr("analysis.report.views.view", _View)
    return SimpleNamespace(current=now, previous=before, waves={2023: before, 2025: now})


def test_the_standard_is_the_previous_waves_mix(monkeypatch):
    """2023: 50 nurses (35 yes) + 50 others (15 yes); 2025: 20 nurses (18 yes) + 80 others
    (24 yes). Crude 0,50 -> 0,42 = −8 points. Standardised to 2023's mix (½, ½):
    ½·(0,9 − 0,7) + ½·(0,3 − 0,3) = +0,10 -> "+10". Its interval: variance
    ¼·(0,7·0,3/50 + 0,9·0,1/20) + ¼·(0,3·0,7/50 + 0,3·0,7/80) = 0,00388125, half-width
    1,96·0,0623 = 0,1221 -> [−0,022; +0,222] -> "−2 til +22"."""
    bundle = _bundle(monkeypatch, (50, 35, 50, 15), (20, 18, 80, 24))
    adjusted = mix_adjusted.adjusted_changes(bundle, [("Nettsider", "q05", "Ja"),
                                                      ("Tilfredshet", "q11", None)])
    assert list(adjusted) == ["Nettsider"]  # a rating has no option to standardise
    change, p = adjusted["Nettsider"]
    assert change.crude == pytest.approx(-0.08)
    assert change.standardised == pytest.approx(0.10)
    assert (round(change.low, 4), round(change.high, 4)) == (-0.0221, 0.2221)
    assert change.groups == (OTHER, NURSE)  # the 2023 «Sykepleier» is the 2025 nurse
    assert 0 < p < 1
    cells = trends._adjusted_cells(adjusted["Nettsider"])
    assert cells["Standardisert (pp)"] == "+10"
    assert cells["KI standardisert (pp)"] == "\u22122 til +22"


def test_a_mix_shift_alone_standardises_to_zero_and_cmh_finds_nothing(monkeypatch):
    """2023: 40 nurses (28 yes) + 160 others (48 yes); 2025: 100 (70) + 100 (30): the same
    70 % and 30 % within each role, crude +12 points, standardised 0."""
    bundle = _bundle(monkeypatch, (40, 28, 160, 48), (100, 70, 100, 30))
    change, p = mix_adjusted.adjusted_changes(bundle, [("Nettsider", "q05", "Ja")])["Nettsider"]
    assert change.crude == pytest.approx(0.12)
    assert change.standardised == pytest.approx(0.0, abs=1e-12)
    assert p > 0.5
    assert trends._adjusted_cells((change, p))["Standardisert (pp)"] == "0"


def test_a_row_without_a_standardised_change_shows_a_dash():
    cells = trends._adjusted_cells(None)
    assert list(cells) == list(trends.ADJUSTED_COLUMNS)
    assert set(cells.values()) == {trends.NOT_ASKED}


def test_a_reconstruction_gets_no_columns_and_says_it_needs_the_export():
    from analysis import report

    bundle = report.load()
    assert bundle.any_reconstructed
    assert mix_adjusted.adjusted_changes(bundle, trends.MAIN_CHANGES) == {}
    table = trends.change_table(trends.main_changes(bundle), {})
    assert not set(trends.ADJUSTED_COLUMNS) & set(table.columns)
    assert "ekte eksporten" in notice.sentence(bundle, "mix-adjusted").markdown


def test_a_real_export_adds_the_columns_beside_each_crude_change(tmp_path):
    """The bundled files read as real exports (the manifest says so): every option row that is
    no break gets a standardised change; a rating row gets "–"."""
    import yaml

    from analysis.bundle import load_bundle
    from analysis.engine.project import copy_project
    from analysis.paths import project_root

    root = copy_project(project_root(), tmp_path / "project")
    manifest = root / "data" / "exports" / "MANIFEST.yaml"
    raw = yaml.safe_load(manifest.read_text(encoding="utf-8"))
    for wave in raw["waves"]:
        wave["reconstructed"] = False
        wave.pop("ranges", None)
    manifest.write_text(yaml.safe_dump(raw, allow_unicode=True, sort_keys=False),
                        encoding="utf-8")
    bundle = load_bundle(root)
    adjusted = mix_adjusted.adjusted_changes(bundle, trends.MAIN_CHANGES)
    table = trends.change_table(trends.main_changes(bundle), adjusted)
    cols = list(table.columns)
    assert cols[cols.index("Endring (pp)") + 2: cols.index("Vurdering")] == list(
        trends.ADJUSTED_COLUMNS)
    frame = table.frame.set_index("Tema")
    assert frame.loc["Tilfredshet med hjelpen", "Standardisert (pp)"] == trends.NOT_ASKED
    options = [t for t, _, k in trends.MAIN_CHANGES if k is not None and t in frame.index]
    assert sorted(adjusted) == sorted(options)
    from analysis.report.views import view

    for theme, qid, key in trends.MAIN_CHANGES:
        if theme not in options:
            continue
        change, p = adjusted[theme]
        # the crude change is the table's own: the same answers, the same denominators
        test = view(bundle, qid).test(key)
        assert change.crude == pytest.approx(test["share_b"] - test["share_a"]), theme
        assert change.low <= change.standardised <= change.high
        assert 0 <= p <= 1
        assert frame.loc[theme, "Standardisert (pp)"] not in ("", trends.UNKNOWN)
    assert "Cochran" in notice.sentence(bundle, "mix-adjusted").markdown
