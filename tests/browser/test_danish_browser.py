"""Danish all the way: every page says `lang="da"`, names its tab after itself, and shows no
English word a user could see or a screen reader could read (text, labels, titles,
placeholders), also inside the map's frame and after the charts are drawn."""

import re

import pytest

PAGES = {
    "/?periode=2018-2021": "Overblik – Sikker By",
    "/kort?indikator=trygge_nabolag&aar=2026&bydel=bispebjerg": "Kort – Sikker By",
    "/bydele?bydel=bispebjerg": "Bydele – Sikker By",
    "/unge": "Unge – Sikker By",
    "/strategien": "Strategien – Sikker By",
    "/metode": "Om data og metode – Sikker By",
    "/opdater": "Opdater tal – Sikker By",
    "/praesentation?periode=2022-2025&dias=11": "Præsentér – Sikker By",
}
# Words Streamlit, Vega and Leaflet write in English (and no Danish word of this app is one).
ENGLISH = re.compile(
    r"\b(skip to|main content|show data|download as|copy|fullscreen|search|zoom in|zoom out|"
    r"show/hide|columns|view source|view compiled|open in|press|toggle|expand|collapse|"
    r"clear|select\.\.\.|choose an option|loading|running|rerun|settings|deploy|browse files|"
    r"drag and drop|per file|help for|no results|close|the)\b",
    re.I,
)
# Every text node and label of a document and its frames, leaving out what no one sees or
# hears: scripts, styles, noscript, and Material icon names (an icon's ligature text, such as
# "help", is drawn as a symbol; its accessible name is its Danish aria-label).
SAID = """() => {
  const out = [];
  const attributes = ["aria-label", "title", "placeholder", "alt", "aria-description",
                      "aria-roledescription"];
  const hidden = "script, style, noscript, [data-testid='stIconMaterial']";
  const walk = (doc) => {
    for (const e of doc.querySelectorAll("*")) {
      if (e.closest(hidden)) continue;
      for (const a of attributes) if (e.getAttribute(a)) out.push(a + ": " + e.getAttribute(a));
    }
    const texts = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let n; (n = texts.nextNode()); ) {
      if (n.parentElement && n.parentElement.closest(hidden)) continue;
      if (n.textContent.trim()) out.push(n.textContent.trim());
    }
    for (const f of doc.querySelectorAll("iframe")) if (f.contentDocument) walk(f.contentDocument);
  };
  walk(document);
  return out;
}"""


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_speaks_danish(page, path):
    page.goto(path)
    page.page.get_by_test_id("stMain").locator("h1, h2").first.wait_for(timeout=30_000)
    page.page.wait_for_timeout(1500)  # charts and the map draw after the run
    assert page.page.evaluate("document.documentElement.lang") == "da"
    assert page.page.title() == PAGES[path]
    english = sorted({s for s in page.page.evaluate(SAID) if ENGLISH.search(s)})
    assert english == []
    assert page.external_requests == []
