"""The presentation in a real browser: every slide fits the window at 1280×720, 1920×1080 and a
phone's 390×844 (no scrolling, nothing beyond the slide), is readable from the back of a room
(sizes and contrast measured from computed styles), moves with the keys a presenter uses and
with the address, plays the map's years, prints one slide per landscape page, and asks nothing
of the network."""

import re

import pytest

SLIDE = ".dias-scene .dias"
SIZES = [(1280, 720), (1920, 1080), (390, 844)]

# What does not fit: the page scrolls, the slide leaves the window, or an element of the slide
# (HTML or a whole SVG; a chart's own marks are drawn inside its SVG) reaches beyond it.
NOT_FITTING = """() => {
  const slide = document.querySelector('.dias-scene .dias');
  const main = document.querySelector('[data-testid="stMain"]');
  const r = slide.getBoundingClientRect(), out = [];
  // The body ends above the "Kilde:" line (a slide clips what leaves it, so look inside too).
  const source = slide.querySelector('.kilde').getBoundingClientRect();
  for (const e of slide.querySelectorAll('.indhold *')) {
    if (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') continue;
    const b = e.getBoundingClientRect();
    if (b.height > 0 && b.bottom > source.top + 1) out.push('over Kilde: ' + e.tagName);
  }
  if (main.scrollHeight > main.clientHeight + 1) out.push('page scrolls ' + main.scrollHeight);
  if (r.bottom > innerHeight + 1 || r.right > innerWidth + 1) out.push('slide beyond window');
  for (const e of slide.querySelectorAll('*')) {
    if (e.closest('svg') && e.tagName.toLowerCase() !== 'svg') continue;
    const b = e.getBoundingClientRect();
    if (b.width === 0 || b.height === 0) continue;
    const out_of = b.bottom > r.bottom + 1 || b.right > r.right + 1 || b.left < r.left - 1
      || b.top < r.top - 1;
    if (out_of) out.push(e.tagName + '.' + e.className + ' ' + (e.textContent || '').slice(0, 40));
  }
  return out;
}"""

# Font sizes and contrast of what a slide shows: each text element's size in px, and its
# colour's contrast against the slide's white.
MEASURED = """() => {
  const slide = document.querySelector('.dias-scene .dias');
  const lum = (rgb) => { const [r, g, b] = rgb.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number)
      .map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const contrast = (fg, bg) => { const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05); };
  const texts = [];
  for (const e of slide.querySelectorAll('p, td, th, span, strong, b, small, h1, h2, h3, li')) {
    if (e.closest('svg') || !e.textContent.trim()) continue;
    if (e.getBoundingClientRect().width === 0) continue;
    let ground = e, bg = 'rgb(255, 255, 255)';
    while (ground && ground !== slide.parentElement) {
      const c = getComputedStyle(ground).backgroundColor;
      if (c !== 'rgba(0, 0, 0, 0)' && c !== 'transparent') { bg = c; break; }
      ground = ground.parentElement;
    }
    const s = getComputedStyle(e);
    texts.push({tag: e.tagName.toLowerCase(), cls: e.className, size: parseFloat(s.fontSize),
                contrast: contrast(s.color, bg), text: e.textContent.trim().slice(0, 30)});
  }
  const labels = slide.querySelectorAll('.kort text').length;
  const svg = slide.querySelector('.kort svg');
  let mapLabelPx = null;
  if (svg) {
    const box = svg.getBoundingClientRect(), vb = svg.viewBox.baseVal;
    const fit = Math.min(box.width / vb.width, box.height / vb.height);
    mapLabelPx = parseFloat(slide.querySelector('.kort text').getAttribute('font-size')) * fit;
  }
  // A chart's smallest text as drawn: its font size in the chart's units times the SVG's scale.
  const shownCharts = [...slide.querySelectorAll('.graf svg')]
    .filter(g => g.getBoundingClientRect().width);
  const chartPx = shownCharts.map(g => {
    const b = g.getBoundingClientRect(), v = g.viewBox.baseVal;
    const fit = Math.min(b.width / v.width, b.height / v.height);
    const sizes = [...g.querySelectorAll('text')].map(t => parseFloat(t.getAttribute('font-size')));
    return Math.min(...sizes) * fit;
  });
  return {texts, mapLabelPx, labels, chartPx};
}"""


