"""An address that names no page gets the app's Danish "Siden findes ikke" page, with links to
every page: not Streamlit's English "Page not found" dialog (drawn by its client, so only a
browser shows it), nor a blank page for an address two levels deep (whose own files the browser
could not load), and no request leaves the machine."""

import re

import pytest
from test_danish_browser import ENGLISH, SAID

from sikkerby.render import links

PATHS = {
    "/ukendt": ("/ukendt", "/ukendt"),
    "/kort/ekstra": ("/siden-findes-ikke?adresse=%2Fkort%2Fekstra", "/kort/ekstra"),
    "/opdater/x": ("/siden-findes-ikke?adresse=%2Fopdater%2Fx", "/opdater/x"),
    "/bydele/bispebjerg/ekstra?bydel=x": (
        "/siden-findes-ikke?adresse=%2Fbydele%2Fbispebjerg%2Fekstra",
        "/bydele/bispebjerg/ekstra",
    ),
    "/%3Cscript%3Ealert(1)%3C%2Fscript%3E": (None, "/scriptalert1"),
}


@pytest.mark.parametrize("path", list(PATHS))
def test_an_unknown_address_gets_the_danish_not_found_page(page, path):
    address, named = PATHS[path]
    page.goto(path)
    main = page.page.get_by_test_id("stMain")
    main.locator("h1", has_text="Siden findes ikke").wait_for(timeout=30_000)
    page.page.wait_for_timeout(1000)  # a dialog would come with the run's end
    assert page.page.get_by_role("dialog").count() == 0
    assert page.page.title() == "Siden findes ikke – Sikker By"
    assert f"Adressen »{named}" in main.inner_text()
    if address is not None:
        assert page.page.url == page.base_url + address
    listed = main.locator("a").evaluate_all("els => els.map(e => e.textContent.trim())")
    assert listed == [p.title for p in links.PAGES]
    said = page.page.evaluate(SAID)
    assert sorted({s for s in said if ENGLISH.search(s) or "not found" in s.lower()}) == []
    assert page.external_requests == []


def test_a_link_on_the_not_found_page_opens_that_page(page):
    page.goto("/kort/ekstra")
    main = page.page.get_by_test_id("stMain")
    main.get_by_role("link", name="Kort").click()
    main.locator("h1", has_text="Kort over tryghed").wait_for(timeout=30_000)
    # The map page writes its choices into the address once its script has run, a moment after
    # its heading is drawn.
    page.page.wait_for_url(re.compile(re.escape(page.base_url) + r"/kort\?"), timeout=30_000)
    assert page.external_requests == []
