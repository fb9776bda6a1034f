"""Kort: the survey districts for one measure and year, with the strategy's threshold.

URL: /kort?indikator=<map_key>&aar=<year>&bydel=<slug>. The widgets follow the URL whenever it
brings new values (a link, the browser's Back and Forward) and write their state back to it.
"""

import streamlit as st

from sikkerby.ui import components as ui
from sikkerby.ui import district_map, fallback
from sikkerby.views import map as map_view

MEASURE_KEY = "kort_indikator"
YEAR_KEY = "kort_aar"
DISTRICT_KEY = "kort_bydel"

store = ui.store()
request = map_view.resolve(store, st.query_params)
measures = map_view.measures(store)
notice_slot = st.container()
ui.title(map_view.TITLE)
if request.measure is None:
    ui.info(map_view.no_figures())
    st.stop()

ui.follow_url(
    "kort", {MEASURE_KEY: request.measure, YEAR_KEY: request.year, DISTRICT_KEY: request.district}
)
measure = st.segmented_control(
    ui.plain(map_view.MEASURE_LABEL),
    list(measures),
    format_func=lambda k: ui.plain(measures[k].short_name),
    key=MEASURE_KEY,
    required=True,
    on_change=fallback.callback(ui.changed("kort")),
)
years = map_view.year_options(store, measure)
if st.session_state[YEAR_KEY] not in years:
    st.session_state[YEAR_KEY] = map_view.default_year(store, measure)
names = map_view.district_names(store)
year = st.segmented_control(
    ui.plain(map_view.YEAR_LABEL),
    list(years),
    format_func=lambda y: ui.plain(years[y]),
    key=YEAR_KEY,
    required=True,
    on_change=fallback.callback(ui.changed("kort")),
)
view = map_view.build(store, measure, year)

# The map, and beside it what goes with it: the district (by keyboard too), the chosen
# district's numbers and the legend, so that all of it is in the first screen.
map_column, side_column = st.columns([3, 2], gap="medium")
with side_column:
    # The list keeps its place whatever is shown around it (a widget that moves is drawn anew
    # and forgets its choice): the legend above it, in the first screen whether or not a
    # district is chosen, and the chosen district's numbers below it.
    above = st.container()
    district = st.selectbox(
        ui.plain(view.district.label),
        [None, *names],
        format_func=lambda s: map_view.NONE_CHOSEN if s is None else names[s],
        placeholder=map_view.NONE_CHOSEN,
        key=DISTRICT_KEY,
        on_change=fallback.callback(ui.changed("kort")),
    )
    below = st.container()
# The address now, before the map: the map reports back as soon as it is drawn, and the run
# that follows reads the page's state from the address.
ui.write_url(map_view.url_params(measure, year, district))
with map_column:
    # The map's own runs are the visitor's too: the address such a run brings can be older than
    # the one this page has just written (a choice made while the map was reporting back).
    clicked = district_map.show(
        view,
        key=f"kort-{measure}-{year}",
        selected=district,
        on_change=fallback.callback(ui.changed("kort")),
    )
    if clicked in names and clicked != district:
        # A click is a choice in the address; the next run follows the address.
        ui.write_url(map_view.url_params(measure, year, clicked))
        st.rerun()
    ui.caption(view.map_source)
panel = map_view.panel(store, measure, year, district) if district else None
with above:
    # With a district chosen, the legend without the districts named under each outline (the
    # map shows them, the panel says the chosen one's side), so that the panel's heading is in
    # the first screen too.
    ui.own_html(view.legend_html if panel is None else view.short_legend_html())
if panel is not None:
    # The chosen district's numbers beside the map, where it is marked.
    with below, st.container(border=True, key="bydel-panel"):
        ui.subheader(panel.name)
        ui.key_figures(panel.figures)
        if panel.side:
            ui.text(panel.side + ".", lead="I forhold til tærsklen:")
        ui.link(panel.page)

ui.text(view.count_text, lead=view.count_headline)
if view.goal_text:
    ui.text(view.goal_text)
    ui.link(view.goal_link)

if panel:
    ui.subheader(f"{panel.name}: {map_view.PANEL_TITLE.lower()}")
    columns = st.columns(2)
    for i, chart in enumerate(panel.charts):
        with columns[i % 2]:
            ui.chart(chart)
    for line in panel.missing:
        ui.caption(line)

ui.subheader(view.ranking_title)
ui.chart(view.ranking)

with notice_slot:
    shown, asked = (measure, year, district), (request.measure, request.year, request.district)
    ui.url_notices("kort", shown, asked, request.notices)

ui.write_url(map_view.url_params(measure, year, district))
