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

ui.title(update.TITLE)
who = login.access()
if who.kind == AccessKind.NOT_CONFIGURED:
    ui.info(who.message)
    st.stop()
if who.kind == AccessKind.REFUSED:
    ui.error(who.message)
    st.stop()
if who.kind == AccessKind.LOGIN:
    ui.text(who.message)
    st.button(ui.plain(update.LOGIN_LABEL), on_click=fallback.callback(st.login), type="primary")
    st.stop()
if who.kind == AccessKind.DENIED:
    ui.warning(who.message)
    st.button(ui.plain(update.LOGOUT_LABEL), on_click=fallback.callback(st.logout))
    st.stop()

with st.container(horizontal=True):
    ui.caption(who.message)
    st.button(ui.plain(update.LOGOUT_LABEL), on_click=fallback.callback(st.logout))
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


def versions_table() -> None:
    """Every version, and a button for each earlier one that can be made current again (built
    on the version the dashboard shows: the current one may be damaged)."""
    history, seen = update.listing()
    if not history:
        return
    shown = seen.served.number if seen and seen.served else 0
    listed = history[: update.HISTORY_SHOWN]
    ui.subheader(update.HISTORY_TITLE)
    ui.static_table(update.history(listed, seen))
    if len(history) > len(listed):
        ui.caption(update.older_versions(len(history) - len(listed)))
    for v in listed[1:]:
        if update.can_roll_back_to(v):
            st.button(
                ui.plain(update.ROLLBACK_LABEL.format(number=v.number)),
                key=f"tilbage-{v.number}",
                on_click=roll_back,
                args=(v.number, shown),
            )


def outcome() -> None:
    """What the last button did, if it did anything."""
    if DONE_KEY in st.session_state:
        said = st.session_state.pop(DONE_KEY)
        (ui.success if said.published else ui.error)(said.message)


unavailable = update.unavailable_notice()
if unavailable:  # no version can be shown: what is wrong, and the way back
    ui.error(unavailable, icon=":material/warning:")
    outcome()
    versions_table()
    st.stop()
store = ui.store()
damaged = update.damage_notice()
if damaged:
    ui.error(damaged, icon=":material/warning:")
outcome()
ui.text(update.INTRO)


ui.subheader(update.TEMPLATE_TITLE)
ui.text(update.template_text(store))
current_name, current_bytes = update.current_file(store)
left, right = st.columns(2)
left.download_button(
    ui.plain(update.TEMPLATE_LABEL),
    update.template_file(),
    file_name=update.TEMPLATE_NAME,
    mime=EXCEL,
)
right.download_button(
    ui.plain(update.CURRENT_LABEL), current_bytes, file_name=current_name, mime=EXCEL
)

ui.subheader(update.UPLOAD_TITLE)
mode = st.radio(
    ui.plain(update.MODE_LABEL),
    list(update.MODES),
    format_func=lambda m: ui.plain(update.MODES[m]),
)
uploaded = st.file_uploader(
    ui.plain(update.UPLOAD_LABEL), type=["csv", "xlsx"], key=f"fil-{generation}"
)

if uploaded is not None:
    ui.subheader(update.PREVIEW_TITLE)
    result = update.check(uploaded.name, uploaded.getvalue(), mode == "alle", ui.today().year)
    if result.problems:
        ui.error(result.problems.title)
        ui.static_table(result.problems.table)
        if result.problems.more:
            ui.caption(result.problems.more)
    elif result.error:
        ui.error(result.error)
    elif result.preview is None:
        ui.info(update.NOTHING_CHANGES)
    else:
        preview = result.preview
        ui.text(f"{preview.summary}.", strong=True)
        ui.bullets(preview.on_screen)
        for label, table in preview.tables:
            with st.expander(ui.plain(f"{label} ({len(table)})"), expanded=0 < len(table) <= 20):
                st.dataframe(table, hide_index=True, width="stretch")
        st.button(
            ui.plain(update.PUBLISH_LABEL),
            type="primary",
            on_click=publish_shown,
            args=(result.proposal,),
        )

versions_table()
ui.subheader(update.OTHER_SOURCES_TITLE)
ui.bullets(update.other_sources())
