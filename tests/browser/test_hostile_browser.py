"""Text from the data is never interpreted: every text column of every registry (names, short
names, titles, descriptions, notes, hints, units, sources, labels) and of the figures (source
titles, notes, units) carries Markdown, Markdown links and images to an address off the machine,
raw HTML, a script, Streamlit's :red[…] and :material/…: marks, a formula and a spreadsheet
formula, published the way staff publish a version. Every page, the map's labels and tooltips,
every slide of both decks, the downloads and the yearly report show it as written, and no
request leaves the machine.

Logged in as an editor, /opdater shows a hostile file as written too: its name (the problems'
title and table, the history's "Fil"), its rows in the preview (added, changed and removed:
titles, notes, units, names), the problems it has, and the page with a damaged version's notice.
Source titles and notes that read like Streamlit's own English ("Upload", "Remove x", "Page not
found" …) are shown as written, not in the Danish the translator gives Streamlit's own words.

Ids, slugs, numbers, choices and the columns other columns refer to (aliases, footprints) are
left as they are. A figure's unit must name its indicator's unit (the validator), so a hostile
indicator unit is put inside each of its figures' units; markup is not refused there.

The app runs on its own server here, over its own published store, with login set up (a
local OpenID provider, as in test_opdater_browser.py), in one browser context."""

import csv
import io
import re
import zipfile
from dataclasses import dataclass, field
from datetime import date

import docx
import openpyxl
import pytest
from harness import OFF_THE_MACHINE, READY, READY_TIMEOUT_MS
from helpers import copy_project_data, current_figures, private_store
from playwright.sync_api import Browser, Page, expect
from test_opdater_browser import (
    EDITOR,
    ISSUER_PAGE,
    UPLOADER_ENGLISH,
    UPLOADER_SAID,
    app_with_login,
    log_in,
    open_page,
    said,
)

from sikkerby import versions
from sikkerby.ingest import importer, publish
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
# A click on the first closed expander's summary, as a visitor opens it (Streamlit draws an
# expander's content when its own click handler opens it, not when `open` is set): whether
# there was one.
OPEN_NEXT = """() => {
  const summary = document.querySelector(
    '[data-testid="stExpander"] details:not([open]) > summary');
  if (summary) summary.click();
  return Boolean(summary);
}"""
# Every open expander's content drawn: the script has finished, no placeholder is left, and each
# open expander holds an element (a keyed one's table comes with the run its opening starts).
DRAWN = """(ready) => document.querySelector(ready)
  && !document.querySelector('[data-testid="stSkeleton"]')
  && Array.from(document.querySelectorAll('[data-testid="stExpander"] details[open]')).every(
    (d) => d.querySelector(
      '[data-testid="stExpanderDetails"] [data-testid="stElementContainer"]'))"""


