"""The pages on a projector and on a phone: captions readable (size and contrast measured), the
map and its legend in the first screen at 1280×720, the chosen district marked on the map with
its numbers beside it, the district list used with the keyboard, and on a phone nothing cut,
nothing wider than the screen and no pile of map labels."""

import re

from harness import MAP_FRAME

CAPTIONS = """() => {
  const lum = (rgb) => { const [r, g, b] = rgb.match(/\\d+(\\.\\d+)?/g).slice(0, 3).map(Number)
      .map(v => v / 255).map(v => v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  return [...document.querySelectorAll('[data-testid="stCaptionContainer"] p')].map(p => {
    const s = getComputedStyle(p);
    let opacity = 1;
    for (let e = p; e; e = e.parentElement) opacity *= parseFloat(getComputedStyle(e).opacity);
    return {size: parseFloat(s.fontSize), contrast: 1.05 / (lum(s.color) + 0.05), opacity,
            text: p.innerText.slice(0, 40)};
  });
}"""


def bottom(app, selector: str) -> float:
    box = app.page.locator(selector).first.bounding_box()
    return box["y"] + box["height"]


def test_captions_are_readable_on_a_projector(page):
    page.page.set_viewport_size({"width": 1280, "height": 720})
    for path in ("/?periode=2018-2021", "/kort", "/unge"):
        page.goto(path)
        page.page.locator('[data-testid="stCaptionContainer"]').first.wait_for(timeout=30_000)
        # The page's styles arrive in the same run as its captions, and may be applied a moment
        # after the first caption is drawn: wait for them (a page without them times out here).
        page.page.wait_for_function(
            "() => [...document.querySelectorAll('[data-testid=\"stCaptionContainer\"] p')]"
            ".every(p => parseFloat(getComputedStyle(p).fontSize) >= 16)",
            timeout=30_000,
        )
        captions = page.page.evaluate(CAPTIONS)
        assert captions, path
        for c in captions:
            assert c["size"] >= 16 and c["contrast"] >= 4.5 and c["opacity"] == 1, (path, c)
    # The charts' ticks and legends, as drawn (SVG): 16 px, dark.
    ticks = page.page.locator(".vega-embed svg .role-axis-label text")
    ticks.first.wait_for(timeout=30_000)
    drawn = ticks.evaluate_all(
        "els => els.map(e => [parseFloat(e.getAttribute('font-size')), getComputedStyle(e).fill])"
    )
    assert drawn and all(size >= 16 and fill == "rgb(51, 51, 51)" for size, fill in drawn)
    assert page.external_requests == []


