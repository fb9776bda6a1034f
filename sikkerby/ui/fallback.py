"""Danish pages instead of Streamlit's English ones: after an unexpected error, and at an address
that names no page.

An unexpected exception in a page, in the navigation around it (`sikkerby.ui.navigation`), in
the presentation's timed part (a fragment) or in a widget's callback (every one goes through
`callback`: tests/test_architecture.py checks it) is logged with its traceback, the page and an
id (8 hex digits), and the page is shown again as a short Danish message with that id: the
visitor never sees Streamlit's English error box, and can quote the id. Streamlit's own control
flow (st.stop, st.rerun, st.switch_page) raises exceptions that are not `Exception`s and passes
through untouched. A file made when its download button is clicked (`download`) is made outside
any run of the page: instead of it, the visitor gets a file that says what happened, with the id.

For an address that names no page (`/ukendt`), st.navigation would run the overview and
Streamlit's client would show its English "Page not found" dialog. Instead the navigation gets a
hidden page at that very name, which shows "Siden findes ikke" with links to every page, so the
address stays what the visitor typed. An address two levels deep (`/kort/ekstra`) never reaches
the app as it is: the server sends it to the hidden page `/siden-findes-ikke?adresse=…`
(`sikkerby.ui.serve`).
"""

import functools
import logging
import secrets
from urllib.parse import urlencode

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from sikkerby.render import links
from sikkerby.ui import components as ui
from sikkerby.views import fallback as view

LOG = logging.getLogger("sikkerby.fejl")
FAILED = "sikkerby:fejl"  # session state: the id of the error to show in this run


def report(error: Exception, where: str) -> str:
    """Log `error` with its traceback under a new id, and return the id."""
    incident = secrets.token_hex(4)
    LOG.error("Uventet fejl %s på siden %r: %r", incident, where, error, exc_info=error)
    return incident


def asked_address() -> str:
    """This run's address with its parameters (`/kort?aar=2026`), for the log: also before
    st.navigation has found the page."""
    ctx = get_script_run_ctx()
    name = (ctx.pages_manager.intended_page_name if ctx else None) or ""
    return f"/{name}?{urlencode(st.query_params.to_dict())}"


def run_page(page, where: str) -> None:
    """Run `page` (st.navigation's; `where`: its address, for the log), or the error page if
    this run follows an error."""
    incident = st.session_state.pop(FAILED, None)
    if incident:
        show_error(incident)
        return
    try:
        page.run()
    except Exception as error:
        # Shown by a run of its own, so nothing the page drew before the error stays on screen.
        st.session_state[FAILED] = report(error, f"{where}?{urlencode(st.query_params.to_dict())}")
        st.rerun()


def callback(function):
    """`function` as a widget's callback: an error in it is logged and the run that follows
    shows the error page instead of the page."""

    @functools.wraps(function)
    def guarded(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception as error:
            st.session_state[FAILED] = report(error, f"tilbagekald {function.__qualname__}")

    return guarded


def download(function, instead):
    """`function` as a download button's data made when it is clicked (outside any run of the
    page, so no page can be shown): an error in it is logged with an id, and the visitor gets
    the file `instead(id)` makes, which says so in Danish. Streamlit's client would say "Failed
    to generate file for download" under the button, in English."""
    where = f"{asked_address()}, hent {function.__qualname__}"

    @functools.wraps(function)
    def guarded():
        try:
            return function()
        except Exception as error:
            return instead(report(error, where))

    return guarded


def fragment(function):
    """`function` as the body of a fragment (a part of a page that runs on its own): an error in
    it is logged and the whole page is run again as the error page."""

    @functools.wraps(function)
    def guarded(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except Exception as error:
            st.session_state[FAILED] = report(error, f"fragment {function.__qualname__}")
            st.rerun(scope="app")

    return guarded


def show_error(incident: str) -> None:
    ui.title(view.ERROR_TITLE)
    ui.error(view.error_text(incident), icon=":material/error:")


def show_not_found(asked: str | None) -> None:
    page = view.not_found(asked)
    ui.title(view.NOT_FOUND_TITLE)
    ui.warning(page.text, icon=":material/link_off:")
    ui.subheader(view.PAGES_LABEL)
    for target in page.pages:
        ui.link(target)


def asked_for(known: set[str]) -> str | None:
    """The page name this run's address asks for (`/ukendt`: "ukendt") when it names no page in
    `known` and could be a page's own (one level, no surrounding spaces), else None."""
    ctx = get_script_run_ctx()
    name = ctx.pages_manager.intended_page_name if ctx else None
    if not name or name in known or name != name.strip().strip("/") or "/" in name:
        return None
    return name


def not_found_pages(known: set[str]) -> list:
    """Hidden pages that show "Siden findes ikke": at NOT_FOUND_PATH (where the server sends an
    address two levels deep, `?adresse=/kort/ekstra`) and at the unknown name this run's
    address asks for, so Streamlit finds a page there and never shows its English dialog."""

    def at_server_redirect() -> None:
        show_not_found(st.query_params.get(links.ASKED))

    pages = [
        st.Page(
            at_server_redirect,
            title=view.NOT_FOUND_TITLE,
            url_path=links.NOT_FOUND_PATH,
            visibility="hidden",
        )
    ]
    asked = asked_for(known | {links.NOT_FOUND_PATH})
    if asked:

        def here() -> None:
            show_not_found("/" + asked)

        pages.append(st.Page(here, title=view.NOT_FOUND_TITLE, url_path=asked, visibility="hidden"))
    return pages
