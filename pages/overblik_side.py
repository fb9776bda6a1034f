"""Overblik: where each goal of a strategy period stands against its baseline and target."""

import streamlit as st

from sikkerby.ui import components as ui
from sikkerby.ui import fallback
from sikkerby.views import overview
from sikkerby.views import report as report_view

PERIOD_KEY = "periode_valg"
STATUS_KEY = "status_aar_valg"

store = ui.store()
this_year = ui.today().year
request = overview.resolve(store, st.query_params, this_year)
choice = request.period
notice_slot = st.container()
ui.title(overview.title())
ui.follow_url("overblik", {PERIOD_KEY: choice.value, STATUS_KEY: request.edition or overview.TODAY})
period_column, status_column = st.columns([3, 2])
with period_column:
    period = st.segmented_control(
        ui.plain(choice.label),
        list(choice.options),
        format_func=lambda p: ui.plain(choice.options[p]),
        key=PERIOD_KEY,
        required=True,
        on_change=fallback.callback(ui.changed("overblik")),
    )
years = overview.editions(store, period, this_year)
if st.session_state[STATUS_KEY] not in years:
    st.session_state[STATUS_KEY] = overview.TODAY
with status_column:
    # Buttons, not a drop-down list: the list's script alone kept the first screen waiting
    # about 0.15 s longer (bench/first_screen.py).
    chosen = st.segmented_control(
        ui.plain(overview.edition_label()),
        [overview.TODAY, *years],
        format_func=lambda y: ui.plain(overview.status_choice(y)),
        key=STATUS_KEY,
        required=True,
        on_change=fallback.callback(ui.changed("overblik")),
    )
edition = None if chosen == overview.TODAY else chosen
ui.write_url(overview.url_params(period, edition))
with notice_slot:
    shown, asked = (period, edition), (choice.value, request.edition)
    ui.url_notices("overblik", shown, asked, request.notices)
view = overview.build(store, period, this_year, edition)
if view.period_note:
    ui.caption(view.period_note)
if view.status_note:
    ui.info(view.status_note, icon=":material/history:")

with st.container(horizontal=True, key="status-summary"):
    ui.text(f"{view.total}:", strong=True)
    for c in view.counts:
        ui.badge(f"{c.label}: {c.count}", icon=c.icon, colour=c.colour)
ui.caption(view.how_to_read)
with st.container(horizontal=True):
    ui.link(view.present)
    ui.link(view.method)
offer = report_view.offer(store, period, edition, this_year)
if offer is not None:
    ui.report_download(store, offer, this_year)

for group, cards in view.groups:
    ui.header(group)
    for card in cards:
        with st.container(border=True, key=f"goal-{card.key}"):
            ui.subheader(card.heading)
            ui.status(card.status)
            ui.key_figures(card.figures)
            text, chart = st.columns([2, 3], gap="large")
            with text:
                ui.text(card.indicator + ".", lead="Indikator:")
                ui.text(card.goal_text, lead="Mål:")
                for target in card.links:
                    ui.link(target)
            with chart:
                ui.chart(card.chart)
            ui.table(card.rows, key=f"tal-{card.key}")

ui.downloads(overview.download(store, ui.today()))
