"""Unge: Copenhagen's young people charged with crime against Aarhus, Odense, Aalborg and
Esbjerg (goals 3 and 4 of 2018-2021), with Danmarks Statistik's public figures as context."""

import streamlit as st

from sikkerby.ui import components as ui
from sikkerby.views import youth

view = youth.build(ui.store(), ui.today().year)

st.title(ui.plain(view.title), anchor=False)
if view.intro:
    st.caption(ui.plain(view.intro))
if view.only_baselines:
    st.info(ui.plain(view.only_baselines), icon=":material/info:")
st.caption(ui.plain(view.how_to_read))

for card in view.cards:
    with st.container(border=True, key=f"unge-{card.key}"):
        st.subheader(ui.plain(card.heading), anchor=False)
        ui.status(card.status)
        st.markdown(ui.labelled("Mål", card.goal_text))
        ui.key_figures(card.figures)
        if card.gap_sentence:
            st.caption(ui.plain(card.gap_sentence))
        left, right = st.columns(2, gap="large")
        with left:
            ui.chart(card.level)
        with right:
            ui.chart(card.gap)
        if card.cities is not None:
            ui.chart(card.cities)
            if card.cities_missing:
                st.markdown(ui.plain(card.cities_missing))
        if card.members_missing:
            st.markdown(ui.plain(card.members_missing))
        st.markdown(f"##### {ui.plain(card.coverage.title)}")
        st.dataframe(card.coverage.frame, width="stretch")
        ui.table(card.rows)
        context = card.context
        st.markdown(f"##### {ui.plain(context.title)}")
        if context.explanation:
            st.caption(ui.plain(context.explanation))
        if context.not_fetched:
            st.info(ui.plain(context.not_fetched), icon=":material/cloud_off:")
        if context.chart is not None:
            ui.chart(context.chart)
            ui.table(context.rows)
