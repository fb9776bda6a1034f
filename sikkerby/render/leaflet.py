"""Leaflet served by the app itself, so the map works with no internet.

streamlit-folium does not bundle Leaflet: it loads folium's CDN links inside its iframe, and the
first link that fails leaves an empty map with no error. Instead, Leaflet comes from the PyPI
package XStatic-Leaflet (never committed to this repository): `serve()` copies its files into
`static/leaflet/` beside `app.py` (git-ignored), which Streamlit serves at `/app/static/...`
(`enableStaticServing` in `.streamlit/config.toml`), and points folium at those local files.

Only core Leaflet is used: no tiles, no branca legend, no folium.Icon (they add CDN links).
"""

import filecmp
import shutil
from pathlib import Path

import folium
import xstatic.pkg.leaflet

from sikkerby.paths import ROOT

STATIC_DIR = ROOT / "static" / "leaflet"
URL = "/app/static/leaflet"
LEAFLET_JS = f"{URL}/leaflet.js"
LEAFLET_CSS = f"{URL}/leaflet.css"
IMAGES = f"{URL}/images/"
_FILES = ("leaflet.js", "leaflet.css")


def _copy(source: Path, target: Path) -> None:
    target.mkdir(parents=True, exist_ok=True)
    for name in _FILES:
        if not (target / name).exists() or not filecmp.cmp(source / name, target / name):
            shutil.copyfile(source / name, target / name)
    shutil.copytree(source / "images", target / "images", dirs_exist_ok=True)


def serve(target: Path = STATIC_DIR) -> None:
    """Copy Leaflet into the app's static folder and make every folium map use it. Idempotent.

    folium's defaults are process-wide class attributes, so they are replaced whole (dropping
    jQuery, Bootstrap and Font Awesome, which core Leaflet does not need).
    """
    _copy(Path(xstatic.pkg.leaflet.BASE_DIR), target)
    folium.Map.default_js = [("leaflet", LEAFLET_JS)]
    folium.Map.default_css = [("leaflet_css", LEAFLET_CSS)]