# Every text drawn in the page itself below 16 px: what it says, its size and the nearest
# Streamlit element it is in. Charts (SVG, checked above) and the map's frame (its labels,
# checked below) are drawn apart; an icon's ligature text is a symbol.
SMALL_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode()); ) {
    const e = n.parentElement;
    if (!e || !n.textContent.trim()) continue;
    if (e.closest("script, style, noscript, svg, [data-testid='stIconMaterial'], " +
                  "span[role='img'][translate='no']")) continue;
    const box = e.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(e).visibility === "hidden") {
      continue;
    }
    const size = parseFloat(getComputedStyle(e).fontSize);
    if (size < 16) {
      const where = e.closest("[data-testid]");
      out.push([size, where ? where.dataset.testid : e.tagName, n.textContent.trim().slice(0, 40)]);
    }
  }
  return out;
}"""
DESKTOP_PAGES = [
    "/?periode=2018-2021",
    "/?periode=2022-2025",
    "/kort?indikator=trygge_nabolag&aar=2026&bydel=valby",
    "/bydele?bydel=bispebjerg",
    "/bydele?bydel=tingbjerg-husum",
    "/unge",
    "/strategien",
    "/metode",
    "/opdater",
    "/praesentation?periode=2022-2025&dias=2",
]


def test_every_text_on_the_desktop_pages_is_at_least_16_px(page):
    """The navigation, buttons (segmented controls, downloads), badges, page links, expanders'
    labels and table cells too: nothing Streamlit draws smaller (15.75 px) on a projector."""
    for width, height in ((1280, 720), (1920, 1080)):
        page.page.set_viewport_size({"width": width, "height": height})
        for path in DESKTOP_PAGES:
            page.goto(path)
            page.page.get_by_test_id("stMain").locator("h1, h2").first.wait_for(timeout=30_000)
            # The page's styles arrive in its run: wait until the navigation has them.
            page.page.wait_for_function(
                "() => [...document.querySelectorAll('[data-testid=\"stTopNavLink\"] p')]"
                ".every(p => parseFloat(getComputedStyle(p).fontSize) >= 16)",
                timeout=30_000,
            )
            page.page.wait_for_timeout(1000)  # what is drawn after the run
            assert page.page.evaluate(SMALL_TEXT) == [], (path, width)
    assert page.external_requests == []


def test_the_map_and_its_legend_are_in_the_first_screen_at_1280(page):
    page.page.set_viewport_size({"width": 1280, "height": 720})
    page.goto("/kort?indikator=trygge_nabolag&aar=2026")
    frame = page.page.frame_locator(MAP_FRAME)
    frame.locator(".bydel-etiket").first.wait_for(timeout=30_000)
    assert bottom(page, MAP_FRAME) <= 720
    assert bottom(page, ".kort-forklaring") <= 720
    # Figures only at this size (names where there is room), at least 16 px.
    sizes = frame.locator(".bydel-etiket span").evaluate_all(
        "els => els.map(e => parseFloat(getComputedStyle(e).fontSize))"
    )
    assert len(sizes) == 13 and min(sizes) >= 16
    assert page.external_requests == []


def test_a_district_chosen_by_keyboard_is_marked_on_the_map_with_its_numbers_beside_it(page):
    page.page.set_viewport_size({"width": 1280, "height": 720})
    page.goto("/kort?indikator=trygge_nabolag&aar=2026")
    # A visitor chooses once the map is drawn (and its report back to the app has run).
    page.page.frame_locator(MAP_FRAME).locator(".bydel-etiket").first.wait_for(timeout=30_000)
    page.wait_ready()
    choose = page.page.get_by_role("combobox", name=re.compile("Vælg en bydel"))
    choose.focus()
    page.page.keyboard.press("ArrowDown")  # the list opens
    page.page.keyboard.type("Valby")
    page.page.keyboard.press("Enter")
    # (Playwright's page.url misses Streamlit's own updates of the address: ask the page.)
    page.page.wait_for_function("location.search.includes('bydel=valby')", timeout=30_000)
    panel = page.page.locator('[class*="st-key-bydel-panel"]')
    panel.get_by_role("heading", name="Valby").wait_for(timeout=30_000)
    page.page.wait_for_function(
        f"document.querySelectorAll('{MAP_FRAME}').length === 1", timeout=30_000
    )
    marked = page.page.frame_locator(MAP_FRAME).locator(".bydel-etiket.valgt")
    marked.wait_for(timeout=30_000)
    assert "79\xa0%" in marked.inner_text()
    # Beside the map in the first screen: the whole legend, and the panel below the list.
    assert bottom(page, ".kort-forklaring") <= 720
    assert panel.bounding_box()["y"] < 720
    assert page.external_requests == []


def test_a_phone_cuts_nothing_and_piles_no_labels(page):
    page.page.set_viewport_size({"width": 390, "height": 844})
    for path in ("/?periode=2022-2025", "/bydele?bydel=bispebjerg", "/unge", "/kort"):
        page.goto(path)
        page.page.locator('[data-testid="stMain"] h1').first.wait_for(timeout=30_000)
        page.page.wait_for_timeout(500)
        assert page.cut_metrics() == [], path
        wide = page.page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollWidth")
        assert wide <= 390, (path, wide)
    # Only the districts on the wrong side of the threshold keep a label on a phone.
    frame = page.page.frame_locator(MAP_FRAME)
    frame.locator(".bydel-etiket").first.wait_for(state="attached", timeout=30_000)
    shown = frame.locator(".bydel-etiket").evaluate_all(
        "els => els.filter(e => e.getBoundingClientRect().width > 0).map(e => e.className)"
    )
    assert shown and all("side-wrong" in c for c in shown)
    assert page.external_requests == []
