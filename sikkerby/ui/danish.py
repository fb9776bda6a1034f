"""Danish all the way: what Streamlit, Vega and Leaflet would say in English, said in Danish or
not shown.

`apply(title)` runs on every page view: it marks the document as Danish (`lang="da"`), names
the browser's tab "<page> – <the site's name>", hides the menus that only speak English (the charts'
"…" menu, the elements' toolbars) and puts Danish words on the labels Streamlit writes itself,
for the eye and for screen readers, also on what appears later (a MutationObserver).

Each word is said in Danish only where Streamlit shows it (RULES: the upload field's texts in
the upload field, the not-found dialog's in the dialog, "No results" in an empty menu …), never
in what the app shows (KEEP): a source titled "Upload" or a note reading "Page not found" is
shown as written.
"""

import html as markup
import json
import re

from sikkerby import site
from sikkerby.ui import components

# What the app itself shows: text from the data (titles, notes, names, sources …) and the app's
# own Danish. Nothing inside one of these is ever translated, unless the place a rule names is
# itself inside it (a heading's link, a large number's help button).
KEEP_IDS = (
    "stMarkdown",
    "stMarkdownContainer",
    "stCaption",
    "stText",
    "stCode",
    "stMetric",
    "stMetricLabel",
    "stMetricValue",
    "stMetricDelta",
    "stTable",
    "stDataFrame",
    "stAlert",
    "stAlertContainer",
    "stWidgetLabel",
    "stTooltipContent",
    "stExpander",
    "stFileChipName",  # the uploaded file's name
)
KEEP = ", ".join(
    [
        *(f'[data-testid="{t}"]' for t in KEEP_IDS),
        "h1, h2, h3, h4, h5, h6, iframe, table, [role='grid'], #vg-tooltip-element",
        "[role='listbox']:not([data-empty])",  # a menu's options
    ]
)
LABELS = ("aria-label", "title", "placeholder", "alt")


def rule(
    within: str,
    *,
    text: bool = False,
    labels: tuple[str, ...] = (),
    words: dict[str, str] | None = None,
    patterns: tuple[tuple[str, str], ...] = (),
    own: bool = False,
) -> dict:
    """Streamlit's own English where it shows it: a text (`text`) or a label (`labels`, of
    LABELS) of an element inside `within` (a CSS selector) is said in Danish, if it is exactly
    one of `words`, or else by `patterns`, each in turn replacing what it matches (the first
    match) in what the previous ones left. Nothing the app shows (KEEP) inside `within` is,
    unless all of `within` is Streamlit's `own` (a button of its own whose label it writes as
    Markdown)."""
    assert set(labels) <= set(LABELS), labels
    return {
        "within": within,
        "text": text,
        "labels": list(labels),
        "words": words or {},
        "patterns": [list(p) for p in patterns],
        "own": own,
    }


