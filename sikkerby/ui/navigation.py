"""The app's pages and navigation: `run()` is all the entry script does.

Page files are named differently from their URL paths on purpose: a deep link such as `/kort`
must go through the entry script (and `st.navigation`), not Streamlit's older `pages/` router.
"""

import contextlib

import streamlit as st

from sikkerby.errors import SikkerByError
from sikkerby.render import links
from sikkerby.ui import components, danish, fallback, login, style
from sikkerby.views import fallback as fallback_view
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
        # Anything before the page (a store that cannot be opened, a broken version record,
        # the login, the navigation itself, the tab's title, the style): the Danish error page,
        # whether or not st.navigation ran. st.stop (below) and st.rerun are no `Exception`.
        fallback.show_error(fallback.report(error, fallback.asked_address()))
        with contextlib.suppress(Exception):  # the tab's title, unless that is what failed
            danish.apply(fallback_view.ERROR_TITLE)


def _navigate() -> None:
    try:
        components.store()
    except SikkerByError as error:
        components.error("Data kan ikke indlæses. " + error.describe())
        st.stop()
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
    fallback.run_page(page, "/" + page.url_path)
