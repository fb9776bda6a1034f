"""Præsentation: the slides of a strategy period for a council meeting, one at a time."""

import streamlit as st

from sikkerby.ui import components as ui
from sikkerby.ui import presenter
from sikkerby.views import presentation

store = ui.store()
as_of = ui.today().year
request = presentation.resolve(store, st.query_params, as_of)
deck = presentation.build(store, request.period, request.measure, request.year, as_of)
presenter.show(deck, request)
