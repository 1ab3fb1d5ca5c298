"""Nettskjema pieces: recognising the header, grouping checkbox columns, option codes."""

import pydantic
import pytest

from analysis.ingest.cells import CellError, CellParser
from analysis.ingest.nettskjema import checkbox_groups, is_nettskjema, metadata_roles
from analysis.questionnaire.schema import Question

TJENESTER = Question(id="q03", number=3, text="Hvilke tjenester?", headers=["tjenester"],
                     type="multiple", options=[{"label": "Monitorering", "code": 1},
                                               {"label": "Annet", "code": "-1", "other": True}])
ROLLE = Question(id="q01", number=1, text="Rolle?", type="single",
                 options=[{"label": "Forsker", "code": 1}, {"label": "Annet", "other": True,
                                                             "code": 9}])


def test_recognised_by_a_dollar_metadata_column():
    assert is_nettskjema([" $Submission_ID ", "rolle"])
    assert not is_nettskjema(["ID", "$pris"])
    assert metadata_roles(["$submission_id", "x", "$created", "$answer_time_ms", "$ip"]) == {
        0: "id", 2: "completion", 3: "duration", 4: "metadata"}


def test_checkbox_columns_grouped_by_variable_and_code_or_label():
    groups, rest = checkbox_groups({4: "tjenester.1", 5: "tjenester.-1", 6: "tjenester.7",
                                    7: "Hvilke tjenester?.Monitorering", 8: "annet.1"},
                                   [TJENESTER])
    assert groups == {"q03": {0: 4, 1: 5}}
    # a second column for an option already taken, an unknown code, an unknown variable
    assert rest == [6, 7, 8]


def test_option_codes_are_text_and_unique():
    assert [o.code for o in TJENESTER.options] == ["1", "-1"]
    with pytest.raises(pydantic.ValidationError, match="duplicate option codes"):
        Question(id="q01", number=1, text="?", type="single",
                 options=[{"label": "A", "code": 1}, {"label": "B", "code": "1"}])


def test_codes_only_in_nettskjema_mode():
    assert CellParser(ROLLE, codes=True).parse("1") == ((0, None, None),)
    assert CellParser(ROLLE, codes=True).parse(" forsker ") == ((0, None, None),)
    assert CellParser(ROLLE, codes=True).parse("9") == ((1, None, None),)
    # A Forms export has no codes: "1" is typed "other" text there.
    assert CellParser(ROLLE).parse("1") == ((1, None, "1"),)
    with pytest.raises(CellError, match="unknown option code"):
        CellParser(ROLLE, codes=True).parse("5")
