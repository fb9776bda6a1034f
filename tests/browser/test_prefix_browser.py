"""The app served under a path prefix, as a city's reverse proxy serves it
(`--server.baseUrlPath sikkerby`): the overview, a deep link to the map with every district
drawn and clickable, a download, the presentation and the "Siden findes ikke" page, with no
request outside /sikkerby/ and none answered with an error."""

import os
import re
from pathlib import Path

import pytest
from harness import app_over
from test_kort_browser import MAP_FRAME, PANEL, SHAPES, open_map

from sikkerby.settings import STORE_ENV

OWN_SERVER = True  # its own app server, under the prefix (see conftest.py)
PREFIX = "/sikkerby"
# Streamlit's client finds its server by asking each level of the address in turn
# (/sikkerby/kort/_stcore/health, then /sikkerby/_stcore/health): the first may well be a 404.
PROBE = re.compile(r"/_stcore/(health|host-config)$")


@pytest.fixture(scope="module")
def app_server(tmp_path_factory):
    """The app under /sikkerby over the tests' store (replaces conftest's shared server for
    this module's `page`)."""
    with app_over(
        Path(os.environ[STORE_ENV]), tmp_path_factory.mktemp("prefix"), prefix=PREFIX
    ) as url:
        yield url


@pytest.fixture
def checked(page):
    """`page`, recording every request outside the prefix and every answer that is an error."""
    origin = page.base_url.removesuffix(PREFIX)
    outside, failed = [], []
    page.page.on(
        "request",
        lambda r: (
            r.url.startswith(origin)
            and not r.url.startswith(page.base_url + "/")
            and outside.append(r.url)
        ),
    )
    page.page.on(
        "response",
        lambda r: (
            r.status >= 400 and not PROBE.search(r.url) and failed.append(f"{r.status} {r.url}")
        ),
    )
    yield page
    assert (outside, failed, page.external_requests) == ([], [], [])


def test_a_deep_link_to_the_map_draws_every_district_and_a_click_leads_to_it(checked):
    page = checked
    open_map(page, "/kort?indikator=utrygge_nabolag&aar=2017")  # waits for all 13 districts
    frame = page.page.frame_locator(MAP_FRAME)
    assert frame.locator(SHAPES).count() == 13
    assert page.page.url == f"{page.base_url}/kort?indikator=utrygge_nabolag&aar=2017"
    page.page.set_viewport_size({"width": 1280, "height": 720})
    page.screenshot("prefix-kort-1280x720")

    frame.locator(SHAPES).nth(2).click()  # Bispebjerg, in the file's alphabetical order
    panel = page.page.locator(PANEL)
    panel.get_by_role("heading", name="Bispebjerg").wait_for(timeout=30_000)
    page.page.wait_for_url(f"{page.base_url}/kort?**bydel=bispebjerg**", timeout=10_000)
    panel.get_by_role("link", name="Bydelens side").click()
    page.page.wait_for_url(f"{page.base_url}/bydele?bydel=bispebjerg", timeout=30_000)
    page.page.get_by_text("Tallene i filerne").click()
    with page.page.expect_download() as caught:
        page.page.get_by_text("Hent tallene som CSV").click()
    download = caught.value
    assert download.suggested_filename.startswith("sikker-by-bispebjerg-")
    assert "Bispebjerg" in Path(download.path()).read_text(encoding="utf-8-sig")


def test_the_overview_and_the_presentation(checked):
    page = checked
    page.goto("/")
    page.page.locator('[class*="st-key-goal-"]').nth(5).wait_for(timeout=30_000)
    # The tab's title is set by a script of the page's once it is drawn.
    page.page.wait_for_function("document.title === 'Overblik – Sikker By'", timeout=30_000)

    page.goto("/praesentation?periode=2022-2025&dias=1")
    page.page.locator('.dias-scene .dias[data-dias="1"]').wait_for(timeout=30_000)
    page.wait_ready()
    page.page.get_by_role("button", name="Næste").first.click()
    page.page.locator('.dias-scene .dias[data-dias="2"]').wait_for(timeout=30_000)
    page.page.wait_for_url(re.compile(rf"^{page.base_url}/praesentation\?.*dias=2"))


def test_an_address_two_levels_deep_reaches_the_not_found_page(checked):
    page = checked
    page.goto("/kort/ekstra")
    main = page.page.get_by_test_id("stMain")
    main.locator("h1", has_text="Siden findes ikke").wait_for(timeout=30_000)
    assert page.page.url == f"{page.base_url}/siden-findes-ikke?adresse=%2Fkort%2Fekstra"
    main.get_by_role("link", name="Kort").click()
    main.locator("h1", has_text="Kort over tryghed").wait_for(timeout=30_000)
    page.page.wait_for_url(f"{page.base_url}/kort?**", timeout=30_000)  # once the page has run
