"""The map in a real browser with the network cut off: shapes, labels and outlines, the tooltip,
a click that leads to the district's page and its download, and the browser's Back and Forward."""

import csv
import io
from pathlib import Path

from harness import MAP_FRAME

SHAPES = "path.leaflet-interactive"
PANEL = '[class*="st-key-bydel-panel"]'
RANKING_DRAWN = '[data-testid="stVegaLiteChart"] .marks'
BUTTONS = '[data-testid="stButtonGroup"]'


def open_map(app, path: str) -> None:
    """Opens a map link with the whole map in view: when the map's frame reaches below the
    window, Playwright scrolls before clicking and Leaflet never sees the click."""
    app.page.set_viewport_size({"width": 1600, "height": 1200})
    app.goto(path)
    wait_for_map(app)


def wait_for_map(app) -> None:
    shapes = app.page.frame_locator(MAP_FRAME).locator(SHAPES)
    shapes.nth(12).wait_for(timeout=30_000)
    assert shapes.count() == 13
    app.page.locator(RANKING_DRAWN).first.wait_for(timeout=30_000)


def plain(text: str) -> str:
    """Text as read: the app keeps numbers and units together with no-break spaces."""
    return text.replace("\u00a0", " ")


def main_text(app) -> str:
    return plain(app.page.locator('[data-testid="stMain"]').inner_text())


def test_a_first_visitor_follows_a_map_link_to_a_district_and_its_figures(page):
    """A shared link as a council member opens it: the map offline, the district clicked, its
    own page with the locator map, and a CSV file that holds the rows on screen."""
    # Run first in this file on a fresh server: the first visitor's deep link must not meet
    # Streamlit's "page not found" dialog (see sikkerby/ui/serve.py).
    open_map(page, "/kort?indikator=utrygge_nabolag&aar=2017")
    frame = page.page.frame_locator(MAP_FRAME)
    labels = [plain(t) for t in frame.locator(".bydel-etiket").all_inner_texts()]
    assert len(labels) == 13 and "Bispebjerg\n18 %" in labels
    assert sum("ingen data" in label for label in labels) == 6
    # Hatched "ingen data" shapes use the pattern the map adds to its own SVG.
    assert frame.locator("pattern#ingen-data").count() == 1
    assert frame.locator('path[fill="url(#ingen-data)"]').count() == 6
    # The 5 districts counted above 10 % have the thick outline; 3 of them dashed.
    assert frame.locator('path[stroke-width="4.5"]').count() == 5
    assert frame.locator('path[stroke-width="4.5"][stroke-dasharray="9 6"]').count() == 3
    assert "5 af 13 bydele var over tærsklen på 10 % i 2017" in main_text(page)
    assert page.page.locator('[data-testid="stDialog"]').count() == 0
    assert page.page.title() == "Kort – Sikker By"
    page.screenshot("kort-utrygge-2017")

    bispebjerg = frame.locator(SHAPES).nth(2)  # in the file's alphabetical order
    bispebjerg.hover()
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    text = plain(tooltip.inner_text())
    assert "Bispebjerg" in text and "18 % (±4,9 point)" in text
    assert "Ændring: +6 procentpoint siden 2016" in text and "Kilde:" in text

    bispebjerg.click()
    panel = page.page.locator(PANEL)
    panel.get_by_role("heading", name="Bispebjerg").wait_for(timeout=30_000)
    page.page.wait_for_url("**bydel=bispebjerg**", timeout=10_000)
    # Marked on the map, its numbers beside it in sight, its measures over time below. (The
    # map is drawn anew with the district marked: wait until the old one has gone.)
    page.page.wait_for_function(
        f"document.querySelectorAll('{MAP_FRAME}').length === 1", timeout=30_000
    )
    frame.locator(".bydel-etiket.valgt", has_text="18 %").wait_for(timeout=30_000)
    assert frame.locator(".bydel-etiket.valgt").count() == 1
    box, height = panel.bounding_box(), page.page.viewport_size["height"]
    assert 0 <= box["y"] < height
    page.page.get_by_text("Andel utrygge i eget nabolag").first.wait_for(timeout=30_000)
    panel.screenshot(path=page.screenshot("kort-klik-bispebjerg").with_name("kort-panel.png"))
    assert page.cut_metrics(1280) == []
    panel.get_by_role("link", name="Bydelens side").click()
    page.page.locator('[class*="st-key-maal-"]').first.wait_for(timeout=30_000)
    assert "/bydele" in page.page.url and "bydel=bispebjerg" in page.page.url
    assert page.page.locator('[data-testid="stMain"] h2').first.inner_text() == "Bispebjerg"
    locator = page.page.locator('svg[role="img"]')
    assert locator.get_attribute("aria-label") == "Kort: Bispebjerg i København"
    assert locator.bounding_box()["width"] > 150
    assert page.cut_metrics(1280) == [] and page.cut_metrics(1920) == []
    assert_csv_holds_the_rows_on_screen(page, "sikker-by-bispebjerg-")
    page.screenshot("bydele-bispebjerg")
    assert page.external_requests == []


