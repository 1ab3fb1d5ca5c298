"""Each recommendation in data/recommendations.yaml names who acts (issue 20): the secretariat,
a work package or the local nodes -- authored in the text, not added by code."""

import re

from analysis.report.findings_file import findings_path, load_findings_file

ACTORS = re.compile(r"\b(sekretariatet|arbeidspakke\w*|lokale\s+(NorCRIN-)?noder\w*)\b",
                    re.IGNORECASE)


def test_every_recommendation_names_who_acts():
    recs = load_findings_file(findings_path()).recommendations
    assert recs
    silent = [r.id for r in recs if not ACTORS.search(" ".join(r.text.split()))]
    assert silent == []
