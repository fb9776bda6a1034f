"""Text from the data is never interpreted: every text column of every registry (names, short
names, titles, descriptions, notes, hints, units, sources, labels) and of the figures (source
titles, notes, units) carries Markdown, Markdown links and images to an address off the machine,
raw HTML, a script, Streamlit's :red[…] and :material/…: marks, a formula and a spreadsheet
formula, published the way staff publish a version. Every page, the map's labels and tooltips,
every slide of both decks, the downloads and the yearly report show it as written, and no
request leaves the machine.

Ids, slugs, numbers, choices and the columns other columns refer to (aliases, footprints) are
left as they are. A figure's unit must name its indicator's unit (the validator), so a hostile
indicator unit is put inside each of its figures' units; markup is not refused there.

The app runs on its own server here, over its own published store, in one browser context."""

import csv
import io
import re
import zipfile
from datetime import date

import docx
import openpyxl
import pytest
from harness import OFF_THE_MACHINE, READY, READY_TIMEOUT_MS, app_over
from helpers import copy_project_data, private_store
from playwright.sync_api import Browser, Page

from sikkerby.ingest import publish
from sikkerby.schema import FIGURES, SOURCES
from sikkerby.store import version_store

OWN_SERVER = True  # its own app server and store (see conftest.py)
TRACKER = "198.51.100.7"  # TEST-NET-2: never a real host
PAYLOAD = (
    f'=HYPERLINK("http://{TRACKER}/h";"h") ![p](http://{TRACKER}/p.png) '
    f"[klik](http://{TRACKER}/k) <img src=http://{TRACKER}/i.png> "
    f"<script>fetch('http://{TRACKER}/s')</script> :red[rød] :material/warning: $x^2$ **fed**"
)
# The text columns of each file that a reader sees. Left alone: ids, slugs, numbers, choices,
# references, and the names other columns match (aliases, footprints, an area's parent is
# renamed with the area it names).
HOSTILE = {
    "areas": ("name", "short_name", "note"),
    "indicators": ("name", "short_name", "unit", "source", "missing_hint"),
    "periods": ("title", "note"),
    "goals": ("group", "title", "description", "note"),
    "principles": ("title", "description", "note"),
    "thresholds": ("label",),
    "series_breaks": ("label", "description"),
    "figures": ("source_title", "note", "unit"),
}
OPEN_EXPANDERS = (
    "document.querySelectorAll('[data-testid=\"stExpander\"] details')"
    ".forEach(d => { d.open = true; })"
)
# What a page or frame points at (src, href …: fetched or followed), what Markdown made of the
# payload (bold, a coloured span, an icon, a formula), and its text, where it is shown.
INSPECT = """({tracker, payload}) => {
  const pointing = [];
  for (const el of document.querySelectorAll('*')) {
    for (const a of el.attributes) {
      const name = a.name.toLowerCase();
      if (['src', 'href', 'xlink:href', 'srcset', 'action', 'formaction', 'data', 'poster',
           'background', 'style'].includes(name) && a.value.includes(tracker)) {
        pointing.push(el.tagName + ' ' + name + '=' + a.value);
      }
    }
  }
  const exactly = (selector, text) => Array.from(document.querySelectorAll(selector))
    .filter(e => e.textContent.trim() === text).map(e => e.tagName);
  const holding = (selector) => Array.from(document.querySelectorAll(selector))
    .map(e => e.textContent.replaceAll('\\u2060', '').includes(payload));
  return {
    pointing,
    bold: exactly('strong, b', 'fed'),
    red: exactly('span', 'rød'),
    icon: exactly('span, i', 'warning'),
    katex: document.querySelectorAll('.katex, math').length,
    scripts: Array.from(document.scripts)
      .filter(s => s.textContent.trim().startsWith('fetch(')).length,
    text: (document.body ? document.body.innerText : '').replaceAll('\\u2060', ''),
    labels: holding('.bydel-etiket'),
    slides: holding('.dias-bunke section.dias'),
  };
}"""
PERIODS = ("2018-2021", "2022-2025")
# Each page once; the payload is in the text of each but /opdater (not configured here).
PAGES = [
    "/?periode=2018-2021",
    "/?periode=2022-2025",
    "/kort?indikator=trygge_nabolag&aar=2026&bydel=bispebjerg",
    "/bydele?bydel=bispebjerg",
    "/bydele?bydel=amager-partnerskab",
    "/unge",
    "/strategien",
    "/metode",
    "/opdater",
    # The handout under the slide holds every slide of the deck.
    "/praesentation?periode=2018-2021&indikator=utrygge_nabolag&aar=2021",
    "/praesentation?periode=2022-2025&indikator=trygge_nabolag&aar=2026&dias=11",
]


def hostile(value: str) -> str:
    return f"{value} {PAYLOAD}" if value else PAYLOAD


def hostile_data(folder):
    """The bundled sources with the payload in every text column a reader sees."""
    data = copy_project_data(folder)
    tables = {s.name: publish.read_csv(data / s.file) for s in SOURCES}
    names = {a["name"]: hostile(a["name"]) for a in tables["areas"]}
    units = {i["indicator"]: (i["unit"], hostile(i["unit"])) for i in tables["indicators"]}
    for source in SOURCES:
        for row in tables[source.name]:
            for column in HOSTILE[source.name]:
                if source is FIGURES and column == "unit":
                    old, new = units[row["indicator"]]
                    row["unit"] = row["unit"].replace(old, new, 1)
                elif source is FIGURES and column == "note":
                    row["note"] = PAYLOAD  # a cell that starts with "=": a formula in Excel
                else:
                    row[column] = hostile(row[column])
            if source.name == "areas" and row["parent"]:
                row["parent"] = names.get(row["parent"], hostile(row["parent"]))
        with open(data / source.file, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=source.column_names, lineterminator="\n")
            writer.writeheader()
            writer.writerows(tables[source.name])
    return data


