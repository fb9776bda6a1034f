"""The overview in a real browser: cards, charts, deep links, and no request off the machine."""

GOAL_CARDS = '[class*="st-key-goal-"]'
CHARTS_DRAWN = '[data-testid="stVegaLiteChart"] .marks'


def wait_for_cards(app, count: int) -> None:
    cards = app.page.locator(GOAL_CARDS)
    cards.nth(count - 1).wait_for(timeout=30_000)
    assert cards.count() == count
    app.page.locator(CHARTS_DRAWN).nth(count - 1).wait_for(timeout=30_000)


def test_overview_shows_the_six_goals_offline(page):
    page.goto("/")
    wait_for_cards(page, 6)
    text = page.page.locator('[data-testid="stMain"]').inner_text()
    for heading in ("Mål 1: Øget tryghed", "Mål 6: Færre lokalområder med tryghedsudfordringer"):
        assert heading in text
    for status in ("Nået", "Ikke på vej", "For få data"):
        assert status in text
    assert "82,7" in text  # Danish decimal comma
    assert text.count("Kilde:") >= 6
    assert "periode=2018-2021" in page.page.url
    page.screenshot("overblik-2018-2021")
    assert page.external_requests == []


def test_deep_link_opens_the_2022_period_in_a_fresh_browser(page):
    page.goto("/?periode=2022-2025")
    wait_for_cards(page, 8)
    text = page.page.locator('[data-testid="stMain"]').inner_text()
    assert "Flere trygge i de mindst trygge bydele" in text
    assert "Tryghedspartnerskabernes mål" in text
    page.screenshot("overblik-2022-2025")
    assert page.external_requests == []


def test_switching_period_updates_the_url(page):
    page.goto("/")
    wait_for_cards(page, 6)
    page.page.locator('[data-testid="stButtonGroup"]').get_by_text("2022-2025").click()
    page.page.get_by_text("Flere trygge i de mindst trygge bydele").wait_for(timeout=30_000)
    assert "periode=2022-2025" in page.page.url
    assert page.external_requests == []


def test_a_strange_period_gives_a_danish_notice(page):
    page.goto("/?periode=%3Cb%3E1999%3C%2Fb%3E")
    page.page.get_by_text("Ukendt strategiperiode").wait_for(timeout=30_000)
    wait_for_cards(page, 6)
    assert "<b>" not in page.page.locator('[data-testid="stAlert"]').inner_text()
    assert page.external_requests == []
