"""Tables and files: the rows behind a view, a coverage grid, and the downloads of an area page
(CSV for Danish Excel and Excel, named after the area and the date)."""

import io
from datetime import date

import pandas as pd
import pytest

from sikkerby import queries
from sikkerby.domain.status import StatusDate
from sikkerby.ingest.publish import default_store
from sikkerby.render import download, tables


@pytest.fixture(scope="module")
def store():
    return default_store()


def test_the_download_table_holds_what_the_charts_show_with_sources(store):
    shown = queries.area_profile(store, "folehaven", StatusDate(2026)).measures
    figures = [f for s in shown for f in (*s.figures, *s.city)]
    table = tables.figures_table(figures, queries.registry_of(store))
    assert len(table) == sum(len(s.figures) + len(s.city) for s in shown)
    own = table[table["Område"] == "Folehaven"]
    assert set(own["År"]) == {2019, 2020}
    row = own[(own["År"] == 2020) & (own["Mål"] == "Andel utrygge i eget nabolag")].iloc[0]
    assert (row["Værdi"], row["Enhed"], row["Kildetype"]) == (16.0, "%", "primær")
    assert row["Kilde"] == "KBH Liv (2020-06-09): Trygheden stiger i Folehaven (TU2020)"
    assert row["Link"].startswith("https://")
    assert table["Kilde"].str.len().gt(0).all()
    assert set(table["Kildetype"]) <= {"primær", "sekundær"}


def test_the_coverage_table_marks_gaps_secondary_figures_and_unstated_years(store):
    table = tables.coverage_table(
        queries.area_profile(store, "bispebjerg", StatusDate(2026)).coverage
    )
    assert table.index.name == "Mål"
    assert table.loc["Utrygge i nabolaget", "2017"] == "18\xa0%"
    assert table.loc["Utrygge i nabolaget", "2021"] == "mangler"
    assert table.loc["Trygge i nabolaget", "2026"] == "80\xa0% (sekundær)"
    assert table.loc["Trygge i nabolaget", "Hvad mangler"].startswith("Tryghedsundersøgelsens")


def test_every_row_of_the_coverage_table_names_the_sources_of_its_values(store):
    coverage = queries.area_profile(store, "bispebjerg", StatusDate(2026)).coverage
    table = tables.coverage_table(coverage)
    for row in coverage.rows:
        titles = {f.source_title for f in (*row.figures, *row.undated)}
        cell = table.loc[row.label, tables.SOURCES]
        assert set(cell.split("; ")) == (titles or {"mangler"}), (row.label, cell)
    assert (table[tables.SOURCES] != "mangler").sum() >= 2


def test_the_rows_table_names_indicator_area_and_source(store):
    reg = queries.registry_of(store)
    rows = queries.rows(store, ["sigtede_15_17_pct"], ["koebenhavn", "fire-byer"])
    table = tables.rows_table(rows, reg)
    assert list(table["Område"]) == ["København", "Aarhus, Odense, Aalborg og Esbjerg (gennemsnit)"]
    assert list(table["År"]) == ["2016", "år ikke oplyst"]
    assert list(table["Værdi"]) == ["3,5", "2,25"]


@pytest.fixture
def table(store) -> pd.DataFrame:
    shown = queries.area_profile(store, "bispebjerg", StatusDate(2026)).measures
    figures = [f for s in shown for f in (*s.figures, *s.city)]
    return tables.figures_table(figures, queries.registry_of(store))


def test_csv_is_for_danish_excel_and_reads_back_the_same(table: pd.DataFrame):
    raw = download.csv_bytes(table)
    assert raw.startswith("\ufeff".encode())
    assert b";Bispebjerg;" not in raw and b"\nBispebjerg;" in raw  # semicolons
    assert b";28,0;" in raw  # decimal comma
    back = pd.read_csv(
        io.BytesIO(raw),
        sep=";",
        decimal=",",
        encoding="utf-8-sig",
        dtype={"Link": str, "Note": str},
        keep_default_na=False,
    )
    assert list(back.columns) == list(table.columns)
    assert back["Værdi"].tolist() == table["Værdi"].tolist()
    assert back["Kilde"].tolist() == table["Kilde"].tolist()


def test_excel_holds_the_same_rows(table: pd.DataFrame):
    back = pd.read_excel(io.BytesIO(download.excel_bytes(table)), keep_default_na=False)
    assert back["Værdi"].tolist() == table["Værdi"].tolist()
    assert back["Mål"].tolist() == table["Mål"].tolist()


def test_file_names_carry_the_area_and_the_date():
    made = date(2026, 11, 25)
    assert (
        download.file_name("Brønshøj-Husum", made, "csv")
        == "sikker-by-broenshoej-husum-2026-11-25.csv"
    )
    assert (
        download.file_name("Valby (partnerskab)", made, "xlsx")
        == "sikker-by-valby-partnerskab-2026-11-25.xlsx"
    )


def test_the_area_file_holds_the_margin_and_the_threshold_shown_beside_the_figure(table):
    own = table[table["Område"] == "Bispebjerg"]
    row = own[(own["År"] == 2026) & (own["Mål"] == "Andel trygge i eget nabolag")].iloc[0]
    assert row["Usikkerhed (± point)"] == pytest.approx(4.5, abs=0.05)
    assert row["Tærskel"] == "Færre end 85 % trygge i nabolaget (2022-2025)"
    city = table[table["Område"] == "København"]
    assert (city["Tærskel"] == "").all()  # the thresholds are for districts


HOSTILE = [
    '=HYPERLINK("http://198.51.100.7/x","klik")',
    "+1+2",
    "-2+3",
    "@SUM(A1)",
    "\t=1",
    "\r=1",
    "\n=1",
]


@pytest.fixture
def hostile() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "Kilde": HOSTILE,
            "Værdi": [-5.0] * len(HOSTILE),
            "Note": ["Almindelig tekst"] * len(HOSTILE),
        }
    )


def test_csv_cells_that_would_start_a_formula_begin_with_an_apostrophe(hostile):
    back = pd.read_csv(
        io.BytesIO(download.csv_bytes(hostile)), sep=";", decimal=",", encoding="utf-8-sig"
    )
    assert back["Kilde"].tolist() == ["'" + v for v in HOSTILE]
    assert back["Værdi"].tolist() == [-5.0] * len(HOSTILE)  # numbers stay numbers
    assert back["Note"].tolist() == ["Almindelig tekst"] * len(HOSTILE)


def test_excel_stores_every_text_cell_as_text_never_as_a_formula(hostile):
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(download.excel_bytes(hostile))).active
    kinds = {cell.data_type for cell in sheet["A"][1:]}
    assert kinds == {"s"}

    # The text is the source's own (written without lxml, XML turns a bare \r into a line break;
    # with lxml, which python-docx brings, it is kept).
    def lines(v: str) -> str:
        return v.replace("\r", "\n")

    assert [lines(cell.value) for cell in sheet["A"][1:]] == [lines(v) for v in HOSTILE]
    assert [cell.value for cell in sheet["B"][1:]] == [-5] * len(HOSTILE)
    assert {cell.data_type for cell in sheet["B"][1:]} == {"n"}
