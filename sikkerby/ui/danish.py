"""Danish all the way: what Streamlit, Vega and Leaflet would say in English, said in Danish or
not shown.

`apply(title)` runs on every page view: it marks the document as Danish (`lang="da"`), names
the browser's tab "<page> – Sikker By", hides the menus that only speak English (the charts'
"…" menu, the elements' toolbars) and puts Danish words on the labels Streamlit writes itself,
for the eye and for screen readers, also on what appears later (a MutationObserver).
"""

import json

from sikkerby.ui import components

SITE = "Sikker By"
# Exact texts and labels (aria-label, title, placeholder and visible text), and patterns.
WORDS = {
    "Skip to main content": "Gå til indholdet",
    "Open": "Åbn",
    "Close": "Luk",
    "Clear all": "Ryd alt",
    "Clear value": "Ryd",
    "Link to heading": "Link til overskriften",
    "help icon": "hjælp",
    "Fullscreen": "Fuld skærm",
    "Close fullscreen": "Luk fuld skærm",
    "Search": "Søg",
    "Download as CSV": "Hent som CSV",
    "Show/hide columns": "Vis eller skjul kolonner",
    # The upload field (st.file_uploader): its button, hints and its own refusals.
    "Browse files": "Vælg fil",
    "Upload": "Vælg fil",
    "file upload": "Vælg en fil",  # the hidden file input's name for screen readers
    "Upload directories": "Vælg mapper",
    "Add files": "Tilføj filer",
    "Drag and drop file here": "Træk en fil hertil",
    "Drag and drop a file here": "Træk en fil hertil",
    "Drag and drop files here": "Træk filer hertil",
    "Drag and drop directories here": "Træk mapper hertil",
    "Remove file": "Fjern filen",
    "Error:": "Fejl:",
    "Upload failed": "Filen kunne ikke uploades",
    "Click to retry upload": "Klik for at prøve igen",
    "Delete": "Slet",
    "Running...": "Arbejder …",
    "Zoom in": "Zoom ind",
    "Zoom out": "Zoom ud",
    # The charts' menu is hidden; should it show, it speaks Danish too.
    "Show data": "Vis data",
    "Download as PNG": "Hent som PNG",
    "Download as SVG": "Hent som SVG",
    "Copy Vega-Lite spec": "Kopiér Vega-Lite-beskrivelsen",
    "View Source": "Vis kilden",
    "View Compiled Vega": "Vis Vega",
    "Open in Vega Editor": "Åbn i Vega Editor",
    "No results": "Ingen resultater",
    "Select...": "Vælg …",
    "Choose an option": "Vælg",
    # Streamlit's own dialog for an address it finds no page for: the app shows its own page
    # instead (sikkerby.ui.fallback), but `streamlit run app.py` still shows the dialog on the
    # first deep link after a start (sikkerby.ui.serve), in Danish.
    "Page not found": "Siden findes ikke",
}
# Each pattern in turn replaces what it matches (the first match) in what the previous ones
# left: an upload's refusal can be two sentences in one text ("text/plain files are not
# allowed. File must be 20.0MB or smaller.").
PATTERNS = [
    (r"^Help for (.+)$", "Hjælp til $1"),
    # The upload field's limit line: "20MB per file • CSV, XLSX" (older: "Limit 20 MB …").
    (r"^(?:Limit )?(\d+) ?([KMGT]?B) per file(.*)$", "Højst $1 $2 pr. fil$3"),
    (r"File must be (\d+)\.(\d+) ?([KMGT]?B) or smaller\.", "Filen må højst fylde $1,$2 $3."),
    (r"File must be (\d+) ?([KMGT]?B) or smaller\.", "Filen må højst fylde $1 $2."),
    (r"^(?:This type of )?files are not allowed\.", "Filtypen er ikke tilladt."),
    (r"(\S+) files are not allowed\.", "Filtypen $1 er ikke tilladt."),
    (r"File size is too small\.", "Filen er for lille."),
    (r"Only one file is allowed\.", "Kun én fil ad gangen."),
    (r"Unexpected error\. Please try again\.", "Uventet fejl. Prøv igen."),
    (r"^Remove (.+)$", "Fjern $1"),
    (r"^Cancel upload of (.+)$", "Afbryd overførslen af $1"),
    # A file's size in the list of files, and the list's label for screen readers.
    (r"^(\d+)\.(\d+)([KMGT]?B)$", "$1,$2 $3"),
    (r"^(.+), (\d+)\.(\d+)([KMGT]?B)$", "$1, $2,$3 $4"),
    (
        r"^.*(does not seem to exist|no corresponding file was found).*$",
        "Adressen blev ikke fundet.",
    ),
]
CSS = """
/* This element itself takes no room. */
[data-testid="stElementContainer"]:has(#sikkerby-dansk) { display: none; }
/* Menus that only speak English: the charts' actions, the elements' toolbars. */
.vega-embed details, .vega-embed .vega-actions { display: none !important; }
[data-testid="stElementToolbar"] { display: none !important; }
"""
SCRIPT = """
(() => {
  const title = %(title)s, words = %(words)s;
  const patterns = %(patterns)s.map(([p, r]) => [new RegExp(p), r]);
  const root = window.parent && window.parent.document ? window.parent.document : document;
  const say = (text) => {
    const plain = text.trim();
    if (Object.prototype.hasOwnProperty.call(words, plain)) {
      return text.replace(plain, words[plain]);
    }
    let danish = plain;
    for (const [pattern, words] of patterns) danish = danish.replace(pattern, words);
    return danish === plain ? null : danish;
  };
  const attributes = ["aria-label", "title", "placeholder", "alt"];
  const fix = (node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const danish = node.parentElement && node.parentElement.closest("noscript, script, style")
        ? null : say(node.textContent);
      if (danish !== null && danish !== node.textContent) node.textContent = danish;
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    for (const name of attributes) {
      const value = node.getAttribute(name);
      const danish = value ? say(value) : null;
      if (danish !== null && danish !== value) node.setAttribute(name, danish);
    }
    for (const child of node.childNodes) fix(child);
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
        if (change.type === "attributes" || change.type === "characterData") fix(change.target);
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


def apply(title: str | None) -> None:
    """Danish for the page titled `title` (the tab reads "<title> – Sikker By")."""
    script = SCRIPT % {
        "title": json.dumps(title or ""),
        "site": json.dumps(SITE),
        "words": json.dumps(WORDS, ensure_ascii=False),
        "patterns": json.dumps(PATTERNS),
    }
    components.own_html(
        f'<style id="sikkerby-dansk">{CSS}</style><script>{script}</script>', javascript=True
    )