@pytest.fixture(scope="module")
def hostile_store(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    store = private_store(folder)
    publish.publish_bundled("test", store, data_dir=hostile_data(folder))
    return folder, store


def test_the_files_to_download_hold_the_text_as_written_with_no_live_formula(hostile_store):
    from sikkerby.views import overview

    _, root = hostile_store
    files = overview.download(version_store(publish.current(root)), date.today())
    rows = list(csv.reader(io.StringIO(files.csv.decode("utf-8-sig")), delimiter=";"))
    cells = [c for row in rows for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert "'" + PAYLOAD in cells  # the note, neutralised by a leading apostrophe
    assert any(PAYLOAD in c and not c.startswith("'") for c in cells)  # a source title
    sheet = openpyxl.load_workbook(io.BytesIO(files.excel)).active
    values = [c for row in sheet.iter_rows() for c in row]
    assert not [c.coordinate for c in values if c.data_type == "f" or c.hyperlink]
    # The note, stored as text: Excel shows it, never computes it.
    assert [c.data_type for c in values if c.value == PAYLOAD] == ["s"] * len(files.table)


def test_the_yearly_report_holds_the_text_as_written_and_links_nowhere(hostile_store):
    from sikkerby import rapport

    _, root = hostile_store
    made = rapport.document(version_store(publish.current(root)), "2018-2021", 2021, 2026)
    with zipfile.ZipFile(io.BytesIO(made)) as parts:
        for name in parts.namelist():
            xml = parts.read(name).decode("utf-8", errors="replace")
            # Off the machine only as text: in a run (<w:t>) or an image's text alternative
            # (descr, title), never a relationship, a field (HYPERLINK) or another attribute.
            outside_text = re.sub(r"<w:t(?: [^>]*)?>[^<]*</w:t>", "", xml)
            outside_text = re.sub(r' (?:descr|title)="[^"]*"', "", outside_text)
            assert TRACKER not in outside_text, name
            assert "instrText" not in xml or "HYPERLINK" not in xml, name
    document = docx.Document(io.BytesIO(made))
    said = [p.text for p in document.paragraphs] + [
        cell.text for t in document.tables for row in t.rows for cell in row.cells
    ]
    assert any(PAYLOAD in line for line in said)


def inspect(page: Page) -> list[dict]:
    """Every frame of the page (the map is in one), as INSPECT sees it."""
    found = {"tracker": TRACKER, "payload": PAYLOAD}
    return [frame.evaluate(INSPECT, found) for frame in page.frames]


def test_every_page_slide_and_map_shows_the_text_as_written_and_fetches_nothing(
    browser: Browser, hostile_store
):
    folder, store = hostile_store
    context = browser.new_context(viewport={"width": 1600, "height": 1400}, locale="da-DK")
    external: list[tuple[str, str]] = []  # (the page, the address it asked for)
    shown, wrong = {}, {}
    context.route(
        OFF_THE_MACHINE,
        lambda route: (external.append((list(shown)[-1:], route.request.url)), route.abort()),
    )
    page = context.new_page()
    try:
        with app_over(store, folder) as base:
            for path in PAGES:
                shown[path] = []
                page.goto(base + path)
                page.wait_for_selector(READY, state="attached", timeout=READY_TIMEOUT_MS)
                page.wait_for_timeout(800)  # charts, the map and tables draw after the script
                page.evaluate(OPEN_EXPANDERS)  # every table of sources, opened
                if path.startswith("/kort"):
                    # A district's tooltip (Leaflet shows it as HTML), in the map's frame.
                    district = page.frame_locator("iframe").locator("path.leaflet-interactive")
                    district.first.hover(force=True)
                    page.frame_locator("iframe").locator(".leaflet-tooltip").wait_for()
                page.wait_for_timeout(400)
                frames = inspect(page)
                shown[path] = [PAYLOAD in f["text"] for f in frames]
                labels = [held for f in frames for held in f["labels"]]
                slides = [held for f in frames for held in f["slides"]]
                if path.startswith("/kort"):
                    shown["kort: labels"] = len(labels) > 13 and all(labels)  # 13, one marked
                if path.startswith("/praesentation"):
                    shown[path + ": every slide"] = len(slides) > 5 and all(slides)
                for f in frames:
                    for key in ("pointing", "bold", "red", "icon", "katex", "scripts"):
                        if f[key]:
                            wrong.setdefault(path, {})[key] = f[key]
    finally:
        context.close()
    assert external == [], external
    assert wrong == {}, wrong
    # The payload as written in each page's text, in the map's frame (its tooltip) and labels,
    # and on every slide of both decks.
    kort = shown.pop(PAGES[2])
    assert len(kort) == 2 and all(kort), kort
    assert {
        path: seen if isinstance(seen, bool) else any(seen) for path, seen in shown.items()
    } == {
        **{path: path != "/opdater" for path in PAGES if path != PAGES[2]},
        "kort: labels": True,
        **{f"{path}: every slide": True for path in PAGES if path.startswith("/praesentation")},
    }, shown
