"""The review record: one row per screened answer, with action and kinds, never a value."""

import csv
import io

import pandas as pd

from analysis.freetext import REVIEW_COLUMNS, review_rows, screen_frame


def test_review_rows_one_per_answer_without_values(long_answers):
    values = ["ola@example.no", "912 34 567", "Kari Nordmann", "010190-12345", "www.ola.no"]
    long = long_answers([
        (1, "q12", f"Skriv til {values[0]} eller ring {values[1]}"),
        (1, "q13", "Bra kurs"),
        (2, "q12", f"{values[2]} hjalp, fnr {values[3]}"),
        (2, "q22", f"Se {values[4]}"),
        (2, "q22_other", "Annet"),
    ])
    rows = review_rows(screen_frame(long)[1])
    assert REVIEW_COLUMNS == ("respondent", "question", "action", "kinds")
    assert [tuple(r) for r in rows] == [
        (1, "q12", "redact", "email;phone"),
        (2, "q12", "withhold", "name;national_id"),
        (2, "q22", "redact", "url"),
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(REVIEW_COLUMNS)
    writer.writerows(rows)
    assert out.getvalue().splitlines()[:2] == ["respondent,question,action,kinds",
                                               "1,q12,redact,email;phone"]
    for value in values:
        for part in value.split():
            assert part not in out.getvalue()


def test_review_rows_take_the_strongest_action_of_an_answer():
    removals = pd.DataFrame({"respondent": [5, 5], "question": ["q09", "q09"],
                             "kind": ["phone", "name"], "action": ["redact", "withhold"]})
    assert review_rows(removals) == [(5, "q09", "withhold", "name;phone")]
    assert review_rows(removals.iloc[:0]) == []
