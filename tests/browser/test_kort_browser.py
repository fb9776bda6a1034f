"""The map in a real browser with the network cut off: shapes, click, deep links, no dialog."""

MAP_FRAME = 'iframe[title="streamlit_folium.st_folium"]'
SHAPES = "path.leaflet-interactive"
PANEL = '[class*="st-key-bydel-panel"]'
RANKING_DRAWN = '[data-testid="stVegaLiteChart"] .marks'


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


def map_labels(app) -> list[str]:
    labels = app.page.frame_locator(MAP_FRAME).locator(".bydel-etiket").all_inner_texts()
    return [plain(label) for label in labels]


def test_2017_map_draws_13_districts_offline_without_a_page_dialog(page):
    # Run first in this file on a fresh server: the first visitor's deep link must not meet
    # Streamlit's "page not found" dialog (see sikkerby/serve.py).
    open_map(page, "/kort?indikator=utrygge_nabolag&aar=2017")
    frame = page.page.frame_locator(MAP_FRAME)
    labels = map_labels(page)
    assert len(labels) == 13
    assert "Bispebjerg\n18 %" in labels
    assert sum("ingen data" in label for label in labels) == 6
    # Hatched "ingen data" shapes use the pattern the map adds to its own SVG.
    assert frame.locator("pattern#ingen-data").count() == 1
    assert frame.locator('path[fill="url(#ingen-data)"]').count() == 6
    assert frame.locator('path[stroke-width="4.5"]').count() == 2  # above 10 %: Amager V., Bisp.
    text = main_text(page)
    assert "Over tærsklen på 10 %" in text
    assert "2 af 13 bydele" in text
    assert page.page.locator('[data-testid="stDialog"]').count() == 0
    page.screenshot("kort-utrygge-2017")
    assert page.external_requests == []


def test_clicking_a_district_opens_its_panel_and_puts_it_in_the_url(page):
    open_map(page, "/kort?indikator=utrygge_nabolag&aar=2017")
    frame = page.page.frame_locator(MAP_FRAME)
    # Shapes come in the file's order (alphabetical): the third is Bispebjerg.
    frame.locator(SHAPES).nth(2).click()
    page.page.locator(PANEL).wait_for(timeout=30_000)
    page.page.wait_for_url("**bydel=bispebjerg**", timeout=10_000)
    panel = page.page.locator(PANEL)
    panel.get_by_text("Andel utrygge i eget nabolag").wait_for(timeout=30_000)
    assert "Bispebjerg" in panel.inner_text()
    panel.screenshot(path=page.screenshot("kort-klik-bispebjerg").with_name("kort-panel.png"))
    assert page.external_requests == []


def test_hovering_a_district_shows_its_tooltip_with_source(page):
    open_map(page, "/kort?indikator=utrygge_nabolag&aar=2017")
    frame = page.page.frame_locator(MAP_FRAME)
    frame.locator(SHAPES).nth(2).hover()
    tooltip = frame.locator(".leaflet-tooltip")
    tooltip.wait_for(timeout=10_000)
    text = plain(tooltip.inner_text())
    assert "Bispebjerg" in text and "18 % (±4,9 point)" in text
    assert "Ændring: +6 procentpoint siden 2016" in text
    assert "Kilde:" in text


def test_deep_link_to_feel_safe_2025_with_a_district_restores_the_view(page):
    open_map(page, "/kort?indikator=trygge_nabolag&aar=2025&bydel=ydre-noerrebro")
    page.page.locator(PANEL).wait_for(timeout=30_000)
    text = main_text(page)
    assert "Under tærsklen på 85 %" in text
    assert "Ydre Nørrebro" in page.page.locator(PANEL).inner_text()
    assert "bydel=ydre-noerrebro" in page.page.url
    page.screenshot("kort-trygge-2025-ydre-noerrebro")
    assert page.external_requests == []


def test_changing_year_redraws_the_map_and_updates_the_url(page):
    open_map(page, "/kort?indikator=utrygge_nabolag&aar=2017")
    page.page.locator('[data-testid="stButtonGroup"]').nth(1).get_by_text("2020 (8)").click()
    page.page.wait_for_url("**aar=2020**", timeout=30_000)
    page.page.get_by_text("i 2020, og").wait_for(timeout=30_000)
    wait_for_map(page)
    labels = map_labels(page)
    assert sum("ingen data" in label for label in labels) == 5
    assert page.external_requests == []


def test_a_strange_parameter_gives_a_danish_notice(page):
    open_map(page, "/kort?indikator=%3Cscript%3E&aar=abc")
    page.page.get_by_text("Ukendt indikator").wait_for(timeout=30_000)
    assert "<script>" not in page.page.locator('[data-testid="stAlert"]').first.inner_text()
    assert page.external_requests == []
