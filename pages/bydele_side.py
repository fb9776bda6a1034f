"""Bydele: one survey district or partnership area against the whole city.

URL: /bydele?bydel=<area_id>. The choice follows the URL whenever it brings a new area (a link
from the map or the overview, the browser's Back and Forward) and is written back to it.
"""

import streamlit as st

from sikkerby.ui import components as ui
from sikkerby.ui import fallback
from sikkerby.views import area as area_view

CHOICE_KEY = "bydele_valg"

store = ui.store()
request = area_view.resolve(store, st.query_params)
notice_slot = st.container()
ui.title(area_view.TITLE)
options = area_view.choices(store)
ui.follow_url("bydele", {CHOICE_KEY: request.area})
area_id = st.selectbox(
    ui.plain(area_view.CHOICE_LABEL),
    list(options),
    format_func=options.get,
    key=CHOICE_KEY,
    on_change=fallback.callback(ui.changed("bydele")),
)
ui.write_url(area_view.url_params(area_id))
with notice_slot:
    ui.url_notices("bydele", (area_id,), (request.area,), request.notices)
view = area_view.build(store, area_id, ui.today())

text_side, map_side = st.columns([3, 1], gap="large")
with text_side:
    ui.header(view.heading)
    ui.text(view.about)
    if view.related:
        with st.container(horizontal=True):
            ui.text(f"{area_view.RELATED_LABEL}:", strong=True)
            for target in view.related:
                ui.link(target)
    if view.no_figures:
        ui.info(view.no_figures)
    ui.key_figures(view.figures)
with map_side:
    if view.locator:
        # The app's own SVG (sikkerby.render.locator): its only text, the label, is escaped.
        ui.own_html(view.locator, inline_svg=True)
    ui.caption(view.locator_caption)

for block in view.goals:
    with st.container(border=True):
        ui.status(block)

if view.how_to_read:
    ui.caption(view.how_to_read)
for card in view.measures:
    with st.container(border=True, key=f"maal-{card.key}"):
        ui.subheader(card.title)
        ui.text(card.latest, lead="Seneste:")
        ui.text(card.gap)
        for label, value in card.notes:
            ui.text(value, lead=f"{label}:")
        ui.chart(card.chart)

ui.subheader(view.coverage_title)
ui.caption(view.coverage_caption)
st.dataframe(view.coverage, width="stretch")

ui.downloads(view.download)
