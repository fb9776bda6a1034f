"""The statuses as of an earlier edition, the yearly report's download, and the two new pages
(»Strategien«, »Om data og metode«) in a real browser: offline, nothing cut, nothing wider
than a phone."""

import re

from docx import Document
from playwright.sync_api import expect

STATUS = re.compile("^Status i dag eller som ved")


def main_text(app) -> str:
    return app.page.get_by_test_id("stMain").inner_text().replace("\xa0", " ")


def test_statuses_as_of_an_edition_and_back_to_today_by_keyboard(page):
    page.page.set_viewport_size({"width": 1280, "height": 720})
    page.goto("/?periode=2018-2021&status_aar=2020")
    page.page.get_by_text("Status som ved Tryghedsundersøgelsen 2020: kun tal for de år").wait_for(
        timeout=30_000
    )
    assert "Ikke på vej: 2" in main_text(page) and "Ikke nået:" not in main_text(page)
    # The choices are buttons, each reached with Tab and chosen with Enter.
    group = page.page.get_by_role("radiogroup", name=STATUS)
    today = group.get_by_role("radio", name="I dag", exact=True)
    chosen = group.get_by_role("radio", name="2020", exact=True)
    expect(chosen).to_be_checked()
    today.focus()
    page.page.keyboard.press("Enter")
    page.page.wait_for_function("!location.search.includes('status_aar')", timeout=30_000)
    page.page.get_by_text("Ikke nået: 2").wait_for(timeout=30_000)
    # Today's status is shown as the chosen button, by its name.
    expect(today).to_be_checked()
    assert page.external_requests == []


def test_the_report_downloads_with_the_page_s_statuses(page):
    page.goto("/?periode=2018-2021&status_aar=2021")
    button = page.page.get_by_role("button", name=re.compile("Hent afrapporteringen som Word"))
    button.wait_for(timeout=30_000)
    with page.page.expect_download(timeout=60_000) as event:
        button.click()
    download = event.value
    assert download.suggested_filename == "Sikker By afrapportering 2018-2021 (status 2021).docx"
    doc = Document(download.path())
    statuses = [row.cells[4].text.split(" ", 1)[1] for row in doc.tables[0].rows[1:]]
    text = main_text(page)
    for label in set(statuses):
        assert f"{label}: {statuses.count(label)}" in text
    assert page.external_requests == []


def test_the_strategy_and_method_pages_fit_a_projector_and_a_phone(page):
    for path, heading in (
        ("/strategien", "Princip 3: Børn og unge i risiko"),
        ("/metode", "Sådan afgøres en status"),
    ):
        for width, height in ((1280, 720), (390, 844)):
            page.page.set_viewport_size({"width": width, "height": height})
            page.goto(path)
            page.page.get_by_role("heading", name=heading).wait_for(timeout=30_000)
            page.page.wait_for_timeout(500)
            assert page.cut_metrics() == [], (path, width)
            wide = page.page.evaluate(
                "document.querySelector('[data-testid=\"stMain\"]').scrollWidth"
            )
            assert wide <= width, (path, width, wide)
            assert main_text(page).count("Kilde:") >= 1
    assert "Data til og med 2026" in main_text(page)
    assert page.external_requests == []
