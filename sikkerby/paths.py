"""Where the project's files live. Every other module asks here instead of building paths."""

import os
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
# The site: app.py, pages/, data/, geo/ and .streamlit/config.toml. In a checkout (also an
# editable install) that is the folder the package lies in; an installed wheel carries a copy in
# the package itself (sikkerby/_site, see pyproject.toml).
SITE_DIR = PACKAGE_DIR / "_site"
ROOT = PACKAGE_DIR.parent if (PACKAGE_DIR.parent / "app.py").is_file() else SITE_DIR
# The bundled data: the CSV sources the first version of the published store is made from.
DATA_DIR = ROOT / "data"
# The published store (see sikkerby.versions): the folder $SIKKERBY_STORE names, else
# sikkerby/store in the user's data folder (`default_store_dir`), never inside the code's folder,
# which may be read-only.
STORE_ENV = "SIKKERBY_STORE"
GEO_DIR = ROOT / "geo"
DISTRICTS_GEOJSON = GEO_DIR / "bydele.geojson"
# The published footprints of the safety partnerships (`sikkerby geometry`).
FOOTPRINTS_GEOJSON = GEO_DIR / "partnerskaber.geojson"
# The file the bundled figures are published from (data/source/README.md), and the city's raw
# boundary files the districts are built from (geo/raw/SOURCES.md).
SOURCE_FIGURES = DATA_DIR / "source" / "published_figures.csv"
RAW_GEO_DIR = GEO_DIR / "raw"


def default_store_dir() -> Path:
    """The store when $SIKKERBY_STORE is not set: $XDG_DATA_HOME/sikkerby/store, or
    ~/.local/share/sikkerby/store (the XDG Base Directory default for a user's data)."""
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "sikkerby" / "store"


def store_dir() -> Path:
    """The published store: $SIKKERBY_STORE, else `default_store_dir()` (read on every call)."""
    return Path(os.environ.get(STORE_ENV) or default_store_dir())
