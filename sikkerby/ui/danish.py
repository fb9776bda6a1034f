"""Danish all the way: what Streamlit, Vega and Leaflet would say in English, said in Danish or
not shown.

`apply(title)` runs on every page view: it marks the document as Danish (`lang="da"`), names
the browser's tab "<page> – Sikker By", hides the menus that only speak English (the charts'
"…" menu, the elements' toolbars) and puts Danish words on the labels Streamlit writes itself,
for the eye and for screen readers, also on what appears later (a MutationObserver).
"""

import json

import streamlit as st

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
    "Browse files": "Vælg fil",
    "Drag and drop file here": "Træk en fil hertil",
    "Remove file": "Fjern filen",
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
PATTERNS = [
    (r"^Help for (.+)$", "Hjælp til $1"),
    (r"^Limit (\d+) ?MB per file(.*)$", "Højst $1 MB pr. fil$2"),
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
    for (const [pattern, danish] of patterns) {
      if (pattern.test(plain)) return plain.replace(pattern, danish);
    }
    return null;
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
    st.html(
        f'<style id="sikkerby-dansk">{CSS}</style><script>{script}</script>',
        unsafe_allow_javascript=True,
    )