UPLOADER = '[data-testid="stFileUploader"]'
CHIP = f'{UPLOADER} [data-testid="stFileChip"]'
# A file's size in the upload field: "1.2KB".
SIZE = r"(\d+)\.(\d+) ?([KMGT]?B)"
# The upload field's refusals of a file. A refusal can be two sentences in one text
# ("text/plain files are not allowed. File must be 20.0MB or smaller.").
REFUSALS = (
    (
        r"File must be (\d+)\.(\d+) ?([KMGT]?B) or smaller\.",
        "Filen må højst fylde $1,$2 $3.",
    ),
    (r"File must be (\d+) ?([KMGT]?B) or smaller\.", "Filen må højst fylde $1 $2."),
    (r"^(?:This type of )?files are not allowed\.", "Filtypen er ikke tilladt."),
    (r"(\S+) files are not allowed\.", "Filtypen $1 er ikke tilladt."),
    (r"File size is too small\.", "Filen er for lille."),
    (r"Only one file is allowed\.", "Kun én fil ad gangen."),
    (r"Unexpected error\. Please try again\.", "Uventet fejl. Prøv igen."),
)
# What the app's icons show, for screen readers (Streamlit would read out their English names):
# beside a status's own words, a symbol's shape ("flueben"), not its meaning a second time.
ICONS = {
    "check_circle": "flueben",
    "check_circle_outline": "flueben",
    "cancel": "kryds",
    "trending_down": "pil nedad",
    "trending_flat": "vandret pil",
    "help": "hjælp",
    "info": "oplysning",
    "warning": "advarsel",
    "error": "fejl",
    "cloud_off": "mangler",
    "link_off": "intet link",
    "event": "kalender",
    "history": "historik",
    "description": "dokument",
    "arrow_back": "tilbage",
    "arrow_forward": "frem",
    "skip_previous": "første",
    "skip_next": "sidste",
    "pause": "pause",
    "play_arrow": "afspil",
}
# Streamlit's words when the server does not answer (it reconnects by itself when it does).
NO_ANSWER = (
    "Dashboardets server svarer ikke lige nu. Siden prøver igen af sig selv; virker det ikke "
    "om lidt, så kontakt dem, der driver dashboardet."
)
# The district map's frame, for screen readers (streamlit-folium names it in English).
MAP_FRAME_TITLE = "Kort over bydelene"
# The rules in turn: the first that changes a text or label says it.
RULES = [
    rule(
        '[data-testid="stSkipToContent"]',
        text=True,
        words={"Skip to main content": "Gå til indholdet"},
    ),
    # A heading's link and a help button's name ("Help for <the label as written>").
    rule(
        '[data-testid="stHeaderActionElements"] a',
        labels=("aria-label", "title"),
        words={"Link to heading": "Link til overskriften"},
    ),
    rule(
        '[data-testid="stTooltipIcon"]',
        labels=("aria-label",),
        words={"Help": "Hjælp"},
        patterns=((r"^Help for (.+)$", "Hjælp til $1"),),
    ),
    # An icon the app writes itself (:material/help:): its name for screen readers, which
    # Streamlit makes "<icon's name> icon" ("check_circle icon"). Each icon the app uses says
    # what it shows; another one is a "symbol".
    rule(
        '[role="img"]:not(svg)',
        labels=("aria-label",),
        words={f"{name} icon": danish for name, danish in ICONS.items()} | {"Loading": "Henter"},
        patterns=((r"^[a-z0-9_]+ icon$", "symbol"),),
    ),
    # The pages' navigation (at the top, or in the side panel on a narrow screen), the side
    # panel's buttons and the logo's link.
    rule(
        '[data-testid="stTopNav"], [data-testid="stSidebarNav"], [data-testid="stSidebar"], '
        '[data-testid="stSidebarHeader"], [data-testid="stSidebarCollapseButton"], '
        '[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], '
        '[data-testid="stLogoLink"], [data-testid="stToolbar"], [data-testid="stMainMenu"]',
        labels=("aria-label", "title"),
        words={
            "App pages": "Sider",
            "Sidebar": "Sidepanel",
            "Expand sidebar": "Vis sidepanelet",
            "Collapse sidebar": "Skjul sidepanelet",
            "Navigate to home page": "Gå til forsiden",
            "Main menu": "Hovedmenu",
            "Stop script": "Afbryd",
        },
    ),
    # A button's keyboard shortcut (the slides' keys), for screen readers.
    rule(
        "button",
        labels=("aria-label", "title"),
        patterns=((r"^Shortcut (.+)$", "Genvej: $1"),),
    ),
    # An empty table (st.table with no rows) says so in Danish.
    rule(
        '[data-testid="stTableStyledEmptyTableCell"]',
        text=True,
        words={"empty": "ingen rækker"},
    ),
    # The elements' toolbars (hidden) and the charts' menu (hidden too): should they show.
    rule(
        '[data-testid="stElementToolbar"], .vega-embed .vega-actions, .vega-embed details',
        text=True,
        labels=("aria-label", "title"),
        words={
            "Fullscreen": "Fuld skærm",
            "Close fullscreen": "Luk fuld skærm",
            "Search": "Søg",
            "Download as CSV": "Hent som CSV",
            "Show/hide columns": "Vis eller skjul kolonner",
            "Zoom in": "Zoom ind",
            "Zoom out": "Zoom ud",
            "Show data": "Vis data",
            "Download as PNG": "Hent som PNG",
            "Download as SVG": "Hent som SVG",
            "Copy Vega-Lite spec": "Kopiér Vega-Lite-beskrivelsen",
            "View Source": "Vis kilden",
            "View Compiled Vega": "Vis Vega",
            "Open in Vega Editor": "Åbn i Vega Editor",
        },
    ),
    # A selectbox's buttons and empty field, and its menu when nothing matches.
    rule(
        ", ".join(
            f'[data-testid="{t}"]'
            for t in ("stSelectbox", "stMultiSelect", "stNumberInput", "stDateInput")
        ),
        labels=("aria-label", "title", "placeholder"),
        words={
            "Open": "Åbn",
            "Close": "Luk",
            "Clear all": "Ryd alt",
            "Clear value": "Ryd",
            "Select...": "Vælg …",
            "Choose an option": "Vælg",
        },
    ),
    rule('[role="listbox"][data-empty]', text=True, words={"No results": "Ingen resultater"}),
    rule(
        '[data-testid="stStatusWidget"], [data-testid="stStatusWidgetRunningIcon"]',
        text=True,
        labels=("aria-label", "title"),
        words={"Running...": "Arbejder …"},
    ),
    rule('[data-testid="stToast"] button', labels=("aria-label", "title"), words={"Close": "Luk"}),
    # The upload field (st.file_uploader): its button and hints, and per file its name for
    # screen readers ("tal.csv, 1.2KB"), its size, its button and its refusal. The file's own
    # name is shown as written.
    rule(
        f'{CHIP} [data-testid="stFileChipDeleteBtn"]',
        labels=("aria-label", "title"),
        words={"Remove file": "Fjern filen", "Delete": "Slet"},
        patterns=(
            (r"^Remove (.+)$", "Fjern $1"),
            (r"^Cancel upload of (.+)$", "Afbryd overførslen af $1"),
        ),
    ),
    rule(
        f"{CHIP} [role='alert']",
        text=True,
        words={
            "Error:": "Fejl:",
            "Upload failed": "Filen kunne ikke uploades",
            "Click to retry upload": "Klik for at prøve igen",
        },
        patterns=REFUSALS,
    ),
    # The same refusal in the tooltip of the file (Streamlit's own error tooltip).
    rule(
        '[data-testid="stTooltipErrorContent"]',
        text=True,
        words={"Upload failed": "Filen kunne ikke uploades"},
        patterns=REFUSALS,
        own=True,
    ),
    rule(
        CHIP,
        text=True,
        labels=("aria-label", "title"),
        words={"Upload failed": "Filen kunne ikke uploades"},
        patterns=(
            (f"^{SIZE}$", "$1,$2 $3"),  # the size, as a text of its own
            (f"^(.+), {SIZE}$", "$1, $2,$3 $4"),  # the chip's name: "<file as written>, 1,2 KB"
        ),
    ),
    rule(
        f'{UPLOADER} [data-testid="stFileUploaderDropzoneInstructions"]',
        text=True,
        # "20MB per file • CSV, XLSX" (older: "Limit 20 MB …").
        patterns=((r"^(?:Limit )?(\d+) ?([KMGT]?B) per file(.*)$", "Højst $1 $2 pr. fil$3"),),
    ),
    rule(
        f'{UPLOADER} [data-testid="stFileUploaderDropzone"] button',
        text=True,
        labels=("aria-label", "title"),
        words={
            "Browse files": "Vælg fil",
            "Upload": "Vælg fil",
            "Upload directories": "Vælg mapper",
            "Add files": "Tilføj filer",
        },
        own=True,
    ),
    rule(
        UPLOADER,
        text=True,
        labels=LABELS,
        words={
            "file upload": "Vælg en fil",  # the hidden file input's name for screen readers
            "Drag and drop file here": "Træk en fil hertil",
            "Drag and drop a file here": "Træk en fil hertil",
            "Drag and drop files here": "Træk filer hertil",
            "Drag and drop directories here": "Træk mapper hertil",
        },
    ),
    # Streamlit's own dialog for an address it finds no page for: the app shows its own page
    # instead (sikkerby.ui.fallback), but `streamlit run app.py` still shows the dialog on the
    # first deep link after a start (sikkerby.ui.serve), in Danish. The app opens no dialog.
    # Streamlit's dialog when the server stops answering (it tries again by itself): the app
    # runs offline, so nothing about the internet, and no terminal command (`streamlit run`).
    rule(
        '[data-testid="stDialog"], [role="dialog"]',
        text=True,
        labels=("aria-label", "title"),
        words={
            "Page not found": "Siden findes ikke",
            "Close": "Luk",
            "Connection error": "Ingen forbindelse",
            "Connection timed out.": NO_ANSWER,
            "streamlit run yourscript.py": "",
            "Unknown error": "Ukendt fejl.",
            "Unknown Error": "Ukendt fejl.",
        },
        patterns=(
            (
                r"^.*(does not seem to exist|no corresponding file was found).*$",
                "Adressen blev ikke fundet.",
            ),
            (r"^.*(is not responding|still running|Cannot connect to).*$", NO_ANSWER),
            (r"^Connection failed with status (\d+).*$", f"{NO_ANSWER} (status $1)"),
        ),
        own=True,  # all Streamlit's (its title is a heading): the app opens no dialog itself
    ),
    # The map's frame (streamlit-folium's component): named in Danish.
    rule(
        "iframe",
        labels=("title",),
        words={"streamlit_folium.st_folium": MAP_FRAME_TITLE},
        own=True,
    ),
]
CSS = """
/* This element itself takes no room. */
[data-testid="stElementContainer"]:has(#sikkerby-dansk) { display: none; }
/* Menus that only speak English: the charts' actions, the elements' toolbars. */
.vega-embed details, .vega-embed .vega-actions { display: none !important; }
[data-testid="stElementToolbar"] { display: none !important; }
/* Streamlit's dialogs show a terminal command or a server's raw answer in a code block. */
[data-testid="stDialog"] pre, [role="dialog"] pre { display: none !important; }
"""
SCRIPT = """
(() => {
  const title = %(title)s, keep = %(keep)s, attributes = %(labels)s;
  const rules = %(rules)s.map((r) => ({
    ...r, patterns: r.patterns.map(([p, d]) => [new RegExp(p), d]),
  }));
  // The app's document (a page embedding the app on another origin is not ours to read).
  const root = (() => {
    try { return window.parent.document || document; } catch (e) { return document; }
  })();
  // Per place ("text" or a label's name), the elements of every rule that says it: what lies in
  // none of them (most of a page, every chart's drawing) is passed over with one look.
  const anywhere = {};
  for (const where of ["text", ...attributes]) {
    anywhere[where] = rules.filter((r) => (where === "text" ? r.text : r.labels.includes(where)))
      .map((r) => r.within).join(", ");
  }
  // `where` ("text" or a label's name) of element `el` in Danish, or null: by the first rule
  // whose element holds `el` with nothing of the app's own (keep) in between.
  const say = (el, where, text) => {
    if (!anywhere[where] || !el.closest(anywhere[where])) return null;
    const plain = text.trim();
    const kept = el.closest(keep);
    for (const rule of rules) {
      if (where === "text" ? !rule.text : !rule.labels.includes(where)) continue;
      const scope = el.closest(rule.within);
      if (!scope || (!rule.own && kept && kept !== scope && scope.contains(kept))) continue;
      if (Object.prototype.hasOwnProperty.call(rule.words, plain)) {
        return text.replace(plain, rule.words[plain]);
      }
      let danish = plain;
      for (const [pattern, words] of rule.patterns) danish = danish.replace(pattern, words);
      if (danish !== plain) return danish;
    }
    return null;
  };
  // Every rule's element: what lies in none of them and holds none of them is not looked at.
  const everything = rules.map((r) => r.within).join(", ");
  const fix = (node) => {
    if (node.nodeType === Node.ELEMENT_NODE && !node.closest(everything)) {
      // Only the rules' own elements inside it (the outermost of each nest) are looked at: a
      // chart's drawing or a table of figures is passed over by the browser's own search.
      for (const inner of node.querySelectorAll(everything)) {
        const outer = inner.parentElement && inner.parentElement.closest(everything);
        if (!outer || !node.contains(outer)) walk(inner);
      }
      return;
    }
    walk(node);
  };
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const el = node.parentElement;
      const danish = !el || el.closest("noscript, script, style")
        ? null : say(el, "text", node.textContent);
      if (danish !== null && danish !== node.textContent) node.textContent = danish;
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    label(node);
    for (const child of node.childNodes) walk(child);
  };
  // The element's own labels (not its children's).
  const label = (el) => {
    for (const name of attributes) {
      const value = el.getAttribute(name);
      const danish = value ? say(el, name, value) : null;
      if (danish !== null && danish !== value) el.setAttribute(name, danish);
    }
    if (el.tagName === "IFRAME") frame(el);
  };
  // A frame of the app's own server (a component: the map) is Danish too, and its document
  // is named as the frame is (screen readers read both).
  const frame = (el) => {
    const mark = () => {
      try {
        const doc = el.contentDocument;
        if (!doc || !doc.documentElement) return;
        if (doc.documentElement.lang !== "da") doc.documentElement.lang = "da";
        const named = el.getAttribute("title");
        if (named && doc.title !== named) doc.title = named;
      } catch (e) { /* another origin's frame: not the app's */ }
    };
    mark();
    if (!el.__sikkerByDansk) {
      el.__sikkerByDansk = true;
      el.addEventListener("load", mark);
    }
  };
  const name = () => {
    const wanted = title ? title + " – " + %(site)s : %(site)s;
    if (root.title !== wanted) root.title = wanted;
  };
  root.documentElement.lang = "da";
  const state = root.defaultView.__sikkerByDansk = root.defaultView.__sikkerByDansk || {};
  state.title = title;
  name();
  fix(root.body);
  if (!state.observer) {
    state.observer = new MutationObserver((changes) => {
      for (const change of changes) {
        if (change.type === "attributes") label(change.target);
        if (change.type === "characterData") walk(change.target);
        for (const added of change.addedNodes || []) fix(added);
      }
      const wanted = state.title ? state.title + " – " + %(site)s : %(site)s;
      if (root.title !== wanted) root.title = wanted;
      if (root.documentElement.lang !== "da") root.documentElement.lang = "da";
    });
    state.observer.observe(root.documentElement, {
      subtree: true, childList: true, characterData: true,
      attributes: true, attributeFilter: attributes.concat(["lang"]),
    });
  }
})();
"""