def open_expanders(page, most_ms: int = 30_000) -> None:
    """Every expander opened, one after the other, and its content drawn: a table behind a keyed
    expander is sent by the run its opening starts (`sikkerby.ui.components.lazy`), and an
    opened expander first shows a placeholder (`stSkeleton`) while the browser loads the
    table's code, later still on a loaded machine."""
    for _ in range(50):  # no page has as many
        if not page.evaluate(OPEN_NEXT):
            return
        page.wait_for_function(DRAWN, arg=READY, timeout=most_ms)
    raise AssertionError("an expander did not stay open")


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
  const exactly = (selector, text, but) => Array.from(document.querySelectorAll(selector))
    .filter(e => e.textContent.trim() === text)
    .filter(e => !but || !(e.closest(but) || e.querySelector(but))).map(e => e.tagName);
  const holding = (selector) => Array.from(document.querySelectorAll(selector))
    .map(e => e.textContent.replaceAll('\\u2060', '').includes(payload));
  return {
    pointing,
    bold: exactly('strong, b', 'fed'),
    red: exactly('span', 'rød'),
    // An icon, but the app's own beside a notice (the damage notice's :material/warning:).
    icon: exactly('span, i', 'warning', '[data-testid="stAlertDynamicIcon"]'),
    katex: document.querySelectorAll('.katex, math').length,
    scripts: Array.from(document.scripts)
      .filter(s => s.textContent.trim().startsWith('fetch(')).length,
    text: (document.body ? document.body.innerText : '').replaceAll('\\u2060', ''),
    labels: holding('.bydel-etiket'),
    slides: holding('.dias-bunke section.dias'),
  };
}"""
PERIODS = ("2018-2021", "2022-2025")
# Each page once; the payload is in the text of each but /opdater (a visitor: not logged in).
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
    "/praesentation?periode=2022-2025&indikator=trygge_nabolag&aar=2025&dias=11",
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
            # The only fields are the report's own: page numbers and the contents' page
            # references to its own bookmarks (no HYPERLINK, nothing made of the data's text).
            fields = re.findall(r"<w:instrText[^>]*>([^<]*)</w:instrText>", xml)
            own = re.compile(r" (PAGE|NUMPAGES|PAGEREF _Toc\w+ \\h) ")
            assert [f for f in fields if not own.fullmatch(f)] == [], name
            # Links inside the document only: to a bookmark, never to an address.
            assert not re.search(r"<w:hyperlink (?![^>]*w:anchor=)", xml), name
    document = docx.Document(io.BytesIO(made))
    said = [p.text for p in document.paragraphs] + [
        cell.text for t in document.tables for row in t.rows for cell in row.cells
    ]
    assert any(PAYLOAD in line for line in said)


def inspect(page: Page) -> list[dict]:
    """Every frame of the page (the map is in one), as INSPECT sees it."""
    found = {"tracker": TRACKER, "payload": PAYLOAD}
    return [frame.evaluate(INSPECT, found) for frame in page.frames]


@dataclass
class Visit:
    """The module's one browser context on the module's one server (with login set up): the
    page, the server's URL, what the test looks at now, and the addresses off the machine that
    were asked for (with what the test looked at then)."""

    page: Page
    base: str
    at: str = ""
    external: list[tuple[str, str]] = field(default_factory=list)
    editor: bool = False

    def open(self, path: str) -> None:
        self.at = path
        open_page(self.page, self.base + path)

    def as_editor(self) -> None:
        """Logged in as the editor, on /opdater (logs in the first time)."""
        self.at = "login"
        if not self.editor:
            log_in(self.page, self.base, EDITOR)
            self.editor = True
        self.open("/opdater")
        expect(self.page.get_by_test_id("stMain")).to_contain_text(
            said(f"Logget ind som {EDITOR}"), timeout=READY_TIMEOUT_MS
        )


@pytest.fixture(scope="module")
def visit(browser: Browser, hostile_store):
    folder, store = hostile_store
    context = browser.new_context(viewport={"width": 1600, "height": 1400}, locale="da-DK")
    try:
        with app_with_login(store, folder) as base:
            seen = Visit(context.new_page(), base)

            def block(route) -> None:
                # The provider's own login form fetches a stylesheet from a CDN: not the app's.
                if not route.request.frame.url.startswith(ISSUER_PAGE):
                    seen.external.append((seen.at, route.request.url))
                route.abort()

            context.route(OFF_THE_MACHINE, block)
            yield seen
    finally:
        context.close()


def wrong_in(frames: list[dict]) -> dict:
    """What INSPECT found that must not be: a pointer to the tracker, markup made of the
    payload, a formula, a script from the data."""
    found = {}
    for f in frames:
        for key in ("pointing", "bold", "red", "icon", "katex", "scripts"):
            if f[key]:
                found[key] = f[key]
    return found


def test_every_page_slide_and_map_shows_the_text_as_written_and_fetches_nothing(visit):
    page = visit.page
    shown, wrong = {}, {}
    for path in PAGES:
        visit.open(path)
        page.wait_for_timeout(800)  # charts, the map and tables draw after the script
        open_expanders(page)  # every table of sources
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
        if wrong_in(frames):
            wrong[path] = wrong_in(frames)
    assert visit.external == [], visit.external
    assert wrong == {}, wrong
    # The payload as written in each page's text, in the map's frame (its tooltip) and labels,
    # and on every slide of both decks; /opdater asks a visitor to log in.
    kort = shown.pop(PAGES[2])
    assert len(kort) == 2 and all(kort), kort
    assert {
        path: seen if isinstance(seen, bool) else any(seen) for path, seen in shown.items()
    } == {
        **{path: path != "/opdater" for path in PAGES if path != PAGES[2]},
        "kort: labels": True,
        **{f"{path}: every slide": True for path in PAGES if path.startswith("/praesentation")},
    }, shown


# Source titles and notes that are, word for word, what Streamlit writes in English, and what
# the Danish translator would make of them if it looked where the app shows its data.
AS_WRITTEN = {
    "Upload": "Vælg fil",
    "Remove x": "Fjern x",
    "No results": "Ingen resultater",
    "Page not found": "Siden findes ikke",
    "The page that you have requested does not seem to exist": "Adressen blev ikke fundet.",
    "Help for y": "Hjælp til y",
}
# Every text of the page's body and frames, trimmed (but scripts and styles), and every label.
TEXTS = """() => {
  const out = [];
  const walk = (doc) => {
    const texts = doc.createTreeWalker(doc.body, NodeFilter.SHOW_TEXT);
    for (let n; (n = texts.nextNode()); ) {
      if (n.parentElement.closest("script, style, noscript")) continue;
      if (n.textContent.trim()) out.push(n.textContent.trim());
    }
    for (const e of doc.querySelectorAll("[aria-label], [title], [placeholder], [alt]")) {
      for (const a of ["aria-label", "title", "placeholder", "alt"]) {
        if (e.getAttribute(a)) out.push(e.getAttribute(a).trim());
      }
    }
    for (const f of doc.querySelectorAll("iframe")) if (f.contentDocument) walk(f.contentDocument);
  };
  walk(document);
  return out;
}"""


def write_figures(path, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=FIGURES.column_names, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def settled_texts(page, most_ms: int = 20_000) -> set[str]:
    """The page's texts once they stop changing, read every half second for at most
    `most_ms`."""
    before = set(page.evaluate(TEXTS))
    for _ in range(most_ms // 500):
        page.wait_for_timeout(500)
        now = set(page.evaluate(TEXTS))
        if now == before:
            return now
        before = now
    return before


def test_source_titles_and_notes_in_streamlit_s_english_are_shown_as_written(
    visit, hostile_store, tmp_path
):
    """The Danish translator says Streamlit's own words in Danish only where Streamlit shows
    them (the upload field, a menu, a dialog …): a source title or note that reads "Upload",
    "Remove x" or "Page not found" is shown as written, while the upload field speaks Danish."""
    _, store = hostile_store
    rows = current_figures(store)
    words, taken = list(AS_WRITTEN), set()
    for i, row in enumerate(rows):
        # In turn, but never two sources of one figure with the same title.
        figure = (row["indicator"], row["area"], row["year"])
        turn = next(k for k in range(i, i + len(words)) if (*figure, k % len(words)) not in taken)
        taken.add((*figure, turn % len(words)))
        row["source_title"] = words[turn % len(words)]
        row["note"] = words[(turn + 1) % len(words)]
    write_figures(tmp_path / "engelsk.csv", rows)
    code = importer.main([str(tmp_path / "engelsk.csv"), "--store", str(store), "--erstat-alt"])
    assert code == 0
    shown = {}
    for path in ("/?periode=2018-2021", "/?periode=2022-2025", "/bydele?bydel=bispebjerg"):
        visit.open(path)
        visit.page.get_by_test_id("stMain").get_by_text("Kilde:").first.wait_for()
        visit.page.wait_for_timeout(800)
        open_expanders(visit.page)
        shown[path] = settled_texts(visit.page)
    everywhere = set().union(*shown.values())
    assert {w: w in everywhere for w in AS_WRITTEN} == dict.fromkeys(AS_WRITTEN, True)
    danish = {
        path: sorted(t for t in texts for d in AS_WRITTEN.values() if d in t)
        for path, texts in shown.items()
    }
    assert not any(danish.values()), danish

    visit.as_editor()
    field = visit.page.get_by_test_id("stFileUploader")
    expect(field).to_contain_text("Højst 20 MB pr. fil • CSV, XLSX", timeout=READY_TIMEOUT_MS)
    expect(field.get_by_role("button", name="Vælg fil")).to_be_visible()
    uploader = visit.page.evaluate(UPLOADER_SAID)
    assert [s for s in uploader if UPLOADER_ENGLISH.search(s)] == [], uploader
    assert visit.external == [], visit.external


# The editor's file is named with markup too (a browser sends any name a file has).
FILE_NAME = f"![x](http://{TRACKER}/f.png) <b>fed</b>.csv"
CLI_NAME = f"![x]({TRACKER} f.png) <b>b <img src=x.png> $x^2$ **fed**.csv"
# Every cell of /opdater's tables (the problems, the history) as shown.
TABLE_CELLS = """() => Array.from(document.querySelectorAll('[data-testid="stTable"] td'))
  .map(td => td.textContent.replaceAll('\\u2060', '').trim())"""


def upload(page: Page, rows: list[dict[str, str]]) -> None:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIGURES.column_names, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    data = out.getvalue().encode("utf-8")
    page.locator("input[type=file]").set_input_files(
        {"name": FILE_NAME, "mimeType": "text/csv", "buffer": data}
    )


def looked_at(page: Page) -> tuple[dict, str]:
    """What must not be on the page (see `wrong_in`), and the page's text."""
    page.wait_for_timeout(600)  # the tables draw after the script
    open_expanders(page)
    frames = inspect(page)
    return wrong_in(frames), "\n".join(f["text"] for f in frames)


