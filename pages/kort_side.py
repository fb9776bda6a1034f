"""Kort: the 13 survey districts for one measure and year, with the strategy's threshold.

URL: /kort?indikator=<map_key>&aar=<year>&bydel=<slug>. Widgets are seeded from the URL once per
visit and write it back on every run, so a link restores the view.
"""

import streamlit as st
from streamlit_folium import st_folium

from sikkerby import fmt
from sikkerby.domain import districts
from sikkerby.domain.districts import SIDE_LABELS
from sikkerby.domain.goals import Indicator
from sikkerby.domain.margin import Side
from sikkerby.render import charts, choropleth, leaflet, links
from sikkerby.store import default_store

MEASURE_KEY = "kort_indikator"
YEAR_KEY = "kort_aar"
DISTRICT_KEY = "kort_bydel"
LAST_CLICK_KEY = "kort_sidste_klik"
NOTICES_KEY = "kort_beskeder"


@st.cache_resource(show_spinner=False)
def serve_leaflet() -> None:
    leaflet.serve()


@st.cache_data(show_spinner=False)
def setup() -> tuple[dict[str, Indicator], str, dict[str, str]]:
    """Map measures {key: indicator id}, the default key, and district names {slug: name}."""
    store = default_store()
    measures = {m.map_key: m for m in districts.map_measures(store)}
    default = districts.default_measure(store).map_key
    names = dict(store.areas("bydel")[["area_id", "name"]].itertuples(index=False))
    return measures, default, names


@st.cache_data(show_spinner=False)
def years_of(indicator_id: str) -> dict[int, int]:
    return districts.years(default_store(), indicator_id)


@st.cache_data(show_spinner=False)
def view(indicator_id: str, year: int) -> tuple[districts.DistrictYear, dict, str]:
    """One measure and year: its data, the ranking chart's spec and the legend (cached)."""
    data = districts.district_year(default_store(), indicator_id, year)
    return data, charts.district_ranking(data).to_dict(), choropleth.legend_html(data)


@st.cache_data(show_spinner=False)
def panel(slug: str) -> list[tuple[districts.MeasureHistory, dict]]:
    store = default_store()
    names = setup()[2]
    return [
        (
            h,
            charts.area_vs_city(
                h.indicator, names[slug], h.district, "København", h.city, h.threshold, h.breaks
            ).to_dict(),
        )
        for h in districts.histories(store, slug)
    ]


def sources_line(titles, fallback: str) -> str:
    """'Kilde: a; b.' with each source once, or the measure's source if none are listed."""
    unique = list(dict.fromkeys(t for t in titles if t))
    return "Kilde: " + ("; ".join(unique) if unique else fallback) + "."


serve_leaflet()
measures, default_key, names = setup()

# --- Read the URL once per visit; unknown values fall back with a notice. ---
if MEASURE_KEY not in st.session_state:
    key, measure_notice = links.choose(
        st.query_params.get(links.MEASURE), list(measures), default_key, "indikator"
    )
    counts = years_of(measures[key].indicator)
    year, year_notice = links.choose(
        st.query_params.get(links.YEAR),
        [str(y) for y in counts],
        str(districts.default_year(counts)),
        "år",
    )
    slug, district_notice = links.choose(
        st.query_params.get(links.DISTRICT), list(names), "", "bydel"
    )
    st.session_state[MEASURE_KEY] = key
    st.session_state[YEAR_KEY] = int(year)
    st.session_state[DISTRICT_KEY] = slug or None
    # Shown until the visitor changes the view (the map's first report reruns the page).
    st.session_state[NOTICES_KEY] = (
        (key, int(year), slug or None),
        [n for n in (measure_notice, year_notice, district_notice) if n],
    )
notice_slot = st.container()
st.title("Kort over tryghed i bydelene", anchor=False)
key = st.segmented_control(
    "Mål",
    list(measures),
    format_func=lambda k: measures[k].short_name,
    key=MEASURE_KEY,
    required=True,
)
indicator_id = measures[key].indicator
counts = years_of(indicator_id)
if st.session_state.get(YEAR_KEY) not in counts:
    st.session_state[YEAR_KEY] = districts.default_year(counts)
year = st.segmented_control(
    "År (antal bydele med offentliggjort tal)",
    sorted(counts),
    format_func=lambda y: f"{y} ({counts[y]})",
    key=YEAR_KEY,
    required=True,
)
data, ranking_spec, legend = view(indicator_id, year)
info = data.indicator

map_column, side_column = st.columns([3, 2], gap="large")
with map_column:
    result = st_folium(
        # Built on every run (about 15 ms): streamlit-folium renames a map's elements when it
        # renders one, so a cached folium object would send stale names the second time.
        choropleth.build_map(data),
        key=f"kort-{key}-{year}",
        height=choropleth.HEIGHT_PX,
        use_container_width=True,
        returned_objects=["last_active_drawing", "last_object_clicked_count"],
    )
    secondary = sum(f.quality == "secondary" for f in data.published)
    st.caption(
        sources_line([f.source_title for f in data.published], info.source)
        + (f" {fmt.number(secondary)} af tallene er fra en sekundær kilde." if secondary else "")
        + " Bydelsgrænser: Københavns Kommune (CC BY 4.0). Klik på en bydel for at se dens tal "
        "over tid."
    )
