"""Danish all the way: every page says `lang="da"`, names its tab after itself, and shows no
English word a user could see or a screen reader could read (text, labels, titles,
placeholders), also inside the map's frame and after the charts are drawn."""

import re

import pytest

from sikkerby.ui import danish

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
# "help", is drawn as a symbol; its accessible name is its Danish aria-label), in Streamlit's
# own icons and in those of the app's Markdown (a badge's, a notice's).
SAID = """() => {
  const out = [];
  const attributes = ["aria-label", "title", "placeholder", "alt", "aria-description",
                      "aria-roledescription"];
  const hidden = "script, style, noscript, [data-testid='stIconMaterial'], " +
    "span[role='img'][translate='no']";
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


# The English words Streamlit, Leaflet and a browser write (the list), as whole words:
# none may reach the screen or a screen reader. (Not "for", "to", "link", "menu", "stop" or
# "app": Danish words too.)
ENGLISH_WORDS = re.compile(
    r"\b(apps?|pages?|sidebar|icons?|empty|connection|connected|error|not found|streamlit|"
    r"folium|component|expand|collapse|close|search|download|fullscreen|show|hide|press|"
    r"loading|running|rerun|deploy|settings|main menu|view|zoom in|zoom out|leaflet|"
    r"openstreetmap|contributors|attribution|the|you|your|please|internet|terminal|upload|"
    r"browse|drag|remove|cancel|submit|clear|toggle|select|choose|help for|no results|"
    r"navigate|home page|skip to|keyboard|shortcut)\b",
    re.I,
)
# What staff need and politicians should not read: a command, a program, a file, the project
# (tests/views/test_no_staff_words.py walks every view for the same words).
STAFF_WORDS = re.compile(
    r"sikkerby [a-zæøå]|python|\bKør\b|\.csv\b|\.xlsx\b|\bREADME\b|projektet|"
    r"kommandolinje|tilgængelige? (tekst|materiale|udskrift)",
    re.I,
)
# A secondary source cited as the file it was read in (a third party's repository): a source.
CITATION = re.compile(r"GitHub [\w.-]+/[\w.-]+, [\w./-]+\.csv")


# What a screen reader is given, frame by frame (the map's frame too), from the browser's own
# accessibility tree: every node's name and description, and every text but an icon's
# ligature (the icon itself is read by its name).
def heard(page) -> list[str]:
    """Every name, description and text of the page's accessibility tree and its frames'."""
    cdp = page.context.new_cdp_session(page)
    try:
        frames, todo = [], [cdp.send("Page.getFrameTree")["frameTree"]]
        while todo:
            tree = todo.pop()
            frames.append(tree["frame"]["id"])
            todo.extend(tree.get("childFrames", []))
        out = []
        for frame in frames:
            nodes = cdp.send("Accessibility.getFullAXTree", {"frameId": frame})["nodes"]
            role = {n["nodeId"]: (n.get("role") or {}).get("value") for n in nodes}
            for n in nodes:
                if n.get("ignored") or role[n["nodeId"]] == "InlineTextBox":
                    continue
                if role[n["nodeId"]] == "StaticText" and role.get(n.get("parentId")) == "image":
                    continue  # an icon's ligature ("check_circle"): read as its name
                for key in ("name", "description"):
                    said = str((n.get(key) or {}).get("value") or "").strip()
                    if said:
                        out.append(said)
        return out
    finally:
        cdp.detach()


def open_and_settle(page, path: str) -> None:
    page.goto(path)
    page.page.get_by_test_id("stMain").locator("h1, h2").first.wait_for(timeout=30_000)
    page.page.wait_for_timeout(1500)  # charts and the map draw after the run
    # The app's script has run once the tab is named after the page.
    page.page.wait_for_function("document.title.endsWith(' – Sikker By')", timeout=30_000)


def english_and_staff_words(page, path: str) -> tuple[list[str], list[str]]:
    """What the page shows or says (its accessibility tree, its texts and labels) in English,
    and, but on the update page, in staff's words."""
    said = heard(page.page) + page.page.evaluate(SAID)
    if path.startswith("/opdater"):
        # Staff's page names the server's settings file by its path.
        said = [s.replace(".streamlit/secrets.toml", "") for s in said]
    english = sorted({s for s in said if ENGLISH_WORDS.search(s) or "\\" in s})
    staff = sorted(
        {s for s in said if STAFF_WORDS.search(CITATION.sub("", s))}
        if not path.startswith("/opdater")
        else set()
    )
    return english, staff


EVERY_PAGE = [
    *PAGES,
    "/?periode=2022-2025",
    "/bydele?bydel=tingbjerg-husum",  # an empty table
    "/bydele?bydel=broenshoej-husum",
    "/kort?indikator=utrygge_nabolag&aar=2017",
    "/praesentation?periode=2018-2021&dias=2",
    "/ukendt",
]


@pytest.mark.parametrize("path", EVERY_PAGE)
def test_no_english_or_staff_word_reaches_the_screen_or_a_screen_reader(page, path):
    """The accessibility tree of every page and its frames (names, descriptions, texts) and
    every text and label on the screen: no English word, no Markdown backslash, and, on the
    pages politicians read, no command, file or "projektet"."""
    page.page.set_viewport_size({"width": 1280, "height": 720})
    open_and_settle(page, path)
    assert english_and_staff_words(page, path) == ([], [])
    assert page.page.evaluate("document.documentElement.lang") == "da"
    frames = page.page.locator("iframe")
    for i in range(frames.count()):
        title = frames.nth(i).get_attribute("title")
        lang = frames.nth(i).evaluate(
            "f => f.contentDocument && f.contentDocument.documentElement.lang"
        )
        assert (title, lang) == (danish.MAP_FRAME_TITLE, "da"), path
    assert page.external_requests == []


