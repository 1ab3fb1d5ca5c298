"""Audit explanations as Markdown lists."""

import pandas as pd

from analysis.display import to_plain
from analysis.report.audit_lists import contradiction_list, explanation_list, short_table

NOT_REPRODUCED = pd.DataFrame({
    "Tall-id": ["r25-q19-y2025-stor-pct"], "År": ["2025"], "Spm.": ["19"],
    "Publisert": ["81 %"], "Data gir": ["57,0 % av dem som svarte"],
    "Forklaring": ["needs a count in [149.73, 151.59],\n i.e. 150 or 151"],
}).set_index("Tall-id")


def test_short_table_drops_the_explanation_and_keeps_the_figure_as_row_label():
    table = short_table(NOT_REPRODUCED)
    assert table.columns == ["Tall-id", "År", "Spm.", "Publisert", "Data gir"]
    assert table.rows() == [["r25-q19-y2025-stor-pct", "2025", "19", "81 %",
                             "57,0 % av dem som svarte"]]


def test_explanation_list_one_bullet_with_the_arithmetic_as_text():
    text = to_plain(explanation_list(NOT_REPRODUCED).markdown)
    assert text == (
        "- r25-q19-y2025-stor-pct (spørsmål 19, 2025): publisert 81 %, data gir "
        "57,0 % av dem som svarte.\n"
        "  needs a count in [149.73, 151.59], i.e. 150 or 151"
    )


def test_contradiction_list_keeps_markdown_characters_as_text():
    frame = pd.DataFrame({"Type": ["regning"], "Sitat": ["«81% mener»"],
                          "Forklaring": ["At most 57 % chose *stor* [sic]"]})
    assert to_plain(contradiction_list(frame).markdown) == (
        "- regning: «81% mener»\n  At most 57 % chose *stor* [sic]"
    )