with side_column:
    st.html(legend)

# A click on the map selects its district (only a new click: the map keeps reporting the last).
clicked = (result or {}).get("last_active_drawing")
if clicked:
    click = (key, year, result.get("last_object_clicked_count"), clicked["properties"]["slug"])
    if st.session_state.get(LAST_CLICK_KEY) != click:
        st.session_state[LAST_CLICK_KEY] = click
        if click[3] in names:
            st.session_state[DISTRICT_KEY] = click[3]

# --- Counts, tied to the goal that counts districts on the wrong side. ---
total = len(data.figures)
if data.threshold is not None:
    bad = data.named(Side.BAD)
    around = data.named(Side.AROUND)
    shown = fmt.value(data.threshold.value, info.unit)
    side_word = "over" if data.threshold.bad_side == "over" else "under"
    summary = (
        f"**{fmt.number(len(bad))} af {total} bydele** var {side_word} tærsklen på {shown} i "
        f"{year}, og {fmt.number(len(around))} lå omkring den (inden for usikkerheden). "
        f"{fmt.number(total - len(data.published))} bydele har intet offentliggjort tal her."
    )
    st.markdown(summary)
    if data.goal is not None:
        goal = data.goal
        if data.published_count is not None:
            count = data.published_count
            text = (
                f"**{goal.heading}** ({data.threshold.period}): det offentliggjorte antal for "
                f"{year} er **{fmt.number(count['value'])}** ({count['source_title']})."
            )
            on_map = len(data.wrong_side_by_value())
            if count["value"] > on_map:
                text += (
                    f" Kortet viser {fmt.number(on_map)} af dem; tallene for de øvrige er ikke "
                    "offentliggjort her."
                )
            elif count["value"] == on_map:
                text += f" Kortet viser alle {fmt.number(on_map)} bydele {side_word} tærsklen."
        else:
            text = (
                f"**{goal.heading}** ({data.threshold.period}): intet offentliggjort antal for "
                f"{year}."
            )
        st.markdown(text + f" [Se målet i overblikket]({links.overview(data.threshold.period)})")
else:
    st.markdown(
        f"Strategien har ingen tærskel for {info.short_name.lower()}; farven viser niveauet. "
        f"{fmt.number(len(data.published))} af {total} bydele har et offentliggjort tal for {year}."
    )

st.subheader(f"Bydelene rangeret, {year}", anchor=False)
st.vega_lite_chart(ranking_spec, width="stretch")
st.caption(
    sources_line([f.source_title for f in data.published], info.source)
    + " Vandrette streger: usikkerhed (95 %)."
)

# --- The selected district: every measure over time next to the city. ---
st.subheader("Én bydel over tid", anchor=False)
slug = st.selectbox(
    "Vælg en bydel (eller klik på kortet)",
    [None, *names],
    format_func=lambda s: "Ingen valgt" if s is None else names[s],
    placeholder="Ingen valgt",
    key=DISTRICT_KEY,
)
if slug:
    figure = next(f for f in data.figures if f.slug == slug)
    with st.container(border=True, key="bydel-panel"):
        st.subheader(names[slug], anchor=False)
        st.page_link(
            links.AREA_PAGE,
            label=f"Åbn bydelens side: alle tal for {names[slug]}, og til download",
            query_params={links.DISTRICT: slug},
        )
        value = (
            fmt.value(figure.value, info.unit, info.decimals)
            if figure.value is not None
            else "ingen data"
        )
        columns = st.columns(3)
        columns[0].metric(f"{info.short_name} {year}", value, help=figure.source_title)
        columns[1].metric("Usikkerhed", fmt.margin(figure.margin) if figure.margin else "–")
        change = figure.change
        change = "–" if change is None else fmt.change(change, info.unit, info.decimals)
        columns[2].metric(
            f"Ændring siden {figure.previous_year}" if figure.previous_year else "Ændring",
            change,
            help=districts.change_text(figure, info),
        )
        if data.threshold is not None:
            st.markdown(f"**I forhold til tærsklen:** {SIDE_LABELS[figure.side]}.")
        histories = panel(slug)
        shown = {h.indicator.indicator for h, _ in histories}
        chart_columns = st.columns(2)
        for i, (history, spec) in enumerate(histories):
            with chart_columns[i % 2]:
                st.markdown(f"**{history.indicator.name}**")
                st.vega_lite_chart(spec, width="stretch")
                st.caption(
                    sources_line(
                        [*history.district["source_title"], *history.city["source_title"]],
                        history.indicator.source,
                    )
                )
        missing = [m for m in measures.values() if m.indicator not in shown]
        for m in missing:
            hint = f" Det mangler: {m.missing_hint}." if m.missing_hint else ""
            st.caption(f"{m.short_name}: intet offentliggjort tal for {names[slug]}.{hint}")

# --- Notices about the link, while the view is still the one the link asked for. ---
opened_as, notices = st.session_state.get(NOTICES_KEY, (None, []))
if opened_as == (key, year, slug):
    for notice in notices:
        notice_slot.warning(notice, icon=":material/link_off:")

# --- Write the state back to the URL. ---
params = {links.MEASURE: key, links.YEAR: str(year)}
if slug:
    params[links.DISTRICT] = slug
if dict(st.query_params) != params:
    st.query_params.from_dict(params)
