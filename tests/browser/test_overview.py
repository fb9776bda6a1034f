"""The overview and the youth page in a real browser: cards and charts drawn offline, no large
number cut at projector widths, each group of large numbers with its source visible under it,
and deep links (also by the page's own name) that open the right
period."""

import pytest

GOAL_CARDS = '[class*="st-key-goal-"]'
YOUTH_CARDS = '[class*="st-key-unge-"]'
CHARTS_DRAWN = '[data-testid="stVegaLiteChart"] .marks'


def wait_for_cards(app, count: int) -> None:
    cards = app.page.locator(GOAL_CARDS)
    cards.nth(count - 1).wait_for(timeout=30_000)
    assert cards.count() == count
    app.page.locator(CHARTS_DRAWN).nth(count - 3).wait_for(timeout=30_000)


def main_text(app) -> str:
    return app.page.locator('[data-testid="stMain"]').inner_text().replace("\xa0", " ")


def no_metric_is_cut(app, widths=(1280, 1920)) -> None:
    for width in widths:
        assert app.cut_metrics(width) == [], width


def test_no_large_number_is_cut_and_nothing_leaves_the_machine(page):
    page.page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto("/")
    wait_for_cards(page, 6)
    assert page.page.title() == "Overblik – Sikker By"  # the tab names the page
    # At least 15 large numbers (a rerun can still be drawing them when the cards are there).
    page.page.locator('[data-testid="stMetricValue"]').nth(14).wait_for(timeout=30_000)
    no_metric_is_cut(page)
    text = main_text(page)
    assert "Ikke nået" in text and "82,7" in text and text.count("Kilde:") >= 6
    # The other period, chosen on the page: its numbers are not cut either.
    page.page.locator('[data-testid="stButtonGroup"]').get_by_text("2022-2025").click()
    page.page.get_by_text("Flere trygge i de mindst trygge bydele").wait_for(timeout=30_000)
    wait_for_cards(page, 8)
    assert "periode=2022-2025" in page.page.url
    no_metric_is_cut(page, (1920, 1280))
    page.screenshot("overblik-2022-2025-1280")
    # On to the youth page by the navigation: both goals and their charts drawn.
    page.page.get_by_role("link", name="Unge", exact=True).click()
    page.page.locator(YOUTH_CARDS).nth(1).wait_for(timeout=30_000)
    # Goal 3's level and gap, goal 4's gap; goal 4's level has no point in time (only
    # baselines without a year): a sentence instead.
    page.page.locator(CHARTS_DRAWN).nth(2).wait_for(timeout=30_000)
    text = main_text(page)
    assert "Der er ingen offentliggjorte tal at tegne for København over tid" in text
    for figure in ("3,5 %", "2,25 %", "1,05 %", "0,97 %", "+1,25 procentpoint"):
        assert figure in text
    assert page.cut_metrics() == []
    page.screenshot("unge")
    assert page.external_requests == []


def test_the_overviews_own_name_opens_it_in_a_fresh_browser(page):
    page.goto("/overblik?periode=2022-2025")
    wait_for_cards(page, 8)
    assert page.page.url.endswith("/?periode=2022-2025")
    assert page.page.locator('[data-testid="stDialog"]').count() == 0
    assert "Tryghedspartnerskabernes mål" in main_text(page)
    assert page.external_requests == []


# The source of each group of large numbers, as the eye gets it: the first caption after the
# group's last number starts with "Kilde:", is drawn, and is not cut at the window's edge.
SOURCE_UNDER_NUMBERS = """(card) => {
  const box = document.querySelector(card);
  const numbers = Array.from(box.querySelectorAll('[data-testid="stMetric"]'));
  const last = numbers[numbers.length - 1];
  const after = Array.from(box.querySelectorAll('[data-testid="stCaptionContainer"]')).find(
    (c) => last.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING);
  if (!after) return null;
  // Under the numbers, not the chart's own line further down.
  const chart = box.querySelector('[data-testid="stVegaLiteChart"]');
  const beforeChart = !chart || !!(after.compareDocumentPosition(chart)
    & Node.DOCUMENT_POSITION_FOLLOWING);
  const r = after.getBoundingClientRect(), n = last.getBoundingClientRect();
  return {text: after.innerText, height: r.height, left: r.left, right: r.right,
          below: r.top >= n.bottom - 1, width: innerWidth, beforeChart,
          cut: after.scrollWidth > after.clientWidth + 1};
}"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080), (390, 844)])
def test_a_group_of_large_numbers_shows_its_source_under_it_without_hovering(page, width, height):
    page.page.set_viewport_size({"width": width, "height": height})
    page.goto("/?periode=2018-2021")
    wait_for_cards(page, 6)
    for card in (".st-key-goal-2018-1", ".st-key-goal-2018-2"):
        page.page.locator(f"{card} [data-testid='stMetricValue']").nth(2).wait_for(timeout=30_000)
        seen = page.page.evaluate(SOURCE_UNDER_NUMBERS, card)
        assert seen is not None, card
        assert seen["text"].startswith("Kilde: ") and seen["height"] > 0, seen
        assert seen["below"] and seen["beforeChart"] and not seen["cut"], seen
        assert seen["left"] >= 0 and seen["right"] <= seen["width"] + 1, seen
    assert page.external_requests == []


# Each choice (a segmented control's button) that is not fully inside the window: its text and
# box. Streamlit scrolls a row of choices sideways inside columns instead of wrapping it.
CHOICES_OUTSIDE = """() => [...document.querySelectorAll('[data-testid="stButtonGroup"] button')]
  .map((b) => ({ text: b.innerText, box: b.getBoundingClientRect() }))
  .filter(({ box }) => box.left < 0 || box.right > window.innerWidth + 0.5)
  .map(({ text, box }) => `${text}: ${Math.round(box.left)}-${Math.round(box.right)}`)"""


@pytest.mark.parametrize(("width", "height"), [(1280, 720), (1920, 1080), (390, 844)])
def test_every_period_and_edition_to_choose_is_inside_the_window(page, width, height):
    page.page.set_viewport_size({"width": width, "height": height})
    page.goto("/?periode=2018-2021&status_aar=2020")
    page.page.get_by_role("radio", name="2022", exact=True).wait_for(timeout=30_000)
    assert page.page.locator('[data-testid="stButtonGroup"] button').count() == 2 + 6
    assert page.page.evaluate(CHOICES_OUTSIDE) == []
