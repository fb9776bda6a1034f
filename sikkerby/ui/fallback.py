"""A Danish page instead of Streamlit's English one after an unexpected error.

An unexpected exception in a page, in the presentation's timed part (a fragment) or in a widget's
callback is logged with its traceback, the page and an id (8 hex digits), and the page is shown
again as a short Danish message with that id: the visitor never sees Streamlit's English error
box, and can quote the id. Streamlit's own control flow (st.stop, st.rerun, st.switch_page)
raises exceptions that are not `Exception`s and passes through untouched.
"""

import functools
import logging
import secrets

import streamlit as st

from sikkerby.ui.components import plain
from sikkerby.views import fallback as view

LOG = logging.getLogger("sikkerby.fejl")
FAILED = "sikkerby:fejl"  # session state: the id of the error to show in this run


def report(error: Exception, where: str) -> str:
    """Log `error` with its traceback under a new id, and return the id."""
    incident = secrets.token_hex(4)
    LOG.error("Uventet fejl %s på siden %r: %r", incident, where, error, exc_info=error)
    return incident


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
        st.session_state[FAILED] = report(error, where)
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
    st.title(view.ERROR_TITLE, anchor=False)
    st.error(plain(view.error_text(incident)), icon=":material/error:")