def assert_csv_holds_the_rows_on_screen(page, file_prefix: str) -> None:
    page.page.get_by_text("Tallene i filerne").click()
    table = page.page.locator('[data-testid="stTable"] table')
    table.wait_for(timeout=30_000)
    shown = table.evaluate(
        "t => Array.from(t.querySelectorAll('tbody tr'))"
        ".map(r => Array.from(r.querySelectorAll('td')).map(c => c.innerText))"
    )
    with page.page.expect_download() as caught:
        page.page.get_by_text("Hent tallene som CSV").click()
    download = caught.value
    assert download.suggested_filename.startswith(file_prefix)
    raw = Path(download.path()).read_bytes()
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == len(shown) > 10
    for file_row, screen_row in zip(rows, shown, strict=True):
        area, measure, year, value = screen_row[:4]
        assert (file_row["Område"], file_row["Mål"], file_row["År"]) == (area, measure, year)
        assert float(file_row["Værdi"].replace(",", ".")) == float(
            value.replace(".", "").replace(",", ".")
        )


def settle(app) -> None:
    """Wait until the map is drawn and has reported back to the server (one more run), as
    before a person's next click: a Back pressed during that run is taken as the run's."""
    app.wait_ready()
    wait_for_map(app)
    app.page.wait_for_timeout(500)
    app.wait_ready()


def test_back_and_forward_walk_through_the_states_of_the_map(page):
    open_map(page, "/kort?indikator=utrygge_nabolag&aar=2017")
    settle(page)
    years = page.page.locator(BUTTONS).nth(1)
    years.get_by_role("radio", name="2020 (8)").click()
    page.page.wait_for_url("**aar=2020**", timeout=30_000)
    page.page.get_by_text("over tærsklen på 10 % i 2020").wait_for(timeout=30_000)
    settle(page)
    measure = page.page.locator(BUTTONS).nth(0)
    measure.get_by_role("radio", name="Trygge aften og nat", exact=True).click()
    page.page.wait_for_url("**indikator=trygge_aften_nat**", timeout=30_000)
    page.page.get_by_text("var under tærsklen på 75 %").wait_for(timeout=30_000)
    settle(page)

    def shows(url_part: str, text: str) -> None:
        page.page.wait_for_url(f"**{url_part}**", timeout=30_000)
        page.page.get_by_text(text).first.wait_for(timeout=30_000)
        settle(page)

    page.page.go_back()
    shows("indikator=utrygge_nabolag&aar=2020", "over tærsklen på 10 % i 2020")
    assert years.get_by_role("radio", name="2020 (8)").get_attribute("aria-checked") == "true"
    page.page.go_forward()
    shows("indikator=trygge_aften_nat&aar=2025", "var under tærsklen på 75 %")
    assert page.external_requests == []
