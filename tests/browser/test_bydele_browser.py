"""The Bydele page in a real browser: a district's figures, its downloads, no request off the
machine."""

import csv
import io
from pathlib import Path

CARDS = '[class*="st-key-maal-"]'
CHARTS_DRAWN = '[data-testid="stVegaLiteChart"] .marks'


def open_bispebjerg(page) -> str:
    page.goto("/bydele?bydel=bispebjerg")
    page.page.locator(CARDS).first.wait_for(timeout=30_000)
    page.page.locator(CHARTS_DRAWN).first.wait_for(timeout=30_000)
    return page.page.locator('[data-testid="stMain"]').inner_text().replace("\xa0", " ")


def test_a_district_page_opens_from_a_link_offline(page):
    text = open_bispebjerg(page)
    assert "Bispebjerg" in text
    assert "Bispebjerg ligger 8 procentpoint over byen i 2020." in text
    assert "Hvilke tal findes?" in text
    assert text.count("Kilde:") >= 3
    assert "bydel=bispebjerg" in page.page.url
    locator = page.page.locator('svg[role="img"]')
    assert locator.get_attribute("aria-label") == "Kort: Bispebjerg i København"
    assert locator.bounding_box()["width"] > 200
    page.screenshot("bydele-bispebjerg")
    assert page.external_requests == []


def screen_rows(page) -> list[list[str]]:
    """The rows of the table the page shows under »Tallene i filerne«."""
    page.page.get_by_text("Tallene i filerne").click()
    table = page.page.locator('[data-testid="stTable"] table')
    table.wait_for(timeout=30_000)
    return [
        [cell.inner_text() for cell in row.locator("td").all()]
        for row in table.locator("tbody tr").all()
    ]


def test_the_csv_download_holds_the_rows_on_screen(page):
    open_bispebjerg(page)
    shown = screen_rows(page)
    with page.page.expect_download() as caught:
        page.page.get_by_text("Hent tallene som CSV").click()
    download = caught.value
    assert download.suggested_filename.startswith("sikker-by-bispebjerg-")
    assert download.suggested_filename.endswith(".csv")
    raw = Path(download.path()).read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == len(shown) > 10
    for file_row, screen_row in zip(rows, shown, strict=True):
        area, measure, year, value = screen_row[:4]
        assert (file_row["Område"], file_row["Mål"], file_row["År"]) == (area, measure, year)
        assert float(file_row["Værdi"].replace(",", ".")) == float(
            value.replace(".", "").replace(",", ".")
        )
        assert file_row["Kilde"] == screen_row[6]
    with page.page.expect_download() as caught:
        page.page.get_by_text("Hent tallene som Excel").click()
    assert caught.value.suggested_filename.endswith(".xlsx")
    assert page.external_requests == []


def test_the_map_selection_leads_to_the_district_page(page):
    page.goto("/kort?indikator=utrygge_nabolag&aar=2017&bydel=bispebjerg")
    link = page.page.get_by_role("link", name="Åbn bydelens side")
    link.first.wait_for(timeout=30_000)
    link.first.click()
    page.page.locator(CARDS).first.wait_for(timeout=30_000)
    assert "/bydele" in page.page.url and "bydel=bispebjerg" in page.page.url
    heading = page.page.locator('[data-testid="stMain"] h2').first.inner_text()
    assert heading == "Bispebjerg"
    assert page.external_requests == []


def test_a_partnership_page_shows_its_closest_published_footprint(page):
    page.goto("/bydele?bydel=tingbjerg-husum")
    page.page.locator('svg[role="img"]').wait_for(timeout=30_000)
    text = page.page.locator('[data-testid="stMain"]').inner_text().replace("\xa0", " ")
    assert "Tingbjerg-Husum: utrygheden nærmer sig byens niveau" in text
    assert "den nærmeste offentliggjorte afgrænsning" in text
    label = page.page.locator('svg[role="img"]').get_attribute("aria-label")
    assert label == "Kort: Tingbjerg/Husum (udsat byområde) i København"
    page.screenshot("bydele-tingbjerg-husum")
    assert page.external_requests == []
