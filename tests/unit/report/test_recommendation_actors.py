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


def test_who_names_only_those_the_text_names():
    # the slide's short "Hvem" repeats the text's actors: every word of four letters or more
    # in `who` occurs in the text, and `who` names an actor itself
    recs = load_findings_file(findings_path()).recommendations
    for r in recs:
        text = " ".join(r.text.split()).lower()
        assert ACTORS.search(r.who), r.id
        missing = [w for w in r.who.lower().replace(",", " ").split()
                   if len(w) >= 4 and w not in text]
        assert missing == [], (r.id, missing)
