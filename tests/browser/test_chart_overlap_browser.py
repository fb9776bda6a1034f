"""The goal charts as a browser draws them, at a projector's 1280×720 and 1920×1080 and a
phone's 390×844: no text of a chart (a guide's label, an axis' tick or title, a legend's
label, a bar's value) overlaps another, and every one lies inside the chart's box. The charts
are drawn as SVG (charts.spec asks vega-embed for it), so the texts' boxes can be measured.
Every goal chart of both periods is measured, on the overview that draws them all."""

from datetime import date

import pytest

from sikkerby.ingest.publish import default_store
from sikkerby.views import overview

SIZES = [(1280, 720), (1920, 1080), (390, 844)]
PERIODS = ["2018-2021", "2022-2025"]
CHARTS = '[data-testid="stVegaLiteChart"]'

# Per chart: its box, and every visible text's box and words (Vega hides a tick label that
# would overlap its neighbour by setting its opacity to 0; those are not drawn).
MEASURE = """() => Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
  .map(chart => {
    const box = chart.getBoundingClientRect();
    const visible = t => {
      for (let e = t; e && e !== chart; e = e.parentElement) {
        const o = e.getAttribute('opacity') ?? getComputedStyle(e).opacity;
        if (o !== null && parseFloat(o) === 0) return false;
      }
      return t.textContent.trim() !== '';
    };
    const texts = Array.from(chart.querySelectorAll('svg.marks text')).filter(visible)
      .map(t => { const r = t.getBoundingClientRect();
        return {text: t.textContent, left: r.left, right: r.right, top: r.top,
                bottom: r.bottom}; });
    return {box: {left: box.left, right: box.right, top: box.top, bottom: box.bottom},
            svg: chart.querySelectorAll('svg.marks').length, texts};
  })"""
SLACK = 1.0  # px: a box's edge may touch another's


def expected_charts(period: str) -> int:
    """The number of goal charts the overview of `period` draws (goals with a figure)."""
    groups = overview.build(default_store(), period, date.today().year).groups
    return sum(card.chart.spec is not None for _, group in groups for card in group)


def overlapping(texts: list[dict]) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes intersect by more than SLACK in both directions."""
    pairs = []
    for i, a in enumerate(texts):
        for b in texts[i + 1 :]:
            width = min(a["right"], b["right"]) - max(a["left"], b["left"])
            height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
            if width > SLACK and height > SLACK:
                pairs.append((a["text"], b["text"]))
    return pairs


def outside(texts: list[dict], box: dict) -> list[str]:
    return [
        t["text"]
        for t in texts
        if t["left"] < box["left"] - SLACK
        or t["right"] > box["right"] + SLACK
        or t["top"] < box["top"] - SLACK
        or t["bottom"] > box["bottom"] + SLACK
    ]


@pytest.mark.parametrize("period", PERIODS)
def test_no_text_of_a_goal_chart_overlaps_another_or_leaves_the_chart(page, period):
    count = expected_charts(period)
    assert count >= 5
    page.goto(f"/?periode={period}")
    for width, height in SIZES:
        page.page.set_viewport_size({"width": width, "height": height})
        page.page.locator(f"{CHARTS} svg.marks").nth(count - 1).wait_for(timeout=30_000)
        page.page.wait_for_timeout(500)  # vega-embed redraws a chart at its new width
        charts = page.page.evaluate(MEASURE)
        assert len(charts) == count, (width, len(charts))
        for number, chart in enumerate(charts):
            where = f"{period}, chart {number + 1}, {width}×{height}"
            assert chart["svg"] == 1, where  # drawn as SVG, not on a canvas
            texts = chart["texts"]
            # Ticks on both axes at least, and every guide's label.
            assert len(texts) >= 4, where
            assert overlapping(texts) == [], where
            assert outside(texts, chart["box"]) == [], where
    assert page.external_requests == []
