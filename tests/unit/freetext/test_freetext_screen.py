"""Screening removes personal data and leaves ordinary text alone."""

import pandas as pd
import pytest

from analysis.freetext import screen, screen_frame


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("ola@example.no", "email"),
        ("+47 912 34 567", "phone"),
        ("91234567", "phone"),
        ("91 23 45 67", "phone"),
        ("0047 91234567", "phone"),
        ("01019012345", "national_id"),
        ("010190 12345", "national_id"),
        ("https://skjema.no/svar?id=42&navn=ola", "url"),
    ],
)
def test_finding_is_replaced(text, kind):
    result = screen(f"Kontakt meg: {text}, takk")
    assert result.text == "Kontakt meg: [fjernet], takk"
    assert result.removed == (kind,)
    assert not result.clean


@pytest.mark.parametrize(
    "text",
    [
        "Det kom ikke helt tydelig frem hva de nye oppdateringene i GCP R3 gikk ut på",
        "Undersøkelsen 2025 fikk 186 svar, mot 2018, 2020 og 2023",
        "Se https://norcrin.no/kurs for GCP-kurs",
        "Organisasjonsnummer 123456789",
    ],
)
def test_ordinary_text_left_alone(text):
    result = screen(text)
    assert result.text == text
    assert result.removed == ()
    assert result.clean


def test_several_findings_in_order_without_values():
    result = screen("Ring 912 34 567 eller ola@example.no, fnr 01019012345")
    assert result.text == "Ring [fjernet] eller [fjernet], fnr [fjernet]"
    assert result.removed == ("phone", "email", "national_id")
    assert "ola" not in repr(result)


def test_email_inside_url_counts_once():
    result = screen("https://x.no/a?epost=ola@example.no.")
    assert result.text == "[fjernet]."
    assert result.removed == ("url",)


def test_screen_frame_keeps_rows_and_na():
    long = pd.DataFrame(
        {
            "respondent": pd.Series([1, 1, 2], dtype="int64"),
            "question": pd.Series(["q01", "q12", "q12"], dtype="str"),
            "option": pd.Series(["Lege", None, None], dtype="str"),
            "score": pd.array([None, None, None], dtype="Int64"),
            "text": pd.Series([None, "Raskt svar, ring 91234567", "Raskt svar"], dtype="str"),
        }
    )
    screened, removals = screen_frame(long)
    assert list(screened.columns) == list(long.columns)
    assert screened.dtypes.equals(long.dtypes)
    assert pd.isna(screened["text"].iloc[0])
    assert screened["text"].tolist()[1:] == ["Raskt svar, ring [fjernet]", "Raskt svar"]
    assert removals.to_dict("records") == [{"respondent": 1, "question": "q12", "kind": "phone"}]
    assert long["text"].iloc[1] == "Raskt svar, ring 91234567"  # input untouched


def test_screen_frame_needs_text_column():
    with pytest.raises(KeyError, match="text"):
        screen_frame(pd.DataFrame({"respondent": [1], "question": ["q12"]}))