def grid_texts(page: Page) -> str:
    """The text of every st.dataframe on the page: a grid draws the columns in view, so each is
    scrolled across, a view at a time."""
    seen = []
    for grid in page.get_by_test_id("stDataFrame").all():
        scroller = grid.locator(".dvn-scroller").first
        width, step = scroller.evaluate("e => [e.scrollWidth, e.clientWidth]")
        for left in range(0, width, max(step // 2, 1)):
            scroller.evaluate("(e, x) => { e.scrollLeft = x; }", left)
            page.wait_for_timeout(150)
            seen.append(grid.evaluate("e => e.textContent").replace("\u2060", ""))
    return "\n".join(seen)


def test_an_editor_s_hostile_file_is_shown_as_written_on_the_update_page(
    visit, hostile_store, tmp_path
):
    """Logged in as an editor: a file whose name, titles, notes, units and areas carry the
    payload, refused (the problems table), then previewed (added, changed and removed rows)
    and published (the history's "Af" and "Fil"), and the notice of a damaged version: the
    payload as written everywhere, nothing fetched, no markup made of it."""
    _, store = hostile_store
    page = visit.page
    main = page.get_by_test_id("stMain")
    visit.as_editor()
    wrong, texts = {}, {}

    # A file with problems: an unknown area and a value that is no number, both quoted.
    current = current_figures(store)
    bad = {**current[0], "area": PAYLOAD, "year": "2027"}
    bad_value = {**current[1], "value": PAYLOAD, "year": "2027"}
    upload(page, [bad, bad_value])
    expect(main).to_contain_text("intet er ændret", timeout=READY_TIMEOUT_MS)
    wrong["problems"], texts["problems"] = looked_at(page)
    cells = page.evaluate(TABLE_CELLS)
    assert FILE_NAME in cells, cells  # the problems' "Fil"
    assert any(PAYLOAD[:40] in c for c in cells), cells  # the area, quoted as written

    # All figures: one new (title, note and unit carry the payload), one changed (its note),
    # one left out (removed).
    main.get_by_text("alle tal (tal, som filen ikke har, fjernes)").click()
    expect(main.get_by_role("radio", name=re.compile("^alle tal"))).to_be_checked()
    new = {
        **current[0],
        "year": "2027",
        "source_title": f"Ny {PAYLOAD}",
        "note": PAYLOAD,
    }
    changed = {**current[1], "note": f"Rettet {PAYLOAD}"}
    upload(page, [current[0], new, changed, *current[2:-1]])
    expect(main).to_contain_text(
        "1 nye, 1 ændrede og 1 fjernede tal i forhold til den gældende version",
        timeout=READY_TIMEOUT_MS,
    )
    wrong["preview"], texts["preview"] = looked_at(page)
    expect(page.get_by_test_id("stDataFrame")).to_have_count(3)  # added, changed, removed
    # The new row's title and unit, the change of a note ("note: … → Rettet …").
    grids = grid_texts(page)
    assert f"Ny {PAYLOAD}" in grids and f"→ Rettet {PAYLOAD}" in grids, grids

    main.get_by_role("button", name="Offentliggør").click()
    expect(main).to_contain_text("er offentliggjort og vises nu", timeout=READY_TIMEOUT_MS)
    made = versions.current(store)
    assert (made.record.by, made.record.file_name) == (EDITOR, FILE_NAME)
    wrong["history"], texts["history"] = looked_at(page)
    cells = page.evaluate(TABLE_CELLS)
    assert FILE_NAME in cells and EDITOR in cells, cells  # "Fil" and "Af"

    # A version from the command line, named with markup too (a file system allows all but
    # "/"), damaged on disk before the server has read it: the notice at the top says so.
    on_disk = tmp_path / CLI_NAME
    write_figures(on_disk, [{**changed, "note": PAYLOAD}])
    assert importer.main([str(on_disk), "--store", str(store)]) == 0
    path = versions.current(store).parquet / "figures.parquet"
    data = bytearray(path.read_bytes())
    for i in range(len(data) // 2, len(data) // 2 + 16):
        data[i] ^= 0xFF
    path.write_bytes(bytes(data))
    visit.open("/opdater")
    expect(main.get_by_test_id("stAlert").first).to_contain_text(
        "beskadiget", timeout=READY_TIMEOUT_MS
    )
    # The history is drawn after the notice: wait for its newest row before reading it.
    expect(main.get_by_test_id("stTable").filter(has_text=CLI_NAME).first).to_be_visible(
        timeout=READY_TIMEOUT_MS
    )
    wrong["damaged"], texts["damaged"] = looked_at(page)
    cells = page.evaluate(TABLE_CELLS)
    assert FILE_NAME in cells and CLI_NAME in cells and EDITOR in cells, cells

    assert visit.external == [], visit.external
    assert {k: v for k, v in wrong.items() if v} == {}, wrong
    # The file's name as written in the problems' title and the history, and on the page
    # with the notice.
    named = {k: FILE_NAME in t for k, t in texts.items() if k != "preview"}
    assert named == dict.fromkeys(named, True), named
