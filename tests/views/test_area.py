"""The area page's view: its measures against the city with their sources, its goals, the areas
near it, the locator map, and files that hold exactly the rows shown."""

from datetime import date

import pytest

from sikkerby.ingest.publish import default_store
from sikkerby.render import links
from sikkerby.views import area as area_view

TODAY = date(2026, 12, 1)
NBSP = "\u00a0"


@pytest.fixture(scope="module")
def store():
    return default_store()


def test_a_district_shows_every_measure_against_the_city_with_sources(store):
    view = area_view.build(store, "bispebjerg", TODAY)
    assert view.heading == "Bispebjerg"
    assert view.figures[0].label == "Utrygge i nabolaget · 2020"
    card = view.measures[0]
    assert card.gap == f"Bispebjerg ligger 8{NBSP}procentpoint over byen i 2020."
    assert ("Tærskel (2018-2021)", "Mere end 10 % utrygge i nabolaget.") in card.notes
    assert all(
        c.chart.spec is not None and c.chart.source.startswith("Kilde:") for c in view.measures
    )
    assert view.coverage.loc["Utrygge i nabolaget", "2021"] == "mangler"
    assert [r.url for r in view.related] == ["/bydele?bydel=nordvest"]


def test_a_partnership_shows_its_goals_and_the_break_in_its_area(store):
    view = area_view.build(store, "amager-partnerskab", TODAY)
    assert view.about.startswith("Tryghedspartnerskab · ligger i bydelen Amager Vest.")
    assert [g.heading for g in view.goals] == [
        "Amager Partnerskab: utrygheden nærmer sig byens niveau",
        "Amager Partnerskab: kriminaliteten holdes nede",
    ]
    assert "afstanden kan ikke sammenlignes med 2020 (brud: Udvidet område)" in view.measures[0].gap
    assert not any(label.startswith("Tærskel") for c in view.measures for label, _ in c.notes)
    assert "ikke Amager Partnerskabs præcise grænse" in view.locator_caption
    assert 'aria-label="Kort: Urbanplanen mv. (udsat byområde) i København"' in view.locator


def test_an_area_without_a_published_outline_or_figures_says_so(store):
    view = area_view.build(store, "valby-partnerskab", TODAY)
    assert view.locator is None
    assert view.locator_caption.startswith("Der er ikke offentliggjort en afgrænsning af Valby")
    empty = area_view.build(store, "tingbjerg-husum", TODAY)
    assert empty.no_figures.startswith("Der er ingen offentliggjorte tal for Tingbjerg-Husum")
    assert empty.how_to_read is None and empty.measures == ()
    assert (empty.coverage == "mangler").drop(columns="Hvad mangler").all().all()
    assert empty.download.table.empty


def test_the_files_hold_exactly_the_rows_shown(store):
    files = area_view.build(store, "bispebjerg", TODAY).download
    assert files.csv_name == "sikker-by-bispebjerg-2026-12-01.csv"
    assert files.excel_name == "sikker-by-bispebjerg-2026-12-01.xlsx"
    assert len(files.shown) == len(files.table) > 10
    assert list(files.shown.columns) == list(files.table.columns)
    numbers = ["År", "Værdi", "Usikkerhed (± point)"]
    assert (files.shown.drop(columns=numbers) == files.table.drop(columns=numbers)).all().all()
    first = files.table.iloc[0]
    assert (first["Område"], first["År"], first["Værdi"]) == ("Bispebjerg", 2016, 12.0)
    assert files.shown.iloc[0]["Værdi"] == "12"
    assert files.shown.iloc[0][
        "Usikkerhed (± point)"
    ] == f"±{first['Usikkerhed (± point)']:.1f}".replace(".", ",")
    assert files.shown.iloc[0]["Tærskel"] == "Mere end 10 % utrygge i nabolaget (2018-2021)"
    assert files.title == f"Tallene i filerne ({len(files.table)} rækker)"


@pytest.mark.parametrize("bad", ["atlantis", "<script>alert(1)</script>", ""])
def test_an_unknown_area_gives_a_danish_notice_and_the_first_district(store, bad):
    request = area_view.resolve(store, {links.DISTRICT: bad})
    assert request.area == "amager-vest"
    (notice,) = request.notices
    # An empty value is not quoted as »«.
    said = "Ukendt bydel eller område »" if bad else "Ukendt bydel eller område i adressen."
    assert notice.startswith(said) and "<" not in notice
    assert "Viser Amager Vest." in notice and "(bydel i" not in notice