@pytest.mark.parametrize("path", ["/?periode=2018-2021", "/kort", "/bydele?bydel=bispebjerg"])
def test_on_a_phone_the_side_panel_speaks_danish_too(page, path):
    """On a phone the pages' navigation is a side panel, with its own buttons."""
    page.page.set_viewport_size({"width": 390, "height": 844})
    open_and_settle(page, path)
    button = page.page.get_by_test_id("stExpandSidebarButton")
    if button.count():
        button.click()
        page.page.wait_for_timeout(500)
    assert english_and_staff_words(page, path) == ([], [])
    assert page.external_requests == []


@pytest.mark.parametrize("path", list(PAGES))
def test_every_page_speaks_danish(page, path):
    page.goto(path)
    page.page.get_by_test_id("stMain").locator("h1, h2").first.wait_for(timeout=30_000)
    page.page.wait_for_timeout(1500)  # charts and the map draw after the run
    # The server sends Streamlit's page with lang="da"; the tab is named after the page once the
    # app's script has run (on a loaded machine a moment after the first heading).
    assert page.page.evaluate("document.documentElement.lang") == "da"
    page.page.wait_for_function("t => document.title === t", arg=PAGES[path], timeout=30_000)
    english = sorted({s for s in page.page.evaluate(SAID) if ENGLISH.search(s)})
    assert english == []
    assert page.external_requests == []


# Streamlit's own places, as its client writes them, beside the app's content holding the same
# English words: the translator's script on a page of its own, without a server.
# The not-found dialog's text as Streamlit writes it.
NOT_FOUND = "The page that you have requested does not seem to exist. Running the app's main page."
PLACES = f"""
<div data-testid="stDialog" role="dialog"><div id="dialog-title">Page not found</div>
  <div id="dialog-text">{NOT_FOUND}</div>
  <button id="dialog-close" aria-label="Close">x</button></div>
<div role="listbox" data-empty="true"><div role="option" id="empty">No results</div></div>
<div data-testid="stSelectbox"><input id="choose" placeholder="Choose an option">
  <button id="open" aria-label="Open"></button></div>
<span data-testid="stTooltipIcon">
  <button id="help" aria-label="Help for Help for y"></button></span>
<main data-testid="stMain">
  <div data-testid="stMarkdown"><div data-testid="stMarkdownContainer">
    <p>Page not found</p><p>The page that you have requested does not seem to exist</p>
    <p>No results</p><p>Upload</p><p>Remove x</p><p>Help for y</p></div></div>
  <div data-testid="stTable"><table><tr><td>Upload</td><td>Remove x</td><td>Choose an option</td>
    <td>Help for y</td><td>20MB per file</td><td>1.2KB</td></tr></table></div>
  <div role="listbox"><div role="option">No results</div></div>
  <div data-testid="stCaption" title="Help for y">Open</div>
</main>
"""
AS_WRITTEN = [
    "Page not found",
    "The page that you have requested does not seem to exist",
    "No results",
    "Upload",
    "Remove x",
    "Help for y",
]


def test_streamlit_s_words_are_danish_only_where_streamlit_shows_them(browser):
    """The dialog, an empty menu, a selectbox and a help button speak Danish; the same words in
    the app's content (Markdown, a table, a menu's options, a caption) are left as written, also
    when they are added after the script ran."""
    from sikkerby.ui import danish

    context = browser.new_context(locale="da-DK")
    try:
        page = context.new_page()
        page.set_content(f"<html><body>{PLACES}</body></html>")
        page.add_script_tag(content=danish.script("Test"))
        later = "<p>Upload</p><p>Page not found</p>"
        page.evaluate(
            """later => {
              const p = document.createElement('div');
              p.setAttribute('data-testid', 'stMarkdown');
              p.innerHTML = later;
              document.querySelector('main').append(p);
            }""",
            later,
        )
        page.wait_for_timeout(100)  # the observer runs after the change
        said = page.evaluate(
            """() => ({
              title: document.getElementById('dialog-title').textContent,
              text: document.getElementById('dialog-text').textContent,
              close: document.getElementById('dialog-close').getAttribute('aria-label'),
              empty: document.getElementById('empty').textContent,
              choose: document.getElementById('choose').getAttribute('placeholder'),
              open: document.getElementById('open').getAttribute('aria-label'),
              help: document.getElementById('help').getAttribute('aria-label'),
              main: Array.from(document.querySelectorAll('main p, main td, main [role=option]'))
                .map(e => e.textContent),
              caption: [document.querySelector('[data-testid=stCaption]').textContent,
                        document.querySelector('[data-testid=stCaption]').title],
            })"""
        )
    finally:
        context.close()
    assert said == {
        "title": "Siden findes ikke",
        "text": "Adressen blev ikke fundet.",
        "close": "Luk",
        "empty": "Ingen resultater",
        "choose": "Vælg",
        "open": "Åbn",
        "help": "Hjælp til Help for y",
        "main": [
            *AS_WRITTEN,
            "Upload",
            "Remove x",
            "Choose an option",
            "Help for y",
            "20MB per file",
            "1.2KB",
            "No results",
            "Upload",
            "Page not found",
        ],
        "caption": ["Open", "Help for y"],
    }