def open_slide(app, query: str, number: int) -> None:
    app.goto(f"/praesentation?{query}&dias={number}")
    app.page.locator(f'{SLIDE}[data-dias="{number}"]').wait_for(timeout=30_000)
    # The keys work once the buttons they press are drawn.
    app.page.get_by_role("button", name="Næste").first.wait_for(timeout=30_000)
    app.wait_ready()


def slide_count(app) -> int:
    return int(app.page.locator(f"{SLIDE} .nr").inner_text().split("/")[1])


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_slide_fits_the_window(page, width, height):
    page.page.set_viewport_size({"width": width, "height": height})
    open_slide(page, "periode=2022-2025", 1)
    total = slide_count(page)
    assert total == 12  # no 2018-2021 youth slide in the 2022-2025 deck
    for number in range(1, total + 1):
        if number > 1:
            page.page.keyboard.press("ArrowRight")
            page.page.locator(f'{SLIDE}[data-dias="{number}"]').wait_for(timeout=30_000)
            page.wait_ready()
        assert page.page.evaluate(NOT_FITTING) == [], (width, number)
        if width >= 1280:
            page.screenshot(f"praesentation-{width}-dias{number}")
    assert page.external_requests == []


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_a_phone_is_told_the_deck_is_for_a_projector_and_led_to_the_overview(page, width, height):
    page.page.set_viewport_size({"width": width, "height": height})
    open_slide(page, "periode=2022-2025", 2)
    note = page.page.locator(".st-key-dias-telefon a")
    if width > 700:
        assert not note.is_visible()
        return
    assert note.is_visible()
    assert "lavet til en projektor" in note.inner_text()
    assert "periode=2022-2025" in note.get_attribute("href")
    assert not page.page.locator(".st-key-dias-afslut a").is_visible()  # it takes its place
    assert page.page.evaluate(NOT_FITTING) == []
    note.click()
    page.page.wait_for_url(re.compile(r"/\?periode=2022-2025|/overblik"), timeout=30_000)


def test_the_other_periods_slides_fit_a_projector_too(page):
    page.page.set_viewport_size({"width": 1280, "height": 720})
    open_slide(page, "periode=2018-2021", 1)
    for number in range(1, slide_count(page) + 1):
        if number > 1:
            page.page.keyboard.press("PageDown")
            page.page.locator(f'{SLIDE}[data-dias="{number}"]').wait_for(timeout=30_000)
            page.wait_ready()
        assert page.page.evaluate(NOT_FITTING) == [], number


@pytest.mark.parametrize(("width", "height"), SIZES[:2])
def test_slides_are_readable_from_the_back_of_the_room(page, width, height):
    page.page.set_viewport_size({"width": width, "height": height})
    for number in (2, 3, 11, 12):
        open_slide(page, "periode=2022-2025", number)
        measured = page.page.evaluate(MEASURED)
        # Body text: 24 px at 1920×1080 (16 px at 1280×720); a value's small label under it
        # in the summary table, and everything else, at least 16 px.
        floor = 24 if width == 1920 else 16
        body = [t for t in measured["texts"] if t["tag"] in ("p", "td", "th", "li")]
        assert all(t["size"] >= 16 for t in measured["texts"]), measured
        assert all(t["size"] >= floor for t in body), [t for t in body if t["size"] < floor]
        assert all(t["contrast"] >= 4.5 for t in measured["texts"]), [
            t for t in measured["texts"] if t["contrast"] < 4.5
        ]
        if number == 3 and width == 1920:
            numbers = [t["size"] for t in measured["texts"] if t["tag"] == "strong"]
            assert numbers and min(numbers) >= 48
        if number in (3, 12):  # a goal's chart, the ranked districts
            assert measured["chartPx"] and min(measured["chartPx"]) >= floor, measured["chartPx"]
        if number == 11:
            assert measured["labels"] == 13
            assert measured["mapLabelPx"] >= 16


