"""One area against the city: comparisons, gaps and their direction, breaks, coverage, downloads."""

import dataclasses
import io
from datetime import date

import pandas as pd
import pytest

from sikkerby.domain import omraade
from sikkerby.render import download
from sikkerby.store import default_store


def area(area_id: str) -> omraade.Area:
    return next(a for a in omraade.areas(default_store()) if a.area_id == area_id)


def comparison(area_id: str, indicator: str) -> omraade.Comparison:
    found = omraade.comparisons(default_store(), area(area_id))
    return next(c for c in found if c.indicator.indicator == indicator)


def test_every_district_and_partnership_area_has_a_page():
    found = omraade.areas(default_store())
    kinds = [a.kind for a in found]
    assert kinds.count("bydel") == 13
    assert kinds == sorted(kinds, key=omraade.PAGE_KINDS.index)  # districts first
    slugs = {a.area_id for a in found}
    assert {"tingbjerg-husum", "folehaven", "amager-partnerskab", "urbanplanen"} <= slugs
    assert "koebenhavn" not in slugs and "aarhus" not in slugs
    assert area("folehaven").label == "Folehaven (tryghedspartnerskab)"


def test_a_district_is_compared_with_the_city_year_by_year():
    c = comparison("bispebjerg", "utrygge_nabolag_pct")
    # 2016: the city has 6,4 and 6; the least favourable (6,4) is the one shown.
    assert [(g.year, round(g.points, 1)) for g in c.gaps] == [
        (2016, 5.6),
        (2017, 9.0),
        (2018, 16.0),
        (2019, 8.0),
        (2020, 8.0),
    ]
    assert c.closing is None  # 8 and 8: no change in the gap
    assert (
        omraade.gap_text(c, "Bispebjerg") == "Bispebjerg ligger 8\xa0procentpoint over byen i 2020."
    )
    assert c.threshold.value == 10 and c.threshold.period == "2018-2021"
    assert 3 < c.margin < 5  # about 300 answers
    assert omraade.change_text(c).startswith(
        "±0\xa0procentpoint siden 2019 (inden for usikkerheden"
    )


def test_a_widening_gap_and_a_series_break_for_a_partnership():
    c = comparison("amager-partnerskab", "utrygge_nabolag_pct")
    assert [(g.year, round(g.points, 1)) for g in c.gaps] == [(2014, 8.9), (2020, 6.0), (2021, 8.0)]
    # The area was enlarged in 2021: 2020 and 2021 are not compared.
    assert c.closing is None
    assert omraade.gap_text(c, "Amager Partnerskab").endswith(
        "8\xa0procentpoint over byen i 2021; afstanden kan ikke sammenlignes med 2020 "
        "(brud: Udvidet område)."
    )
    assert omraade.change_text(c) == (
        "kan ikke sammenlignes med 2020: brud i opgørelsen (Udvidet område)"
    )
    assert list(c.breaks["label"]) == ["Udvidet område"]
    assert c.threshold is None  # thresholds are the districts'
    assert c.margin == 0  # a partnership's number of answers is not published


def test_counts_are_not_set_against_the_whole_city():
    c = comparison("amager-vest", "befolkning")
    assert not c.comparable_with_city and c.gaps == [] and c.closing is None
    assert omraade.gap_text(c, "Amager Vest").startswith("Et antal kan ikke sættes op mod")


def test_disagreeing_and_secondary_sources_are_named():
    c = comparison("vanloese", "trygge_nabolag_pct")
    assert (int(c.latest["year"]), c.latest["quality"]) == (2026, "secondary")
    assert omraade.source_note(c).startswith("Tallet er fra en sekundær kilde")
    until_2025 = dataclasses.replace(c, area=c.area[c.area["year"] <= 2025])
    assert int(until_2025.latest["value"]) == 91  # the primary source, by the store's rule
    assert omraade.source_note(until_2025).startswith("Kilderne er uenige (89\xa0% til 91\xa0%)")
    assert omraade.source_note(comparison("bispebjerg", "utrygge_nabolag_pct")) == ""


def test_the_gap_direction_is_judged_on_the_shown_decimals():
    base = comparison("bispebjerg", "utrygge_nabolag_pct")  # shown with one decimal
    area = base.area.copy()
    area.loc[area["year"] == 2020, "value"] = 17.01  # 8,01 against 8: the same when shown
    same = omraade.Comparison(base.indicator, area, base.city, None, base.breaks, 0.0, 0.0)
    assert same.closing is None


def test_closing_compares_the_last_two_common_years():
    base = comparison("amager-partnerskab", "utrygge_nabolag_pct")
    closer = pd.concat([base.area, base.area.iloc[[-1]].assign(year=2022, value=10.0)])
    city = pd.concat([base.city[base.city["year"] != 2022], base.city.iloc[[-1]].assign(year=2022)])
    moved = omraade.Comparison(base.indicator, closer, city, None, base.breaks, 0.0, 0.0)
    assert moved.gaps[-1].year == 2022 and moved.closing is True


def test_the_partnerships_goals_are_on_its_page():
    found = omraade.area_goals(default_store(), area("tingbjerg-husum"))
    assert [a.goal.goal_id for a in found] == [
        "2022-tingbjerg-tryghed",
        "2022-tingbjerg-kriminalitet",
    ]
    assert found[0].goal.target_kind == "approach" and found[0].compare_name == "København"
    assert omraade.area_goals(default_store(), area("valby")) == []


def test_coverage_names_every_missing_figure_and_what_would_fill_it():
    store = default_store()
    shown = omraade.comparisons(store, area("bispebjerg"))
    table = omraade.coverage(store, area("bispebjerg"), shown)
    assert {"Utrygge i nabolaget", "Trygge i nabolaget", "Borgervendt kriminalitet"} <= set(
        table.index
    )
    assert table.loc["Utrygge i nabolaget", "2017"] == "18\xa0%"
    assert table.loc["Utrygge i nabolaget", "2021"] == omraade.MISSING
    assert table.loc["Trygge i nabolaget", "Hvad mangler"].startswith("Tryghedsundersøgelsens")


def test_the_download_table_holds_what_the_charts_show_with_sources():
    store = default_store()
    shown = omraade.comparisons(store, area("folehaven"))
    table = omraade.figures_table(area("folehaven"), shown, "København")
    assert len(table) == sum(len(c.area) + len(c.city) for c in shown)
    own = table[table["Område"] == "Folehaven"]
    assert set(own["År"]) == {2019, 2020}
    row = own[(own["År"] == 2020) & (own["Mål"] == "Andel utrygge i eget nabolag")].iloc[0]
    assert (row["Værdi"], row["Enhed"], row["Kildetype"]) == (16.0, "%", "primær")
    assert row["Kilde"] == "KBH Liv (2020-06-09): Trygheden stiger i Folehaven (TU2020)"
    assert row["Link"].startswith("https://")
    assert table["Kilde"].str.len().gt(0).all()
    assert set(table["Kildetype"]) <= {"primær", "sekundær"}


@pytest.fixture
def table() -> pd.DataFrame:
    shown = omraade.comparisons(default_store(), area("bispebjerg"))
    return omraade.figures_table(area("bispebjerg"), shown, "København")


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


def test_related_areas_are_the_district_and_the_partnerships_in_it():
    found = omraade.areas(default_store())
    names = {a.area_id: [r.area_id for r in omraade.related(found, a)] for a in found}
    assert names["tingbjerg-husum"] == ["broenshoej-husum", "tingbjerg-husum-nord"]
    assert names["broenshoej-husum"] == ["tingbjerg-husum", "tingbjerg-husum-nord"]
    assert names["oesterbro"] == []
