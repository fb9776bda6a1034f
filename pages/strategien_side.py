"""Strategien: the five principles with their activity figures, and the gang goal beside the
national counts (national context only)."""

import streamlit as st

from sikkerby.ui import components as ui
from sikkerby.views import strategy

view = strategy.build(ui.store(), ui.today().year)

ui.title(view.title)
ui.caption(view.intro)
for block in view.principles:
    with st.container(border=True):
        ui.subheader(block.heading)
        ui.text(block.description)
        if block.note:
            ui.caption(block.note)
        if block.figures:
            ui.key_figures(block.figures)
            ui.caption(block.source)
            ui.table(block.rows)
        else:
            ui.text(block.missing)

card = view.gang
if card is not None:
    ui.header(card.heading)
    ui.status(card.status)
    ui.text(card.goal_text, lead="Mål:")
    ui.key_figures(card.figures)
    ui.chart(card.chart)
    ui.table(card.rows)
    if view.context is not None:
        ui.subheader(view.context_title)
        ui.text(view.context_note)
        if view.context_chart is not None:
            ui.chart(view.context_chart)
        ui.table(view.context)