def test_the_keys_a_presenter_uses_move_the_slide_and_the_address(page):
    open_slide(page, "periode=2022-2025", 1)
    total = slide_count(page)
    for key, number in [
        *(("ArrowRight", 2), ("PageDown", 3), ("ArrowLeft", 2), ("PageUp", 1)),
        *(("End", total), ("Home", 1), ("Space", 2), ("Space", 3), ("Shift+Space", 2)),
    ]:
        page.page.evaluate("document.activeElement && document.activeElement.blur()")
        page.page.keyboard.press(key)
        page.page.locator(f'{SLIDE}[data-dias="{number}"]').wait_for(timeout=30_000)
        page.page.wait_for_url(re.compile(rf"dias={number}(&|$)"), timeout=30_000)
        page.wait_ready()
    assert "periode=2022-2025" in page.page.url
    assert page.external_requests == []


def test_space_on_a_focused_button_does_that_button_s_work_not_the_next_slide(page):
    open_slide(page, "periode=2022-2025", 3)
    back = page.page.locator(".st-key-dias-styring button:visible", has_text="Forrige")
    back.focus()
    page.page.keyboard.press("Space")
    page.page.locator(f'{SLIDE}[data-dias="2"]').wait_for(timeout=30_000)
    page.page.wait_for_url(re.compile(r"dias=2(&|$)"), timeout=30_000)
    page.wait_ready()
    assert page.external_requests == []


def test_a_link_to_a_slide_opens_that_slide_in_a_fresh_browser(page):
    open_slide(page, "periode=2018-2021&indikator=utrygge_nabolag&aar=2019", 4)
    assert page.page.locator(f"{SLIDE} h2").inner_text() == "Mål 2: Mindre kriminalitet"
    assert page.page.title() == "Præsentér – Sikker By"
    assert "indikator=utrygge_nabolag&aar=2019" in page.page.url
    assert page.external_requests == []


def test_the_maps_years_step_and_play(page):
    open_slide(page, "periode=2022-2025&indikator=trygge_nabolag&aar=2024", 11)
    heading = page.page.locator(f"{SLIDE} h2")
    assert heading.inner_text().endswith("2024")
    page.page.get_by_role("button", name="Næste år").click()
    page.page.wait_for_url(re.compile(r"aar=2025"), timeout=30_000)
    page.page.locator(f"{SLIDE} h2", has_text="2025").wait_for(timeout=30_000)
    page.page.get_by_role("button", name="Afspil årene").click()
    # The deck's own period's years (2022, 2024, 2025): after 2025 round again.
    page.page.wait_for_url(re.compile(r"aar=2022"), timeout=30_000)
    page.page.wait_for_url(re.compile(r"aar=2024"), timeout=30_000)
    page.page.get_by_role("button", name="Stop").click()
    page.page.get_by_role("button", name="Afspil årene").wait_for(timeout=30_000)
    stopped = page.page.evaluate("location.search")
    page.page.wait_for_timeout(4_000)  # more than a year's 3 s
    assert page.page.evaluate("location.search") == stopped
    assert page.external_requests == []


def test_a_screen_in_a_foyer_moves_on_by_itself(page):
    open_slide(page, "periode=2022-2025&auto=5", 11)
    page.page.locator(f'{SLIDE}[data-dias="12"]').wait_for(timeout=15_000)
    page.page.locator(f'{SLIDE}[data-dias="1"]').wait_for(timeout=15_000)  # and round again
    assert "auto=5" in page.page.url


def test_going_back_on_a_foyer_screen_shows_the_slide_its_full_time(page):
    open_slide(page, "periode=2022-2025&auto=6", 1)
    page.page.locator(f'{SLIDE}[data-dias="2"]').wait_for(timeout=15_000)
    page.wait_ready()
    page.page.keyboard.press("ArrowLeft")
    page.page.locator(f'{SLIDE}[data-dias="1"]').wait_for(timeout=15_000)
    page.page.wait_for_timeout(3_500)  # slide 1 was shown before: its clock starts again
    assert page.page.locator(f'{SLIDE}[data-dias="1"]').count() == 1


def test_the_handout_prints_one_slide_per_landscape_page(page):
    open_slide(page, "periode=2022-2025", 1)
    page.page.emulate_media(media="print")
    pdf = page.page.pdf(format="A4", landscape=True, print_background=True)
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == 12
    assert page.external_requests == []
