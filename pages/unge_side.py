"""Unge: Copenhagen's young people charged with crime against Aarhus, Odense, Aalborg and
Esbjerg (goals 3 and 4 of 2018-2021), with Danmarks Statistik's public figures as context."""

import streamlit as st

from sikkerby.ui import components as ui
from sikkerby.views import youth

view = youth.build(ui.store(), ui.today().year)

ui.title(view.title)
if view.intro:
    ui.caption(view.intro)
if view.only_baselines:
    ui.info(view.only_baselines, icon=":material/info:")
ui.caption(view.how_to_read)

for card in view.cards:
    with st.container(border=True, key=f"unge-{card.key}"):
        ui.subheader(card.heading)
        ui.status(card.status)
        ui.text(card.goal_text, lead="Mål:")
        ui.key_figures(card.figures)
        if card.gap_sentence:
            ui.caption(card.gap_sentence)
        left, right = st.columns(2, gap="large")
        with left:
            ui.chart(card.level)
        with right:
            ui.chart(card.gap)
        if card.cities is not None:
            ui.chart(card.cities)
            if card.cities_missing:
                ui.text(card.cities_missing)
        if card.members_missing:
            ui.text(card.members_missing)
        ui.small_heading(card.coverage.title)
        st.dataframe(card.coverage.frame, width="stretch")
        ui.table(card.rows)
        context = card.context
        ui.small_heading(context.title)
        if context.explanation:
            ui.caption(context.explanation)
        if context.not_fetched:
            ui.info(context.not_fetched, icon=":material/cloud_off:")
        if context.chart is not None:
            ui.chart(context.chart)
            ui.table(context.rows)
