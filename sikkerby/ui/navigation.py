"""The app's pages and navigation: `run()` is all the entry script does.

Page files are named differently from their URL paths on purpose: a deep link such as `/kort`
must go through the entry script (and `st.navigation`), not Streamlit's older `pages/` router.

When no version of the data can be served (`components.store` fails), every page but »Opdater
tal« shows only a short Danish notice (`views.fallback.UNAVAILABLE`: no versions, files, paths
or commands), and the server's log says why, once per process; »Opdater tal« tells a logged-in
editor what is wrong and what to do.
"""

import contextlib
import logging
import threading

import streamlit as st

from sikkerby import versions
from sikkerby.errors import SikkerByError
from sikkerby.render import links
from sikkerby.ui import components, danish, fallback, login, style
from sikkerby.views import fallback as view
from sikkerby.views.update import AccessKind


def _to_overview() -> None:
    """/overblik: the overview's own name in the address leads to the overview."""
    st.switch_page(links.OVERVIEW.file, query_params=st.query_params.to_dict())


def run() -> None:
    # No page or page_icon icons: Streamlit fetches a Material icon favicon from Google's CDN,
    # and the app must make no request off the machine.
    # No page_title: the tab is named by `danish.apply` ("Kort – Sikker By").
    st.set_page_config(layout="wide")
    try:
        _navigate()
    except Exception as error:
        # Anything before the page (the login, the navigation itself, the tab's title, the
        # style): the Danish error page, whether or not st.navigation ran. st.stop (below) and
        # st.rerun are no `Exception`.
        fallback.show_error(fallback.report(error, fallback.asked_address()))
        with contextlib.suppress(Exception):  # the tab's title, unless that is what failed
            danish.apply(view.ERROR_TITLE)


def _navigate() -> None:
    pages = [
        st.Page(
            page.file, title=page.title, url_path=page.url_path or None, default=not page.url_path
        )
        for page in links.PAGES
    ]
    alias = st.Page(
        _to_overview, title=links.OVERVIEW.title, url_path=links.OVERVIEW_ALIAS, visibility="hidden"
    )
    update = links.UPDATE
    # Listed only for an editor who is logged in; anyone else must know the address.
    listed = login.access().kind == AccessKind.EDITOR
    staff = st.Page(
        update.file,
        title=update.title,
        url_path=update.url_path,
        visibility="visible" if listed else "hidden",
    )
    known = {p.url_path for p in (*links.PAGES, update)} | {links.OVERVIEW_ALIAS}
    page = st.navigation([*pages, alias, staff, *fallback.not_found_pages(known)], position="top")
    components.on_page(page.url_path)
    danish.apply(page.title)
    style.apply()
    # »Opdater tal« tells a logged-in editor what is wrong and what to do itself.
    if page.url_path != update.url_path and not _data_shown():
        st.stop()
    fallback.run_page(page, "/" + page.url_path)


_logged: set[str] = set()
_logged_lock = threading.Lock()


def _data_shown() -> bool:
    """Whether a version of the data can be served. If not, the page says so in a few Danish
    words, and the server's log says why, once per process and problem."""
    try:
        components.store()
    except SikkerByError as error:
        said = f"Data kan ikke vises fra lageret {versions.root()}: {error.describe()}"
        with _logged_lock:
            first = said not in _logged
            _logged.add(said)
        if first:
            logging.getLogger(__name__).error(said)
        components.error(view.UNAVAILABLE)
        return False
    return True
