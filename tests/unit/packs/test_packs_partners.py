"""``data/partners.yaml``, ``data/disclosure.yaml`` and ``data/signoff.yaml``: read, validated,
and the partner list as NorCRIN describes itself."""

from __future__ import annotations

import shutil

import pytest

from analysis.disclosure import DisclosureError, load_policy
from analysis.packs import PartnersError, SignoffError, load_partners, load_signoff
from analysis.paths import project_root
from analysis.questionnaire import load_questionnaire

#: NorCRIN "består av alle de seks universitetssykehusene i Norge" (St. Olavs hospital,
#: 2019, https://www.stolav.no/nyheter/2019/mer-penger-til-norcrin/), and the 2025 report's
#: introduction to question 3 ("landets seks universitetssykehus").
PUBLIC_LIST = ["Akershus universitetssykehus", "Oslo universitetssykehus",
               "Stavanger universitetssjukehus", "Haukeland universitetssjukehus",
               "St. Olavs hospital", "Universitetssykehuset Nord-Norge"]


def _copy(tmp_path):
    root = tmp_path / "p"
    shutil.copytree(project_root() / "data", root / "data")
    return root


def test_the_six_partners_each_once_in_their_region():
    partners = load_partners(questionnaire=load_questionnaire(2025))
    listed = [p for r in partners.regions for p in r.partners]
    assert len(listed) == 6
    for name in PUBLIC_LIST:
        assert sum(name in p for p in listed) == 1, name
    assert partners.region("vest").partners[0].startswith("Haukeland")
    assert partners.region("nasjonalt").partners == []


def test_every_region_option_of_question_2_has_a_pack():
    q02 = next(q for q in load_questionnaire(2025).questions if q.id == "q02")
    options = {o.label for o in q02.options}
    assert {r.option for r in load_partners().regions} == options


def test_a_region_that_is_no_option_of_question_2_is_named(tmp_path):
    root = _copy(tmp_path)
    path = root / "data" / "partners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"Vest-Norge"', '"Vestlandet"'),
                    encoding="utf-8")
    with pytest.raises(PartnersError, match=r"(?s)regions\[1\] slug='vest'.*'Vestlandet'"):
        load_partners(root, load_questionnaire(2025))


def test_a_route_to_an_unknown_work_package_is_named(tmp_path):
    root = _copy(tmp_path)
    path = root / "data" / "partners.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "work_package: kommunikasjon}", "work_package: nettsider}"), encoding="utf-8")
    with pytest.raises(PartnersError, match=r"(?s)partners.yaml.*unknown work package.*nettsider"):
        load_partners(root)


def test_the_policy_is_five_and_ten():
    policy = load_policy()
    assert (policy.threshold, policy.min_base, policy.secondary,
            policy.protect_differences) == (5, 10, True, True)


def test_a_bad_policy_names_file_and_field(tmp_path):
    root = _copy(tmp_path)
    path = root / "data" / "disclosure.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("threshold: 5", "threshold: 1"),
                    encoding="utf-8")
    with pytest.raises(DisclosureError, match=r"(?s)disclosure.yaml.*threshold.*greater than or "
                                              r"equal to 2.*\(got 1\)"):
        load_policy(root)


def test_the_bundled_signoff_approves_nothing():
    assert load_signoff(year=2025).approvals == []


def test_a_signoff_entry_without_a_date_is_named(tmp_path):
    root = _copy(tmp_path)
    (root / "data" / "signoff.yaml").write_text(
        "year: 2025\napprovals:\n  - {response_id: 3, question: q12, approved_by: X}\n",
        encoding="utf-8")
    with pytest.raises(SignoffError, match=r"(?s)approvals\[0\]\.approved_on: Field required"):
        load_signoff(root, 2025)


def test_a_signoff_of_another_wave_is_refused(tmp_path):
    root = _copy(tmp_path)
    (root / "data" / "signoff.yaml").write_text("year: 2023\napprovals: []\n", encoding="utf-8")
    with pytest.raises(SignoffError, match="year 2023, but the packs are for the 2025 wave"):
        load_signoff(root, 2025)
