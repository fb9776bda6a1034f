"""Leaflet served by the app itself, so the map works with no internet.

streamlit-folium does not bundle Leaflet: it loads folium's CDN links inside its iframe, and the
first link that fails leaves an empty map with no error. Instead, Leaflet comes from the PyPI
package XStatic-Leaflet (never committed to this repository): the app's server answers
`<root>leaflet/...` with the installed package's own files (see `sikkerby.ui.serve`; nothing is
copied, so the code's folder can be read-only), and `use()` points folium at them.
`<root>` is the app's address on its server: `/`, or `/sikkerby/` under a path prefix
(`sikkerby.render.links.root`).

Only core Leaflet is used: no tiles, no branca legend, no folium.Icon (they add CDN links).
"""

import folium

# Where the server answers with Leaflet's files (sikkerby.ui.serve), below the app's root.
PATH = "leaflet"

_address = f"/{PATH}"


def use(root: str = "/") -> None:
    """Make every folium map load Leaflet from the app's server, whose root address is `root`
    ("/" or "/sikkerby/", `links.root`). Idempotent.

    folium's defaults are process-wide class attributes, so they are replaced whole (dropping
    jQuery, Bootstrap and Font Awesome, which core Leaflet does not need); the root is one per
    process too (Streamlit's `server.baseUrlPath`).
    """
    global _address
    _address = f"{root}{PATH}"
    folium.Map.default_js = [("leaflet", f"{_address}/leaflet.js")]
    folium.Map.default_css = [("leaflet_css", f"{_address}/leaflet.css")]


def images() -> str:
    """The address of Leaflet's marker images (Leaflet guesses it wrong from the script's)."""
    return f"{_address}/images/"
