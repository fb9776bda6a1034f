"""A notice about an unknown value in the address stays on screen in the browser, also after
the page has written a clean address and the map has reported back (a run of its own that
brings the clean address), and a value with markup is shown as text, never fetched."""

import pytest

TRACKER = "198.51.100.7"  # TEST-NET-2: never a real host
PATHS = {
    "/kort?indikator=ukendt": ["Ukendt indikator »ukendt« i adressen. Viser Trygge i nabolaget."],
    f"/kort?aar=1999&bydel=![x](http://{TRACKER}/x.png)": [
        "Ukendt år »1999« i adressen.",
        f"Ukendt bydel »xhttp{TRACKER}x.png« i adressen.",
    ],
    "/?periode=<script>alert(1)</script>": ["Ukendt strategiperiode »scriptalert1script«"],
    "/bydele?bydel=Ørestad": ["Ukendt bydel eller område »Ørestad«"],
    "/praesentation?dias=99&auto=1": ["Ukendt dias »99«", "Ukendt auto »1«"],
}


@pytest.mark.parametrize("path", list(PATHS))
def test_a_notice_about_the_address_stays_on_screen(page, path):
    page.goto(path)
    alerts = page.page.get_by_test_id("stMain").get_by_test_id("stAlertContentWarning")
    alerts.first.wait_for(timeout=30_000)
    page.page.wait_for_timeout(3000)  # the map draws and reports back; charts draw
    page.wait_ready()
    texts = alerts.get_by_test_id("stMarkdownContainer").all_inner_texts()
    said = [t.replace("\u2060", "").strip() for t in texts]
    assert len(said) == len(PATHS[path])
    for text, start in zip(said, PATHS[path], strict=True):
        assert text.startswith(start) and "Mulige:" in text, said
    images = page.page.locator("img").evaluate_all("els => els.map(e => e.src)")
    assert not [s for s in images if TRACKER in s]
    assert page.external_requests == []
