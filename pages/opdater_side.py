"""Opdater tal: the data staff upload a file, see what changes, publish, or roll back.

URL: /opdater, not in the navigation. Only editors (the allowlist in the secrets) logged in with
st.login see more than a login button; without [auth] the page says how to enable it.
"""

import streamlit as st

from sikkerby.ui import components as ui
from sikkerby.ui import fallback, login
from sikkerby.views import update
from sikkerby.views.update import AccessKind

UPLOAD_KEY = "opdater_fil"
DONE_KEY = "opdater_besked"
EXCEL = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

store = ui.store()
st.title(update.TITLE, anchor=False)
who = login.access()
if who.kind == AccessKind.NOT_CONFIGURED:
    st.info(ui.plain(who.message))
    st.stop()
if who.kind == AccessKind.LOGIN:
    st.write(ui.plain(who.message))
    st.button(update.LOGIN_LABEL, on_click=st.login, type="primary")
    st.stop()
if who.kind == AccessKind.DENIED:
    st.warning(ui.plain(who.message))
    st.button(update.LOGOUT_LABEL, on_click=st.logout)
    st.stop()

with st.container(horizontal=True):
    st.caption(ui.plain(who.message))
    st.button(update.LOGOUT_LABEL, on_click=st.logout)
if DONE_KEY in st.session_state:
    outcome = st.session_state.pop(DONE_KEY)
    (st.success if outcome.published else st.error)(ui.plain(outcome.message))
st.write(ui.plain(update.INTRO))
generation = st.session_state.setdefault(UPLOAD_KEY, 0)


@fallback.callback
def publish_shown(proposal) -> None:
    """Publish exactly the proposal the editor saw (refused if another version came since)."""
    done(update.publish_checked(proposal, who.email))


@fallback.callback
def roll_back(number: int, shown_current: int) -> None:
    done(update.rollback(number, who.email, shown_current))


def done(outcome: update.Outcome) -> None:
    """Say what happened at the top of the page, with an empty upload field (a button's
    callback: the page runs again after it)."""
    st.session_state[DONE_KEY] = outcome
    st.session_state[UPLOAD_KEY] = generation + 1


st.subheader(update.TEMPLATE_TITLE, anchor=False)
st.write(ui.plain(update.TEMPLATE_TEXT))
current_name, current_bytes = update.current_file(store)
left, right = st.columns(2)
left.download_button(
    update.TEMPLATE_LABEL, update.template_file(), file_name=update.TEMPLATE_NAME, mime=EXCEL
)
right.download_button(update.CURRENT_LABEL, current_bytes, file_name=current_name, mime=EXCEL)

st.subheader(update.UPLOAD_TITLE, anchor=False)
mode = st.radio(update.MODE_LABEL, list(update.MODES), format_func=update.MODES.get)
uploaded = st.file_uploader(update.UPLOAD_LABEL, type=["csv", "xlsx"], key=f"fil-{generation}")

if uploaded is not None:
    st.subheader(update.PREVIEW_TITLE, anchor=False)
    result = update.check(uploaded.name, uploaded.getvalue(), mode == "alle", ui.today().year)
    if result.problems:
        st.error(ui.plain(result.problems.title))
        ui.static_table(result.problems.table)
        if result.problems.more:
            st.caption(ui.plain(result.problems.more))
    elif result.error:
        st.error(ui.plain(result.error))
    elif result.preview is None:
        st.info(ui.plain(update.NOTHING_CHANGES))
    else:
        preview = result.preview
        st.markdown(f"**{ui.plain(preview.summary)}.**")
        for sentence in preview.on_screen:
            st.markdown(f"- {ui.plain(sentence)}")
        for label, table in preview.tables:
            with st.expander(f"{label} ({len(table)})", expanded=0 < len(table) <= 20):
                st.dataframe(table, hide_index=True, width="stretch")
        st.button(
            update.PUBLISH_LABEL, type="primary", on_click=publish_shown, args=(result.proposal,)
        )

st.subheader(update.HISTORY_TITLE, anchor=False)
history = update.versions_of()
ui.static_table(update.history(history))
for v in history[1:]:
    st.button(
        update.ROLLBACK_LABEL.format(number=v.number),
        key=f"tilbage-{v.number}",
        on_click=roll_back,
        args=(v.number, history[0].number),
    )
