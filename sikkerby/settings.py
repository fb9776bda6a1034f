"""Every setting the dashboard reads from its environment, in one place. Each is read when it is
asked for (a test, the command line or a server sets it before), and documented here:

- `SIKKERBY_SITE`: the site, the folder with one municipality's strategy as data (`site.toml`,
  `data/`, `geo/`; see `sikkerby.site`). Default: the app's own folder, whose site is Københavns
  Kommune's Sikker By. Another municipality points it at its own folder; no code changes.
- `SIKKERBY_STORE`: the published store (`sikkerby.versions`): every version of the figures the
  pages show. Default: `sikkerby/<site id>/store` in the user's data folder ($XDG_DATA_HOME, or
  ~/.local/share), never inside the code's folder, which may be read-only.
- `XDG_DATA_HOME`: the user's data folder (the XDG Base Directory specification).

Settings of the processes around the app (Streamlit's own, the login, the replicas behind the
proxy) are Streamlit's and the container's: see `sikkerby.ui.replicas` and the README.
"""

import os
from pathlib import Path

from sikkerby.paths import ROOT

SITE_ENV = "SIKKERBY_SITE"
STORE_ENV = "SIKKERBY_STORE"
DATA_HOME_ENV = "XDG_DATA_HOME"
# The site when $SIKKERBY_SITE is not set: Copenhagen's, the app's own folder.
DEFAULT_SITE_DIR = ROOT


def site_dir() -> Path:
    """The site's folder: $SIKKERBY_SITE (a relative path from the working folder), else
    `DEFAULT_SITE_DIR`."""
    return Path(os.environ.get(SITE_ENV) or DEFAULT_SITE_DIR).absolute()


def data_home() -> Path:
    """$XDG_DATA_HOME, or ~/.local/share (the XDG Base Directory default for a user's data)."""
    return Path(os.environ.get(DATA_HOME_ENV) or Path.home() / ".local" / "share")


def default_store_dir(site_id: str) -> Path:
    """The store of the site `site_id` when $SIKKERBY_STORE is not set: one per site, so two
    municipalities on one machine never share their published figures."""
    return data_home() / "sikkerby" / site_id / "store"


def store_dir(site_id: str) -> Path:
    """The published store: $SIKKERBY_STORE, else `default_store_dir(site_id)`."""
    return Path(os.environ.get(STORE_ENV) or default_store_dir(site_id))
