"""Bydele: one survey district or partnership area against the whole city.

URL: /bydele?bydel=<area_id> (a slug from data/areas.csv, for districts and partnerships alike).
A new value in the URL (a link from the map or the overview) chooses the area; the choice is
written back on every run, so a link restores the view.
"""

from datetime import date

import pandas as pd
import streamlit as st

from sikkerby import fmt
from sikkerby.domain import omraade
from sikkerby.domain.districts import CITY
from sikkerby.render import charts, download, links
from sikkerby.render.locator import locator_svg
from sikkerby.store import default_store

CHOICE_KEY = "bydele_valg"
URL_SEEN_KEY = "bydele_url"


@st.cache_data(show_spinner=False)
def choices() -> dict[str, omraade.Area]:
    return {a.area_id: a for a in omraade.areas(default_store())}


@st.cache_data(show_spinner=False)
def view(area_id: str) -> tuple[list[omraade.Comparison], list[dict], list, dict]:
    """The area's comparisons with their chart specs, its goals and the city's name (cached)."""
    store = default_store()
    area = choices()[area_id]
    city_name = store.areas("by").set_index("area_id").loc[CITY, "name"]
    shown = omraade.comparisons(store, area)
    specs = [
        charts.area_vs_city(
            c.indicator, area.name, c.area, city_name, c.city, c.threshold, c.breaks
        ).to_dict()
        for c in shown
    ]
    return shown, specs, omraade.area_goals(store, area), {"city": city_name}


@st.cache_data(show_spinner=False)
def locator(area_id: str) -> str | None:
    area = choices()[area_id]
    return locator_svg(area.area_id, area.kind, area.footprint)


@st.cache_data(show_spinner=False)
def tables(area_id: str) -> tuple[pd.DataFrame, pd.DataFrame, bytes, bytes]:
    """The coverage table, and the figures shown as a table and as CSV and Excel bytes."""
    shown, _, _, names = view(area_id)
    area = choices()[area_id]
    table = omraade.figures_table(area, shown, names["city"])
    coverage = omraade.coverage(default_store(), area, shown)
    return coverage, table, download.csv_bytes(table), download.excel_bytes(table)


areas = choices()
default = next(iter(areas))
requested = st.query_params.get(links.DISTRICT)
if requested != st.session_state.get(URL_SEEN_KEY) or CHOICE_KEY not in st.session_state:
    # A link was followed or the page opened (Streamlit forgets a page's widgets when another
    # page is shown): the URL decides the area.
    st.session_state[URL_SEEN_KEY] = requested
    chosen, notice = links.choose(
        requested, list(areas), default, "bydel eller område", shown_default=areas[default].name
    )
    st.session_state[CHOICE_KEY] = chosen
    if notice:
        st.warning(notice, icon=":material/link_off:")

st.title("Bydele og partnerskaber", anchor=False)
area_id = st.selectbox(
    "Vælg bydel eller partnerskab",
    list(areas),
    format_func=lambda a: areas[a].label,
    key=CHOICE_KEY,
)
st.query_params[links.DISTRICT] = area_id
st.session_state[URL_SEEN_KEY] = area_id
area = areas[area_id]
shown, specs, area_goals, names = view(area_id)

text_side, map_side = st.columns([3, 1], gap="large")
with text_side:
    st.header(area.name, anchor=False)
    kind = omraade.KIND_LABELS[area.kind]
    about = [kind[0].upper() + kind[1:]]
    if area.parent and area.kind != "bydel":
        about.append(f"ligger i bydelen {area.parent}")
    # A district's note only repeats its kind; a partnership's says what it is.
    repeats_kind = area.note and area.note.lower() == kind.lower()
    note = f" {area.note}." if area.note and area.kind != "bydel" and not repeats_kind else ""
    st.markdown(" · ".join(about) + "." + note)
    nearby = omraade.related(list(areas.values()), area)
    if nearby:
        with st.container(horizontal=True):
            st.markdown("**Se også:**")
            for other in nearby:
                st.page_link(
                    links.AREA_PAGE, label=other.label, query_params={links.DISTRICT: other.area_id}
                )
    if not shown:
        st.info(
            f"Der er ingen offentliggjorte tal for {area.name} i dashboardets data endnu. "
            "Se »Hvilke tal findes?« nedenfor for, hvad der kan lægges ind."
        )
    columns = st.columns(2)
    for i, c in enumerate(shown):
        columns[i % 2].metric(
            f"{c.indicator.short_name} · {int(c.latest['year'])}",
            omraade.latest_text(c),
            help=f"{omraade.change_text(c)}. Kilde: {c.latest['source_title']}. "
            + omraade.source_note(c),
        )
with map_side:
    svg = locator(area_id)
    if svg is None:
        st.caption(
            f"Der er ikke offentliggjort en afgrænsning af {area.name}"
            + (f"; området ligger i bydelen {area.parent}." if area.parent else ".")
        )
    else:
        st.markdown(svg, unsafe_allow_html=True)
        st.caption(omraade.locator_caption(area))

for a in area_goals:
    with st.container(border=True):
        st.markdown(f"**{a.goal.title}**")
        st.badge(a.status.label, icon=a.status.icon, color=a.status.colour)
        st.write(a.status.reason)
        if a.missing_hint:
            st.markdown(f"**Det mangler:** {a.missing_hint}.")

st.caption(charts.HOW_TO_READ)
for c, spec in zip(shown, specs, strict=True):
    with st.container(border=True, key=f"maal-{c.indicator.indicator}"):
        st.subheader(c.indicator.name, anchor=False)
        st.markdown(
            f"**Seneste:** {omraade.latest_text(c)} i {int(c.latest['year'])} · "
            f"{omraade.change_text(c)}"
        )
        st.markdown(omraade.gap_text(c, area.name))
        if source_note := omraade.source_note(c):
            st.markdown(f"**Om kilden:** {source_note}")
        if c.threshold is not None:
            st.markdown(f"**Tærskel ({c.threshold.period}):** {c.threshold.label}.")
        st.vega_lite_chart(spec, width="stretch")
        sources = sorted(set(c.area["source_title"]) | set(c.city["source_title"]))
        st.caption(f"Kilde: {'; '.join(sources)}.")

st.subheader("Hvilke tal findes?", anchor=False)
st.caption(
    "Hvert år og mål for området: tallet, hvor det er offentliggjort, ellers »mangler« og hvad "
    "der ville udfylde det."
)
coverage, table, csv_file, excel_file = tables(area_id)
st.dataframe(coverage, width="stretch")

st.subheader("Tal til mødet", anchor=False)
today = date.today()
left, right = st.columns(2)
left.download_button(
    "Hent tallene som CSV",
    csv_file,
    file_name=download.file_name(area.name, today, "csv"),
    mime="text/csv",
    disabled=table.empty,
)
right.download_button(
    "Hent tallene som Excel",
    excel_file,
    file_name=download.file_name(area.name, today, "xlsx"),
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    disabled=table.empty,
)
with st.expander(f"Tallene i filerne ({fmt.count(len(table), 'række', 'rækker')})"):
    st.table(table.assign(Værdi=[fmt.number(v) for v in table["Værdi"]]), hide_index=True)
