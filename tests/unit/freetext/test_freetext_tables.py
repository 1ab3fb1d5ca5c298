"""Category tables and examples follow the report's order, counts and quotes."""

from analysis.freetext import category_examples, category_table


def test_q12_table(free_text):
    table = category_table(free_text, "q12")
    assert list(table.columns) == ["kategori", "antall", "eksempler", "temaer"]
    assert table["kategori"].tolist() == [
        "Veiledning og rådgivning", "Tilgjengelighet og svartid",
        "Kompetanse og profesjonalitet", "Kurs og SOP`er",
    ]
    assert str(table["antall"].dtype) == "Int64"
    assert table["antall"].tolist() == [11, 9, 9, 5]
    assert table["eksempler"].iloc[1].startswith("«Tilgjengeligheten» (2); «Raskt svar» (2); «Velv")
    assert table["eksempler"].iloc[3].endswith(
        "«Veldig bra GCP-kurs»; «Tilgjengeligheten av GCP-kurs»"
    )


def test_q20_table_has_unknown_counts_and_themes_only(free_text):
    table = category_table(free_text, "q20")
    assert len(table) == 5
    assert table["kategori"].iloc[0] == "Regulatoriske utfordringer"
    assert table["antall"].isna().all()
    assert (table["eksempler"] == "").all()
    assert table["temaer"].iloc[3].startswith("Manglende tilgang til nødvendig infrastruktur")


def test_q22_table_has_polarity(free_text):
    table = category_table(free_text, "q22")
    assert table.columns[0] == "polaritet"
    assert table["polaritet"].tolist() == ["Ris"] * 5 + ["Ros"] * 3
    both = table.loc[table["kategori"] == "Synlighet og kommunikasjon", "polaritet"]
    assert both.tolist() == ["Ris", "Ros"]


def test_q13_examples(free_text):
    examples = category_examples(free_text, "q13")
    assert [name for name, _ in examples][:2] == [
        "Ressurser, kapasitet og ventetid", "Kommunikasjon og informasjon",
    ]
    assert [len(quotes) for _, quotes in examples] == [6, 5, 2, 4, 3, 3]
    assert examples[4][1][1] == (
        "«SOPene er ikke ‹nøytrale› nok, passer best til forsknings i somatikken»"  # style sheet 3
    )


def test_q09_examples_only_in_first_category(free_text):
    examples = dict(category_examples(free_text, "q09"))
    assert examples["Positive tilbakemeldinger"] == ["«Fungerer fint»", "«Bra layout»",
                                                     "«Under positiv utvikling»"]
    assert examples["Utfordringer"] == []
