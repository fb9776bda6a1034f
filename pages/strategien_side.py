"""Strategien: the five principles with their activity figures, and the gang goal beside the
national counts (national context only)."""

import streamlit as st

from sikkerby.ui import components as ui
from sikkerby.views import strategy

view = strategy.build(ui.store(), ui.today().year)

st.title(ui.plain(view.title), anchor=False)
st.caption(ui.plain(view.intro))
for block in view.principles:
    with st.container(border=True):
        st.subheader(ui.plain(block.heading), anchor=False)
        st.markdown(ui.plain(block.description))
        if block.note:
            st.caption(ui.plain(block.note))
        if block.figures:
            ui.key_figures(block.figures)
            st.caption(ui.plain(block.source))
            ui.table(block.rows)
        else:
            st.markdown(ui.plain(block.missing))

card = view.gang
if card is not None:
    st.header(ui.plain(card.heading), anchor=False)
    ui.status(card.status)
    st.markdown(ui.labelled("Mål", card.goal_text))
    ui.key_figures(card.figures)
    ui.chart(card.chart)
    ui.table(card.rows)
    if view.context is not None:
        st.subheader(ui.plain(view.context_title), anchor=False)
        st.markdown(ui.plain(view.context_note))
        if view.context_chart is not None:
            ui.chart(view.context_chart)
        ui.table(view.context)
