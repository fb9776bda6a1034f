"""The Unge page in a real browser: the baselines, their sources, and no request off the machine."""

YOUTH_CARDS = '[class*="st-key-unge-"]'
CHARTS_DRAWN = '[data-testid="stVegaLiteChart"] .marks'


def test_youth_page_shows_the_baselines_and_sources_offline(page):
    page.goto("/unge")
    cards = page.page.locator(YOUTH_CARDS)
    cards.nth(1).wait_for(timeout=30_000)
    assert cards.count() == 2
    page.page.locator(CHARTS_DRAWN).nth(3).wait_for(timeout=30_000)
    text = page.page.locator('[data-testid="stMain"]').inner_text().replace("\xa0", " ")
    for heading in (
        "Mål 3: Færre unge 15-17 år begår kriminalitet",
        "Mål 4: Færre unge 18-25 år begår alvorlig kriminalitet",
    ):
        assert heading in text
    for figure in ("3,5 %", "2,25 %", "1,05 %", "0,97 %", "+1,25 procentpoint"):
        assert figure in text
    assert "Kun strategiens basisværdier er offentliggjort" in text
    assert text.count("For få data") == 2
    assert text.count("Kilde:") >= 4
    # Danmarks Statistik's figures: either said to be not fetched, or shown as own calculations.
    assert (
        "python -m sikkerby.ingest.dst" in text or "Egne beregninger på Danmarks Statistik" in text
    )
    page.screenshot("unge")
    assert page.external_requests == []


def test_the_overview_links_to_the_youth_page(page):
    page.goto("/")
    link = page.page.get_by_role("link", name="Se København mod de fire byer").first
    link.wait_for(timeout=30_000)
    link.click()
    page.page.locator(YOUTH_CARDS).nth(1).wait_for(timeout=30_000)
    assert page.page.url.endswith("/unge")
    assert page.external_requests == []
