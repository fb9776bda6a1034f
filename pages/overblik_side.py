"""Overblik: where each goal of a strategy period stands against its baseline and target."""

import streamlit as st

from sikkerby.domain import goals, omraade, unge
from sikkerby.domain.status import BADGES, LABELS, StatusKind
from sikkerby.render import charts, links, tables
from sikkerby.store import default_store


@st.cache_data(show_spinner=False)
def cards(period_id: str) -> list[tuple[goals.Assessment, dict]]:
    """Each goal's assessment and chart spec; built once per period (Altair is the slow part)."""
    store = default_store()
    period = next(p for p in goals.periods(store) if p.period == period_id)
    assessed = [goals.assess(store, goal, period) for goal in goals.goals(store, period_id)]
    return [(a, charts.goal_chart(a).to_dict()) for a in assessed]


@st.cache_data(show_spinner=False)
def areas_with_a_page() -> set[str]:
    """Areas with a page of their own besides the whole city: districts and partnerships."""
    return {a.area_id for a in omraade.areas(default_store())}


def goal_card(a: goals.Assessment, chart_spec: dict) -> None:
    with st.container(border=True, key=f"goal-{a.goal.goal_id}"):
        text, chart = st.columns([2, 3], gap="large")
        with text:
            st.subheader(a.goal.heading, anchor=False)
            st.badge(a.status.label, icon=a.status.icon, color=a.status.colour)
            st.write(a.status.reason)
            if a.missing_hint:
                st.markdown(f"**Det mangler:** {a.missing_hint}.")
            st.markdown(f"**Indikator:** {a.indicator.name} ({a.area_name}).")
            figures = tables.key_figures(a)
            columns = st.columns(2)
            for i, (label, value, help_text) in enumerate(figures):
                columns[i % 2].metric(label, value, help=help_text)
            st.markdown(f"**Mål:** {a.goal.description}")
            if a.goal.district_indicator:
                district = goals.indicator(default_store(), a.goal.district_indicator)
                if district.map_key:
                    link = links.district_map(district.map_key)
                    st.markdown(f"[Se bydelene på kortet]({link})")
            if a.goal.compare_area == unge.AVERAGE:
                st.page_link(links.YOUTH_PAGE, label="Se København mod de fire byer")
            if a.goal.area in areas_with_a_page():
                st.page_link(
                    links.AREA_PAGE,
                    label=f"Se alle tal for {a.area_name}",
                    query_params={links.DISTRICT: a.goal.area},
                )
        with chart:
            st.vega_lite_chart(chart_spec, width="stretch")
            st.caption(charts.source_caption(a))
        with st.expander("Tal og kilder bag kortet"):
            if a.goal.note:
                st.caption(a.goal.note)
            st.dataframe(
                tables.rows_table(a.rows),
                hide_index=True,
                width="stretch",
                column_config={"Link": st.column_config.LinkColumn(display_text="Åbn kilde")},
            )


store = default_store()
periods = goals.periods(store)
default = next(p.period for p in periods if p.default)
period_id, notice = links.choose(
    st.query_params.get(links.PERIOD), [p.period for p in periods], default, "strategiperiode"
)
if notice:
    st.warning(notice, icon=":material/link_off:")

st.title("Sikker By – hvor står målene?", anchor=False)
chosen = st.segmented_control(
    "Strategiperiode", [p.period for p in periods], default=period_id, key="periode_valg"
)
period_id = chosen or period_id
st.query_params[links.PERIOD] = period_id
period = next(p for p in periods if p.period == period_id)
if period.note:
    st.caption(period.note)

results = cards(period_id)
with st.container(horizontal=True, key="status-summary"):
    st.markdown(f"**{len(results)} mål:**")
    for kind in StatusKind:
        n = sum(a.status.kind == kind for a, _ in results)
        icon, colour = BADGES[kind]
        st.badge(f"{LABELS[kind]}: {n}", icon=icon, color=colour)

st.caption(charts.HOW_TO_READ)

for group in dict.fromkeys(a.goal.group for a, _ in results):
    st.header(group, anchor=False)
    for a, chart_spec in results:
        if a.goal.group == group:
            goal_card(a, chart_spec)
