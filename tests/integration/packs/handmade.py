"""A hand-made 2025 export with known regions, and the pack figures computed by hand from it.

Respondents fall into six disjoint groups by their answer to question 2 (several allowed):

=====  =========================  ==  ================================  =======================
group  question 2                  n  question 3 (godt/litt/hørt/aldri)  question 1 (one role)
=====  =========================  ==  ================================  =======================
A      Sør-Øst-Norge              16  5 / 5 / 6 / 0                     8 Forsker, 8 Studiesyk.
B      Sør-Øst-Norge + Nasjonalt   4  4 / 0 / 0 / 0                     4 Forskningsadm.
C      Nasjonalt ansvar            3  3 / 0 / 0 / 0                     3 Industri
D      Vest-Norge                 12  6 / 5 / 1 / 0                     7 Forsker, 5 Lokal fs.
E      Midt-Norge                  3  1 / 1 / 1 / 0                     3 Forsker
F      Nord-Norge                  8  3 / 3 / 2 / 0                     4 Forsker, 4 Studiesyk.
=====  =========================  ==  ================================  =======================

46 respondents. National question 3: godt 22, litt 14, hørt 10, aldri 0. Roles: Forsker 22,
Studiesykepleier 12, Lokal forskningsstøtte 5, Forskningsadm. 4, Industri 3.
"""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import yaml

from analysis.engine.project import copy_project
from analysis.ingest.forms_writer import write_forms_export
from analysis.paths import project_root
from analysis.questionnaire import load_questionnaire

GODT, LITT, HORT, ALDRI = ("Kjenner godt", "Kjenner litt",
                           "Har hørt om, men usikker på hva NorCRIN gjør",
                           "Har aldri hørt om NorCRIN")
FORSKER = "Forsker/utprøver (for eksempel PI)"
SYKEPLEIER = "Studiesykepleier/forskningssykepleier/studiekoordinator/forskningskoordinator"
LOKAL = "Lokal forskningsstøtte hos NorCRIN partner (universitetssykehus) eller andre sykehus"
ADM = "Forskningsadministrasjon/ledelse i sykehus"
INDUSTRI = "Industri (legemidler, biotek, medisin-teknisk utstyr)"

GROUPS = [  # (regions, q03 counts in option order, roles with counts)
    (["Sør-Øst-Norge"], [5, 5, 6, 0], [(FORSKER, 8), (SYKEPLEIER, 8)]),
    (["Sør-Øst-Norge", "Nasjonalt ansvar"], [4, 0, 0, 0], [(ADM, 4)]),
    (["Nasjonalt ansvar"], [3, 0, 0, 0], [(INDUSTRI, 3)]),
    (["Vest-Norge"], [6, 5, 1, 0], [(FORSKER, 7), (LOKAL, 5)]),
    (["Midt-Norge"], [1, 1, 1, 0], [(FORSKER, 3)]),
    (["Nord-Norge"], [3, 3, 2, 0], [(FORSKER, 4), (SYKEPLEIER, 4)]),
]

#: Free text: (group index, position in the group, question, text). Ids are assigned in order.
TEXTS = [
    (3, 0, "q12", "Raske svar fra forskningsstøtten i Bergen."),  # Vest, approved: shown
    (3, 1, "q12", "Ring meg på 912 34 567 om monitoreringen."),  # Vest, approved, redacted
    (3, 2, "q13", "Lang ventetid på avtaler."),  # Vest, not approved
    (1, 0, "q13", "Vanskelig å finne riktig kontakt."),  # Sør-Øst + Nasjonalt, approved
    (4, 0, "q12", "Kurset i Trondheim var svært godt."),  # Midt (3 respondents), approved
    (0, 0, "q09", "Nettsidene er oversiktlige."),  # work package kommunikasjon, approved
    (0, 1, "q09", "Mangler engelsk versjon."),  # kommunikasjon, not approved
    (5, 0, "q21", "Mer nordisk samarbeid om registerstudier."),  # internasjonalt, approved
]
APPROVED = {0, 1, 3, 4, 5, 7}  #: indexes into TEXTS released in the sign-off file


def respondents() -> list[dict]:
    """One row per respondent for :func:`analysis.ingest.forms_writer.write_forms_export`."""
    rows, ident = [], 0
    start = dt.datetime(2025, 8, 20, 9, 0)  # inside the 2025 field period
    group_ids: list[list[int]] = []
    for regions, q03, roles in GROUPS:
        ids = []
        answers = [o for o, n in zip((GODT, LITT, HORT, ALDRI), q03, strict=True)
                   for _ in range(n)]
        role_list = [r for r, n in roles for _ in range(n)]
        assert len(answers) == len(role_list)
        for answer, role in zip(answers, role_list, strict=True):
            ident += 1
            ids.append(ident)
            rows.append({"id": ident, "start": start + dt.timedelta(minutes=ident),
                         "completion": start + dt.timedelta(minutes=ident + 5),
                         "q01": [role], "q02": list(regions), "q03": answer})
        group_ids.append(ids)
    by_id = {row["id"]: row for row in rows}
    for group, position, qid, text in TEXTS:
        by_id[group_ids[group][position]][qid] = text
    return rows


def text_ids() -> list[int]:
    """Response id of each entry of :data:`TEXTS`."""
    firsts, total = [], 0
    for _regions, q03, _roles in GROUPS:
        firsts.append(total + 1)
        total += sum(q03)
    return [firsts[group] + position for group, position, _, _ in TEXTS]