# Streamlit's page before its script runs: what a browser, a search engine or a screen reader
# meets first (sikkerby.ui.serve serves it in place of Streamlit's index.html).
def noscript() -> str:
    """The site's one sentence on the dashboard, and that it needs JavaScript."""
    said = markup.escape(site.current().description)
    return (
        f"<noscript><p>{said} Det kræver JavaScript: slå JavaScript til i browseren, og åbn "
        "siden igen.</p></noscript>"
    )


def index_page(html: str) -> str:
    """Streamlit's index.html in Danish from its first byte: `lang="da"`, the site's name as
    the tab's title, a Danish note instead of Streamlit's English one for a browser without
    JavaScript, and this module's style and script (the words Streamlit shows before the app's
    first run, such as a dialog when the server does not answer, are Danish too). Raises
    ValueError if the page is not as expected (a Streamlit upgrade changed it)."""
    out, changes = re.subn(r"<html\b[^>]*>", '<html lang="da">', html, count=1)
    name = markup.escape(site.current().name)
    out, titles = re.subn(r"<title>[^<]*</title>", lambda _: f"<title>{name}</title>", out, count=1)
    out, notes = re.subn(
        r"<noscript>.*?</noscript>", lambda _: noscript(), out, count=1, flags=re.S
    )
    out, heads = re.subn(r"</head>", lambda _: f"<style>{CSS}</style></head>", out, count=1)
    out, ends = re.subn(
        r"</body>", lambda _: f"<script>{script(None)}</script></body>", out, count=1
    )
    if (changes, titles, notes, heads, ends) != (1, 1, 1, 1, 1):
        raise ValueError("Streamlits index.html har ikke den ventede form")
    return out


def script(title: str | None) -> str:
    """The page's script: Danish for the page titled `title`."""
    return SCRIPT % {
        "title": json.dumps(title or ""),
        "site": json.dumps(site.current().name),
        "keep": json.dumps(KEEP),
        "labels": json.dumps(LABELS),
        "rules": json.dumps(RULES, ensure_ascii=False),
    }


def apply(title: str | None) -> None:
    """Danish for the page titled `title` (the tab reads "<title> – Sikker By")."""
    components.own_html(
        f'<style id="sikkerby-dansk">{CSS}</style><script>{script(title)}</script>',
        javascript=True,
    )
