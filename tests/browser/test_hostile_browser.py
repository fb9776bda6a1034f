"""Text from the data is never interpreted: figures whose titles, notes and units carry Markdown,
Streamlit's own markup and HTML are published the way staff publish (the import), and every page
shows them as plain text, with no request leaving the machine.

The app runs on its own server here, over its own published store."""

import pytest
from harness import OFF_THE_MACHINE, READY, READY_TIMEOUT_MS, app_over
from helpers import private_store
from playwright.sync_api import Browser

from sikkerby.ingest import importer

OWN_SERVER = True  # its own app server and store (see conftest.py)
TRACKER = "198.51.100.7"  # TEST-NET-2: never a real host
TITLE = (
    f"SYNTETISK ![p](http://{TRACKER}/p.png) **fed** $x^2$ :red[rød] "
    f"<img src=http://{TRACKER}/i.png> [klik](http://{TRACKER}/k)"
)
NOTE = f"Note ![n](http://{TRACKER}/n.png) www.{TRACKER}.example anna@{TRACKER}.example"
UNIT = f"% ![u](http://{TRACKER}/u.png)"
HEADER = "indicator,area,year,value,unit,quality,source_title,source_url,note"
ROWS = [
    # A district's figure, below the published 80 % so that it is the one shown (the least
    # favourable of two sources): the map's panel, the area page.
    ("trygge_nabolag_pct", "Bispebjerg", "2026", "79"),
    # The city's figure of goal 1 of 2018-2021: the overview's chart, "Kilde:" line and table.
    ("utrygge_nabolag_pct", "København", "2021", "9"),
    # A youth figure: the youth page.
    ("sigtede_15_17_pct", "København", "2019", "3.1"),
]
OPEN_EXPANDERS = (
    "document.querySelectorAll('[data-testid=\"stExpander\"] details')"
    ".forEach(d => { d.open = true; })"
)
SHOWN = [
    "/?periode=2018-2021",
    "/kort?indikator=trygge_nabolag&aar=2026&bydel=bispebjerg",
    "/bydele?bydel=bispebjerg",
    "/unge",
    "/praesentation?periode=2022-2025&indikator=trygge_nabolag&aar=2026&dias=11",
]
PAGES = [
    "/?periode=2018-2021",
    "/?periode=2022-2025",
    "/kort?indikator=trygge_nabolag&aar=2026&bydel=bispebjerg",
    "/bydele?bydel=bispebjerg",
    "/unge",
    "/opdater",
    "/praesentation?periode=2022-2025&indikator=trygge_nabolag&aar=2026&dias=11",
]


def quoted(cell: str) -> str:
    return '"' + cell.replace('"', '""') + '"'


@pytest.fixture(scope="module")
def hostile_app(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    store = private_store(folder)
    upload = folder / "fjendtlig.csv"
    lines = [
        ",".join(
            [
                indicator,
                area,
                year,
                value,
                quoted(UNIT),
                "secondary",
                quoted(TITLE),
                "",
                quoted(NOTE),
            ]
        )
        for indicator, area, year, value in ROWS
    ]
    upload.write_text("\n".join([HEADER, *lines]) + "\n", encoding="utf-8")
    assert importer.main([str(upload), "--store", str(store)]) == 0
    with app_over(store, folder) as base:
        yield base


def test_markup_in_the_data_is_shown_as_written_and_fetches_nothing(browser: Browser, hostile_app):
    context = browser.new_context(viewport={"width": 1600, "height": 1400}, locale="da-DK")
    external: list[str] = []
    context.route(
        OFF_THE_MACHINE, lambda route: (external.append(route.request.url), route.abort())
    )
    page = context.new_page()
    seen = {}
    try:
        for path in PAGES:
            page.goto(hostile_app + path)
            page.wait_for_selector(READY, state="attached", timeout=READY_TIMEOUT_MS)
            page.wait_for_timeout(800)  # charts, the map and tables draw after the script
            page.evaluate(OPEN_EXPANDERS)  # every table of sources, opened
            page.wait_for_timeout(500)
            main = page.get_by_test_id("stMain")
            text = main.inner_text().replace("\u2060", "")
            seen[path] = TITLE in text or "SYNTETISK ![p]" in text
            assert main.locator("strong", has_text="fed").count() == 0, path
            assert main.locator(".katex").count() == 0, path
            sources = main.locator("img").evaluate_all("els => els.map(e => e.src)")
            assert not [s for s in sources if TRACKER in s], (path, sources)
            links = main.locator("a").evaluate_all("els => els.map(e => e.href)")
            assert not [h for h in links if TRACKER in h], (path, links)
        assert external == [], external
    finally:
        context.close()
    # The payload is on the pages that show these figures' sources, as written.
    # Goal 1 of 2022-2025 lists Bispebjerg's 2026 figure only in its table of sources, a data
    # grid drawn on a canvas, whose text reaches the DOM only when drawn: not counted here.
    seen.pop("/?periode=2022-2025")
    assert [p for p, shown in seen.items() if shown] == SHOWN, seen