# ---- expected, by hand (threshold 5, min_base 10; "skjult" = hidden) -----------------------
#: respondents per pack (region, rest of the country); None = hidden (Midt: 3 < 5)
RESPONDENTS = {"sor-ost": ("20", "26"), "vest": ("12", "34"), "midt": None,
               "nord": ("8", "38"), "nasjonalt": ("7", "39")}
H = "skjult"
#: question 3 per pack: option -> (region count, region share, rest count, rest share)
Q03 = {
    # Sør-Øst 20: godt 9 (rest 13/26 = 50 %); hørt 6 shown alone would leave rest 10-6 = 4:
    # hidden (differencing); one hidden row alone -> litt (5, next lowest) hidden too.
    "sor-ost": {"Kjenner godt": ("9", "45 %", "13", "50 %"), "Kjenner litt": (H,) * 4,
                "Hørt om, usikker": (H,) * 4, "Aldri hørt om": ("0", "0 %", "0", "0 %")},
    # Vest 12: hørt 1 hidden (primary); litt 5 hidden (secondary); godt 6/12 = 50 %,
    # rest 16/34 = 47 %.
    "vest": {"Kjenner godt": ("6", "50 %", "16", "47 %"), "Kjenner litt": (H,) * 4,
             "Hørt om, usikker": (H,) * 4, "Aldri hørt om": ("0", "0 %", "0", "0 %")},
    # Nord 8: 3, 3, 2 all primary; base 8 < 10, so no region share; rest base 38.
    "nord": {"Kjenner godt": (H,) * 4, "Kjenner litt": (H,) * 4,
             "Hørt om, usikker": (H,) * 4, "Aldri hørt om": ("0", "–", "0", "0 %")},
    # Nasjonalt 7 (< 10: no region share): godt 7 (rest 15/39 = 38 %), litt 0 (14/39 = 36 %),
    # hørt 0 (10/39 = 26 %).
    "nasjonalt": {"Kjenner godt": ("7", "–", "15", "38 %"),
                  "Kjenner litt": ("0", "–", "14", "36 %"),
                  "Hørt om, usikker": ("0", "–", "10", "26 %"),
                  "Aldri hørt om": ("0", "–", "0", "0 %")},
    "midt": {label: (H,) * 4 for label in ("Kjenner godt", "Kjenner litt",
                                           "Hørt om, usikker", "Aldri hørt om")},
}
#: Vest's roles: Forskningsadm. (0 in Vest, 4 nationally) and Industri (0 / 3) would give the
#: rest of the country 4 and 3: both hidden (the differencing attempt on the national table).
VEST_ROLES = {"Forsker/utprøver": ("7", "58 %", "15", "44 %"),
              "Lokal forskningsstøtte": ("5", "42 %", "0", "0 %"),
              "Studiesykepleier/-koordinator": ("0", "0 %", "12", "35 %"),
              "Forskningsadm./ledelse": (H,) * 4, "Industri": (H,) * 4}
#: per pack: (routed answers, quoted texts, withheld)
ANSWERS = {
    "vest": (3, [TEXTS[0][3]], 2),  # 1 redacted phone (personal data), 1 not approved
    "sor-ost": (1, [TEXTS[3][3]], 0),
    "nasjonalt": (1, [TEXTS[3][3]], 0),  # the same respondent ticked both regions
    "midt": (1, [], 1),  # approved, but Midt has 3 respondents: never quoted
    "nord": (0, [], 0),
}
PACKAGES = {"kommunikasjon": (2, [TEXTS[5][3]], 1), "internasjonalt": (1, [TEXTS[7][3]], 0)}


def make_project(target: Path) -> Path:
    """Copy the project to ``target`` and make the hand-made export its (real) 2025 wave,
    with the sign-off of :data:`APPROVED`."""
    root = copy_project(project_root(), target)
    # The bundled 2025 coding codes the reconstructed answers, not these: the hand-made wave
    # starts uncoded (routing by question), and a test adds a coding of its own.
    shutil.rmtree(root / "data" / "coding" / "2025")
    questionnaire = load_questionnaire(2025, root)
    write_forms_export(root / "data" / "exports" / "handmade-2025.xlsx", respondents(),
                       questionnaire)
    manifest_path = root / "data" / "exports" / "MANIFEST.yaml"
    manifest = yaml.safe_load(manifest_path.read_text(encoding="utf-8"))
    manifest["waves"] = [w for w in manifest["waves"] if w["year"] != 2025] + [{
        "year": 2025, "export": "handmade-2025.xlsx", "questionnaire": 2025,
        "reconstructed": False}]
    manifest_path.write_text(yaml.safe_dump(manifest, allow_unicode=True), encoding="utf-8")
    ids = text_ids()
    approvals = [{"response_id": ids[i], "question": TEXTS[i][2],
                  "approved_by": "Forskningsstøtteleder (test)", "approved_on": "2025-10-01"}
                 for i in sorted(APPROVED)]
    (root / "data" / "signoff.yaml").write_text(
        yaml.safe_dump({"year": 2025, "approvals": approvals}, allow_unicode=True),
        encoding="utf-8")
    return root


def render_packs(root: Path) -> Path:
    """``_book/partnere/`` of the project at ``root``, rendered by the built-in engine."""
    from analysis.commands.packs import build

    build(root, ("html", "pdf"), engine="builtin", use_cache=False, log=lambda line: None)
    return root / "_book" / "partnere"
